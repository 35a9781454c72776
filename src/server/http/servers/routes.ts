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
import { execute } from "../../domain/context";
import { markServerRead } from "../../domain/messages/readStates";
import { createInvite, listInvites } from "../../domain/invites/manageInvites";
import { createServer } from "../../domain/servers/createServer";
import { deleteServer, updateServer } from "../../domain/servers/manageServer";
import { getServerDetail, listMyServers } from "../../domain/servers/queries";
import { type AppEnv, actorOf, idParam, jsonBody, parse } from "../middleware";

export const serverRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    const actor = actorOf(c);
    return c.json(await execute(c.get("services"), actor, listMyServers, {}));
  })
  .post("/", async (c) => {
    const actor = actorOf(c);
    const input = parse(createServerInput, await jsonBody(c));
    const { server } = await execute(c.get("services"), actor, createServer, input);
    return c.json(server, 201);
  })
  .get("/:serverId", async (c) => {
    const actor = actorOf(c);
    return c.json(await execute(c.get("services"), actor, getServerDetail, { serverId: idParam(c, "serverId") }));
  })
  .patch("/:serverId", async (c) => {
    const actor = actorOf(c);
    const serverId = idParam(c, "serverId");
    const input = parse(updateServerInput, await jsonBody(c));
    return c.json(await execute(c.get("services"), actor, updateServer, { serverId, ...input }));
  })
  .delete("/:serverId", async (c) => {
    const actor = actorOf(c);
    const serverId = idParam(c, "serverId");
    const input = parse(deleteServerInput, await jsonBody(c));
    await execute(c.get("services"), actor, deleteServer, { serverId, ...input });
    return c.body(null, 204);
  })
  .get("/:serverId/channels", async (c) => {
    const actor = actorOf(c);
    return c.json(await execute(c.get("services"), actor, listChannels, { serverId: idParam(c, "serverId") }));
  })
  .post("/:serverId/channels", async (c) => {
    const actor = actorOf(c);
    const serverId = idParam(c, "serverId");
    const input = parse(createChannelInput, await jsonBody(c));
    const channel = await execute(c.get("services"), actor, createChannel, { serverId, ...input });
    return c.json(channel, 201);
  })
  .patch("/:serverId/channels", async (c) => {
    const actor = actorOf(c);
    const serverId = idParam(c, "serverId");
    const items = parse(reorderChannelsInput, await jsonBody(c));
    await execute(c.get("services"), actor, reorderChannels, { serverId, items });
    return c.body(null, 204);
  })
  .get("/:serverId/invites", async (c) => {
    const actor = actorOf(c);
    return c.json(await execute(c.get("services"), actor, listInvites, { serverId: idParam(c, "serverId") }));
  })
  .post("/:serverId/invites", async (c) => {
    const actor = actorOf(c);
    const serverId = idParam(c, "serverId");
    const input = parse(createInviteInput, await jsonBody(c));
    const invite = await execute(c.get("services"), actor, createInvite, { serverId, ...input });
    return c.json(invite, 201);
  })
  .post("/:serverId/ack", async (c) => {
    const actor = actorOf(c);
    return c.json(await execute(c.get("services"), actor, markServerRead, { serverId: idParam(c, "serverId") }));
  })
  .get("/:serverId/audit-log", async (c) => {
    const actor = actorOf(c);
    const serverId = idParam(c, "serverId");
    const q = parse(auditLogQuery, c.req.query());
    const entries = await execute(c.get("services"), actor, listAuditLog, {
      serverId,
      action: q.action,
      userId: q.userId,
      before: q.before === undefined ? undefined : BigInt(q.before),
      limit: q.limit,
    });
    return c.json(entries);
  });
