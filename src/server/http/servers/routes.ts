import { Hono } from "hono";
import {
  auditLogQuery,
  createChannelInput,
  createInviteInput,
  createServerInput,
  deleteServerInput,
  reorderChannelsInput,
  updateServerInput,
} from "@/shared/api";
import { listAuditLog } from "../../domain/audit/queries";
import { createChannel } from "../../domain/channels/createChannel";
import { listChannels } from "../../domain/channels/queries";
import { reorderChannels } from "../../domain/channels/updateChannel";
import { executeLegacy } from "../../domain/context";
import { createInvite, listInvites } from "../../domain/invites/manageInvites";
import { createServer } from "../../domain/servers/createServer";
import { deleteServer, updateServer } from "../../domain/servers/manageServer";
import { getServerDetail, listMyServers } from "../../domain/servers/queries";
import { type AppEnv, actorOf, idParam, jsonBody, parse } from "../middleware";

export const serverRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    const actor = actorOf(c);
    return c.json(await listMyServers(c.get("services").db, actor.id));
  })
  .post("/", async (c) => {
    const actor = actorOf(c);
    const input = parse(createServerInput, await jsonBody(c));
    const { server } = await executeLegacy(c.get("services"), actor, (ctx) => createServer(input, ctx));
    return c.json(server, 201);
  })
  .get("/:serverId", async (c) => {
    const actor = actorOf(c);
    return c.json(await getServerDetail(c.get("services").db, actor.id, idParam(c, "serverId")));
  })
  .patch("/:serverId", async (c) => {
    const actor = actorOf(c);
    const serverId = idParam(c, "serverId");
    const input = parse(updateServerInput, await jsonBody(c));
    return c.json(await executeLegacy(c.get("services"), actor, (ctx) => updateServer({ serverId, ...input }, ctx)));
  })
  .delete("/:serverId", async (c) => {
    const actor = actorOf(c);
    const serverId = idParam(c, "serverId");
    const input = parse(deleteServerInput, await jsonBody(c));
    await executeLegacy(c.get("services"), actor, (ctx) => deleteServer({ serverId, ...input }, ctx));
    return c.body(null, 204);
  })
  .get("/:serverId/channels", async (c) => {
    const actor = actorOf(c);
    return c.json(await listChannels(c.get("services").db, actor.id, idParam(c, "serverId")));
  })
  .post("/:serverId/channels", async (c) => {
    const actor = actorOf(c);
    const serverId = idParam(c, "serverId");
    const input = parse(createChannelInput, await jsonBody(c));
    const channel = await executeLegacy(c.get("services"), actor, (ctx) => createChannel({ serverId, ...input }, ctx));
    return c.json(channel, 201);
  })
  .patch("/:serverId/channels", async (c) => {
    const actor = actorOf(c);
    const serverId = idParam(c, "serverId");
    const items = parse(reorderChannelsInput, await jsonBody(c));
    await executeLegacy(c.get("services"), actor, (ctx) => reorderChannels({ serverId, items }, ctx));
    return c.body(null, 204);
  })
  .get("/:serverId/invites", async (c) => {
    const actor = actorOf(c);
    return c.json(await listInvites(c.get("services").db, actor.id, idParam(c, "serverId")));
  })
  .post("/:serverId/invites", async (c) => {
    const actor = actorOf(c);
    const serverId = idParam(c, "serverId");
    const input = parse(createInviteInput, await jsonBody(c));
    const invite = await executeLegacy(c.get("services"), actor, (ctx) => createInvite({ serverId, ...input }, ctx));
    return c.json(invite, 201);
  })
  .get("/:serverId/audit-log", async (c) => {
    const actor = actorOf(c);
    const serverId = idParam(c, "serverId");
    const q = parse(auditLogQuery, c.req.query());
    const entries = await listAuditLog(c.get("services").db, actor.id, {
      serverId,
      action: q.action,
      userId: q.userId,
      before: q.before === undefined ? undefined : BigInt(q.before),
      limit: q.limit,
    });
    return c.json(entries);
  });
