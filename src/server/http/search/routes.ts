import { Hono } from "hono";
import { searchQuery } from "@/shared/api";
import { execute } from "../../domain/context";
import { searchMessages } from "../../domain/search/searchMessages";
import { type AppEnv, actorOf, idParam, parse } from "../middleware";

/** Mounted under /api/v1/servers. */
export const searchRoutes = new Hono<AppEnv>().get("/:serverId/messages/search", async (c) => {
  const actor = actorOf(c);
  const serverId = idParam(c, "serverId");
  const q = parse(searchQuery, c.req.query());
  return c.json(await execute(c.get("services"), actor, searchMessages, { scope: { serverId }, ...q }));
});

/** Mounted under /api/v1/channels: one channel, e.g. a direct conversation. */
export const channelSearchRoutes = new Hono<AppEnv>().get("/:channelId/messages/search", async (c) => {
  const actor = actorOf(c);
  const channelId = idParam(c, "channelId");
  const q = parse(searchQuery, c.req.query());
  return c.json(await execute(c.get("services"), actor, searchMessages, { scope: { channelId }, ...q }));
});
