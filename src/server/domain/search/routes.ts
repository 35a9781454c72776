import { Hono } from "hono";
import { searchQuery } from "@/shared/api";
import { type AppEnv, actorOf, idParam, parse } from "../../http/middleware";
import { searchMessages } from "./searchMessages";

/** Mounted under /api/v1/servers. */
export const searchRoutes = new Hono<AppEnv>().get("/:serverId/messages/search", async (c) => {
  const actor = actorOf(c);
  const serverId = idParam(c, "serverId");
  const q = parse(searchQuery, c.req.query());
  return c.json(await searchMessages(c.get("services").db, actor.id, { scope: { serverId }, ...q }));
});

/** Mounted under /api/v1/channels: one channel, e.g. a direct conversation. */
export const channelSearchRoutes = new Hono<AppEnv>().get("/:channelId/messages/search", async (c) => {
  const actor = actorOf(c);
  const channelId = idParam(c, "channelId");
  const q = parse(searchQuery, c.req.query());
  return c.json(await searchMessages(c.get("services").db, actor.id, { scope: { channelId }, ...q }));
});
