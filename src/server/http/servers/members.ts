import { Hono } from "hono";
import { banInput, kickInput, updateMemberInput } from "@/shared/api";
import { execute } from "../../domain/context";
import { banMember, listBans, unbanMember } from "../../domain/members/bans";
import { kickMember, updateMember } from "../../domain/members/manageMembers";
import { listMembers } from "../../domain/servers/queries";
import { type AppEnv, actorOf, idParam, jsonBody, optionalJsonBody, parse, userIdParam } from "../middleware";

/** Mounted under /servers: members and bans. */
export const memberRoutes = new Hono<AppEnv>()
  .get("/:serverId/members", async (c) => {
    const actor = actorOf(c);
    return c.json(await execute(c.get("services"), actor, listMembers, { serverId: idParam(c, "serverId") }));
  })
  .patch("/:serverId/members/:userId", async (c) => {
    const actor = actorOf(c);
    const serverId = idParam(c, "serverId");
    const userId = userIdParam(c);
    const input = parse(updateMemberInput, await jsonBody(c));
    return c.json(await execute(c.get("services"), actor, updateMember, { serverId, userId, ...input }));
  })
  .delete("/:serverId/members/:userId", async (c) => {
    const actor = actorOf(c);
    const serverId = idParam(c, "serverId");
    const userId = userIdParam(c);
    const input = parse(kickInput, await optionalJsonBody(c));
    await execute(c.get("services"), actor, kickMember, { serverId, userId, ...input });
    return c.body(null, 204);
  })
  .get("/:serverId/presences", async (c) => {
    const actor = actorOf(c);
    const services = c.get("services");
    const members = await execute(services, actor, listMembers, { serverId: idParam(c, "serverId") });
    const statuses = await services.presence.statusOfMany(members.map((m) => m.user.id));
    const online = members.map((m) => ({ userId: m.user.id, status: statuses.get(m.user.id) ?? "offline" })).filter((p) => p.status !== "offline");
    return c.json(online);
  })
  .get("/:serverId/bans", async (c) => {
    const actor = actorOf(c);
    return c.json(await execute(c.get("services"), actor, listBans, { serverId: idParam(c, "serverId") }));
  })
  .put("/:serverId/bans/:userId", async (c) => {
    const actor = actorOf(c);
    const serverId = idParam(c, "serverId");
    const userId = userIdParam(c);
    const input = parse(banInput, await optionalJsonBody(c));
    await execute(c.get("services"), actor, banMember, { serverId, userId, ...input });
    return c.body(null, 204);
  })
  .delete("/:serverId/bans/:userId", async (c) => {
    const actor = actorOf(c);
    const serverId = idParam(c, "serverId");
    const userId = userIdParam(c);
    await execute(c.get("services"), actor, unbanMember, { serverId, userId });
    return c.body(null, 204);
  });
