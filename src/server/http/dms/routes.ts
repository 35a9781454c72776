import { Hono } from "hono";
import { z } from "zod";
import { updateGroupDmInput } from "@/shared/api";
import { execute } from "../../domain/context";
import { addRecipient, removeRecipient, updateGroup } from "../../domain/dms/conversations";
import { type AppEnv, actorOf, idParam, jsonBody, parse } from "../middleware";

const userIdSchema = z.string().min(1).max(64);

/** Group conversations: rename, icon, people. Messages go through /channels like any channel. */
export const dmRoutes = new Hono<AppEnv>()
  .patch("/:channelId", async (c) => {
    const actor = actorOf(c);
    const channelId = idParam(c, "channelId");
    const input = parse(updateGroupDmInput, await jsonBody(c));
    return c.json(await execute(c.get("services"), actor, (ctx) => updateGroup({ channelId, ...input }, ctx)));
  })
  .put("/:channelId/recipients/:userId", async (c) => {
    const actor = actorOf(c);
    const channelId = idParam(c, "channelId");
    const userId = parse(userIdSchema, c.req.param("userId"));
    return c.json(await execute(c.get("services"), actor, (ctx) => addRecipient({ channelId, userId }, ctx)));
  })
  .delete("/:channelId/recipients/:userId", async (c) => {
    const actor = actorOf(c);
    const channelId = idParam(c, "channelId");
    const userId = parse(userIdSchema, c.req.param("userId"));
    await execute(c.get("services"), actor, (ctx) => removeRecipient({ channelId, userId }, ctx));
    return c.body(null, 204);
  });
