import { Hono } from "hono";
import { updateGroupDmInput } from "@/shared/api";
import { executeLegacy } from "../../domain/context";
import { addRecipient, removeRecipient, updateGroup } from "../../domain/dms/conversations";
import { type AppEnv, actorOf, idParam, jsonBody, parse, userIdParam } from "../middleware";

/** Group conversations: rename, icon, people. Messages go through /channels like any channel. */
export const dmRoutes = new Hono<AppEnv>()
  .patch("/:channelId", async (c) => {
    const actor = actorOf(c);
    const channelId = idParam(c, "channelId");
    const input = parse(updateGroupDmInput, await jsonBody(c));
    return c.json(await executeLegacy(c.get("services"), actor, (ctx) => updateGroup({ channelId, ...input }, ctx)));
  })
  .put("/:channelId/recipients/:userId", async (c) => {
    const actor = actorOf(c);
    const channelId = idParam(c, "channelId");
    const userId = userIdParam(c);
    return c.json(await executeLegacy(c.get("services"), actor, (ctx) => addRecipient({ channelId, userId }, ctx)));
  })
  .delete("/:channelId/recipients/:userId", async (c) => {
    const actor = actorOf(c);
    const channelId = idParam(c, "channelId");
    const userId = userIdParam(c);
    await executeLegacy(c.get("services"), actor, (ctx) => removeRecipient({ channelId, userId }, ctx));
    return c.body(null, 204);
  });
