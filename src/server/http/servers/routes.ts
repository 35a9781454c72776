import { Hono } from "hono";
import { createChannelInput, createInviteInput, createServerInput } from "@/shared/api";
import { createChannel } from "../../domain/channels/createChannel";
import { listChannels } from "../../domain/channels/queries";
import { execute } from "../../domain/context";
import { createInvite } from "../../domain/invites/createInvite";
import { createServer } from "../../domain/servers/createServer";
import { getServerDetail, listMembers, listMyServers } from "../../domain/servers/queries";
import { type AppEnv, actorOf, idParam, jsonBody, parse } from "../middleware";

export const serverRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    const actor = actorOf(c);
    return c.json(await listMyServers(c.get("services").db, actor.id));
  })
  .post("/", async (c) => {
    const actor = actorOf(c);
    const input = parse(createServerInput, await jsonBody(c));
    const { server } = await execute(c.get("services"), actor, (ctx) => createServer(input, ctx));
    return c.json(server, 201);
  })
  .get("/:serverId", async (c) => {
    const actor = actorOf(c);
    return c.json(await getServerDetail(c.get("services").db, actor.id, idParam(c, "serverId")));
  })
  .get("/:serverId/channels", async (c) => {
    const actor = actorOf(c);
    return c.json(await listChannels(c.get("services").db, actor.id, idParam(c, "serverId")));
  })
  .post("/:serverId/channels", async (c) => {
    const actor = actorOf(c);
    const serverId = idParam(c, "serverId");
    const input = parse(createChannelInput, await jsonBody(c));
    const channel = await execute(c.get("services"), actor, (ctx) => createChannel({ serverId, ...input }, ctx));
    return c.json(channel, 201);
  })
  .get("/:serverId/members", async (c) => {
    const actor = actorOf(c);
    return c.json(await listMembers(c.get("services").db, actor.id, idParam(c, "serverId")));
  })
  .post("/:serverId/invites", async (c) => {
    const actor = actorOf(c);
    const serverId = idParam(c, "serverId");
    const input = parse(createInviteInput, await jsonBody(c));
    const invite = await execute(c.get("services"), actor, (ctx) => createInvite({ serverId, ...input }, ctx));
    return c.json(invite, 201);
  });
