import { type Context, Hono } from "hono";
import { setCookie } from "hono/cookie";
import { APPEARANCE_COOKIE, APPEARANCE_COOKIE_MAX_AGE, encodeAppearance, updateAppearanceInput } from "@/shared/api";
import type { Appearance } from "@/shared/api";
import { deleteAccountInput, dmSettingsInput, openDmInput, updateProfileInput, usernameCheckQuery, usernameProblem } from "@/shared/api";
import type { AuthProviders, UsernameCheck } from "@/shared/api";
import { isUsernameTaken } from "../../auth/usernames";
import { execute } from "../../domain/context";
import { listContacts } from "../../domain/dms/contacts";
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
import { getAppearance, updateAppearance } from "../../domain/users/appearance";
import { deleteAccount } from "../../domain/users/deleteAccount";
import { getProfile, getSelf, updateProfile } from "../../domain/users/profile";
import { listSessions, revokeOtherSessions, revokeSession } from "../../domain/users/sessions";
import { errors } from "../../errors";
import { type AppEnv, actorOf, idParam, jsonBody, optionalJsonBody, parse, userIdParam } from "../middleware";

/** Public: what the sign-in page offers. */
export const authInfoRoutes = new Hono<AppEnv>().get("/providers", (c) => {
  const { socialProviders, mailer } = c.get("services");
  const body: AuthProviders = { social: socialProviders.map((p) => ({ id: p.id, name: p.name })), emailDelivery: mailer.delivers };
  return c.json(body);
});

/**
 * A copy of the appearance for the page renderer, so the first paint has the right theme.
 * Not httpOnly: it says nothing secret, and the browser may read it too.
 */
function appearanceCookie(c: Context<AppEnv>, appearance: Appearance) {
  setCookie(c, APPEARANCE_COOKIE, encodeAppearance(appearance), {
    path: "/",
    sameSite: "Lax",
    maxAge: APPEARANCE_COOKIE_MAX_AGE,
    secure: c.get("services").config.BASE_URL.startsWith("https://"),
  });
  return c.json(appearance);
}

export const userRoutes = new Hono<AppEnv>()
  .get("/@me", async (c) => {
    const actor = actorOf(c);
    return c.json(await execute(c.get("services"), actor, getSelf, {}));
  })
  .patch("/@me", async (c) => {
    const actor = actorOf(c);
    const input = parse(updateProfileInput, await jsonBody(c));
    // A taken username is caught by the unique index inside updateProfile (USERNAME_TAKEN).
    return c.json(await execute(c.get("services"), actor, updateProfile, input));
  })
  .delete("/@me", async (c) => {
    const actor = actorOf(c);
    const input = parse(deleteAccountInput, await optionalJsonBody(c));
    await execute(c.get("services"), actor, deleteAccount, { ...input, sessionId: c.get("sessionId") });
    return c.body(null, 204);
  })
  .get("/@me/appearance", async (c) => {
    const actor = actorOf(c);
    return appearanceCookie(c, await execute(c.get("services"), actor, getAppearance, {}));
  })
  .patch("/@me/appearance", async (c) => {
    const actor = actorOf(c);
    const input = parse(updateAppearanceInput, await jsonBody(c));
    return appearanceCookie(c, await execute(c.get("services"), actor, updateAppearance, input));
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
    return c.json(await execute(c.get("services"), actor, listSessions, { currentId: c.get("sessionId") }));
  })
  .delete("/@me/sessions", async (c) => {
    const actor = actorOf(c);
    await execute(c.get("services"), actor, revokeOtherSessions, { currentId: c.get("sessionId") });
    return c.body(null, 204);
  })
  .delete("/@me/sessions/:sessionId", async (c) => {
    const actor = actorOf(c);
    const sessionId = c.req.param("sessionId");
    if (!/^[A-Za-z0-9_-]{1,128}$/.test(sessionId)) throw errors.notFound("Session");
    await execute(c.get("services"), actor, revokeSession, { sessionId });
    return c.body(null, 204);
  })
  // direct conversations
  .get("/@me/channels", async (c) => {
    const actor = actorOf(c);
    return c.json(await execute(c.get("services"), actor, listConversations, {}));
  })
  .post("/@me/channels", async (c) => {
    const actor = actorOf(c);
    const input = parse(openDmInput, await jsonBody(c));
    const services = c.get("services");
    if ("recipientId" in input) return c.json(await execute(services, actor, openDirect, input), 200);
    return c.json(await execute(services, actor, startGroup, input), 201);
  })
  .delete("/@me/channels/:channelId", async (c) => {
    const actor = actorOf(c);
    const channelId = idParam(c, "channelId");
    await execute(c.get("services"), actor, closeConversation, { channelId });
    return c.body(null, 204);
  })
  .get("/@me/people", async (c) => {
    const actor = actorOf(c);
    return c.json(await execute(c.get("services"), actor, listPeople, {}));
  })
  .get("/@me/contacts", async (c) => {
    const actor = actorOf(c);
    return c.json(await execute(c.get("services"), actor, listContacts, {}));
  })
  .get("/@me/blocks", async (c) => {
    const actor = actorOf(c);
    return c.json(await execute(c.get("services"), actor, listBlocks, {}));
  })
  .put("/@me/blocks/:userId", async (c) => {
    const actor = actorOf(c);
    const userId = userIdParam(c);
    await execute(c.get("services"), actor, setBlocked, { userId, blocked: true });
    return c.body(null, 204);
  })
  .delete("/@me/blocks/:userId", async (c) => {
    const actor = actorOf(c);
    const userId = userIdParam(c);
    await execute(c.get("services"), actor, setBlocked, { userId, blocked: false });
    return c.body(null, 204);
  })
  .get("/@me/servers/:serverId/settings", async (c) => {
    const actor = actorOf(c);
    return c.json(await execute(c.get("services"), actor, getDmSettings, { serverId: idParam(c, "serverId") }));
  })
  .put("/@me/servers/:serverId/settings", async (c) => {
    const actor = actorOf(c);
    const serverId = idParam(c, "serverId");
    const { allowDms } = parse(dmSettingsInput, await jsonBody(c));
    return c.json(await execute(c.get("services"), actor, setDmSettings, { serverId, allowDms }));
  })
  .get("/@me/read-states", async (c) => {
    const actor = actorOf(c);
    return c.json(await execute(c.get("services"), actor, listReadStates, {}));
  })
  .delete("/@me/servers/:serverId", async (c) => {
    const actor = actorOf(c);
    const serverId = idParam(c, "serverId");
    await execute(c.get("services"), actor, leaveServer, { serverId });
    return c.body(null, 204);
  })
  .get("/:userId/profile", async (c) => {
    const actor = actorOf(c);
    const userId = userIdParam(c);
    return c.json(await execute(c.get("services"), actor, getProfile, { userId }));
  });
