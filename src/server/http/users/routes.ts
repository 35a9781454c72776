import { Hono } from "hono";
import { deleteAccountInput, dmSettingsInput, openDmInput, updateProfileInput, usernameCheckQuery, usernameProblem } from "@/shared/api";
import type { AuthProviders, UsernameCheck } from "@/shared/api";
import { isUsernameTaken } from "../../auth/usernames";
import { executeLegacy } from "../../domain/context";
import {
  closeConversation,
  getDmSettings,
  listBlocks,
  listConversations,
  listPeople,
  openDirect,
  setBlocked,
  setDmSettings,
  startGroup,
} from "../../domain/dms/conversations";
import { listReadStates } from "../../domain/messages/readStates";
import { leaveServer } from "../../domain/servers/manageServer";
import { deleteAccount } from "../../domain/users/deleteAccount";
import { getProfile, hasPassword, updateProfile } from "../../domain/users/profile";
import { listSessions, revokeOtherSessions, revokeSession } from "../../domain/users/sessions";
import { errors } from "../../errors";
import { presentSelf } from "../../presenters";
import { type AppEnv, actorOf, idParam, jsonBody, optionalJsonBody, parse, userIdParam } from "../middleware";

/** Public: what the sign-in page offers. */
export const authInfoRoutes = new Hono<AppEnv>().get("/providers", (c) => {
  const { socialProviders, mailer } = c.get("services");
  const body: AuthProviders = { social: socialProviders.map((p) => ({ id: p.id, name: p.name })), emailDelivery: mailer.delivers };
  return c.json(body);
});

export const userRoutes = new Hono<AppEnv>()
  .get("/@me", async (c) => {
    const actor = actorOf(c);
    return c.json(presentSelf(actor, { hasPassword: await hasPassword(c.get("services").db, actor.id) }));
  })
  .patch("/@me", async (c) => {
    const actor = actorOf(c);
    const input = parse(updateProfileInput, await jsonBody(c));
    const services = c.get("services");
    // A taken username is caught by the unique index inside updateProfile (USERNAME_TAKEN).
    const updated = await executeLegacy(services, actor, (ctx) => updateProfile(input, ctx));
    return c.json(presentSelf(updated, { hasPassword: await hasPassword(services.db, actor.id) }));
  })
  .delete("/@me", async (c) => {
    const actor = actorOf(c);
    const input = parse(deleteAccountInput, await optionalJsonBody(c));
    await deleteAccount(c.get("services"), actor, c.get("sessionId"), input);
    return c.body(null, 204);
  })
  .get("/username-check", async (c) => {
    const actor = actorOf(c);
    const { username: raw } = parse(usernameCheckQuery, c.req.query());
    const username = raw.trim().toLowerCase();
    const problem = usernameProblem(username);
    const taken = !problem && (await isUsernameTaken(c.get("services").db, username, actor.id));
    const body: UsernameCheck = problem
      ? { username, available: false, reason: problem }
      : taken
        ? { username, available: false, reason: "That username is taken." }
        : { username, available: true };
    return c.json(body);
  })
  .get("/@me/sessions", async (c) => {
    const actor = actorOf(c);
    return c.json(await listSessions(c.get("services"), actor.id, c.get("sessionId")));
  })
  .delete("/@me/sessions", async (c) => {
    const actor = actorOf(c);
    await revokeOtherSessions(c.get("services"), actor.id, c.get("sessionId"));
    return c.body(null, 204);
  })
  .delete("/@me/sessions/:sessionId", async (c) => {
    const actor = actorOf(c);
    const sessionId = c.req.param("sessionId");
    if (!/^[A-Za-z0-9_-]{1,128}$/.test(sessionId)) throw errors.notFound("Session");
    await revokeSession(c.get("services"), actor.id, sessionId);
    return c.body(null, 204);
  })
  // direct conversations
  .get("/@me/channels", async (c) => {
    const actor = actorOf(c);
    return c.json(await listConversations(c.get("services").db, actor.id));
  })
  .post("/@me/channels", async (c) => {
    const actor = actorOf(c);
    const input = parse(openDmInput, await jsonBody(c));
    const channel = await executeLegacy(c.get("services"), actor, (ctx) =>
      "recipientId" in input ? openDirect(input, ctx) : startGroup(input, ctx),
    );
    return c.json(channel, "recipientId" in input ? 200 : 201);
  })
  .delete("/@me/channels/:channelId", async (c) => {
    const actor = actorOf(c);
    const channelId = idParam(c, "channelId");
    await executeLegacy(c.get("services"), actor, (ctx) => closeConversation({ channelId }, ctx));
    return c.body(null, 204);
  })
  .get("/@me/people", async (c) => {
    const actor = actorOf(c);
    return c.json(await listPeople(c.get("services").db, actor.id));
  })
  .get("/@me/blocks", async (c) => {
    const actor = actorOf(c);
    return c.json(await listBlocks(c.get("services").db, actor.id));
  })
  .put("/@me/blocks/:userId", async (c) => {
    const actor = actorOf(c);
    const userId = userIdParam(c);
    await executeLegacy(c.get("services"), actor, (ctx) => setBlocked({ userId, blocked: true }, ctx));
    return c.body(null, 204);
  })
  .delete("/@me/blocks/:userId", async (c) => {
    const actor = actorOf(c);
    const userId = userIdParam(c);
    await executeLegacy(c.get("services"), actor, (ctx) => setBlocked({ userId, blocked: false }, ctx));
    return c.body(null, 204);
  })
  .get("/@me/servers/:serverId/settings", async (c) => {
    const actor = actorOf(c);
    return c.json(await getDmSettings(c.get("services").db, actor.id, idParam(c, "serverId")));
  })
  .put("/@me/servers/:serverId/settings", async (c) => {
    const actor = actorOf(c);
    const serverId = idParam(c, "serverId");
    const { allowDms } = parse(dmSettingsInput, await jsonBody(c));
    return c.json(await setDmSettings(c.get("services").db, actor.id, serverId, allowDms));
  })
  .get("/@me/read-states", async (c) => {
    const actor = actorOf(c);
    return c.json(await listReadStates(c.get("services").db, actor.id));
  })
  .delete("/@me/servers/:serverId", async (c) => {
    const actor = actorOf(c);
    const serverId = idParam(c, "serverId");
    await executeLegacy(c.get("services"), actor, (ctx) => leaveServer({ serverId }, ctx));
    return c.body(null, 204);
  })
  .get("/:userId/profile", async (c) => {
    const actor = actorOf(c);
    const userId = userIdParam(c);
    return c.json(await getProfile(c.get("services").db, actor.id, userId));
  });
