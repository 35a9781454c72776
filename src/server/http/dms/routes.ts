import { Hono } from "hono";
import { updateGroupDmInput } from "@/shared/api";
import { execute } from "../../domain/context";
import { addRecipient, removeRecipient, updateGroup } from "../../domain/dms/conversations";
import { type AppEnv, actorOf, idParam, jsonBody, parse, userIdParam } from "../middleware";

/** Group conversations: rename, icon, people. Messages go through /channels like any channel. */
export const dmRoutes = new Hono<AppEnv>()
  .patch("/:channelId", async (c) => {
    const actor = actorOf(c);
    const channelId = idParam(c, "channelId");
    const input = parse(updateGroupDmInput, await jsonBody(c));
    return c.json(await execute(c.get("services"), actor, updateGroup, { channelId, ...input }));
  })
  .put("/:channelId/recipients/:userId", async (c) => {
    const actor = actorOf(c);
    const channelId = idParam(c, "channelId");
    const userId = userIdParam(c);
    return c.json(await execute(c.get("services"), actor, addRecipient, { channelId, userId }));
  })
  .delete("/:channelId/recipients/:userId", async (c) => {
    const actor = actorOf(c);
    const channelId = idParam(c, "channelId");
    const userId = userIdParam(c);
    await execute(c.get("services"), actor, removeRecipient, { channelId, userId });
    return c.body(null, 204);
  });
