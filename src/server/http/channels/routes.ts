import { Hono } from "hono";
import { anyOverwriteTarget, overwriteInput, overwriteTargetSchema, updateChannelInput } from "@/shared/api";
import { deleteOverwrite, putOverwrite } from "../../domain/channels/overwrites";
import { deleteChannel, updateChannel } from "../../domain/channels/updateChannel";
import { execute } from "../../domain/context";
import { type AppEnv, actorOf, idParam, jsonBody, parse, pathParam } from "../middleware";

export const channelRoutes = new Hono<AppEnv>()
  .patch("/:channelId", async (c) => {
    const actor = actorOf(c);
    const channelId = idParam(c, "channelId");
    const input = parse(updateChannelInput, await jsonBody(c));
    return c.json(await execute(c.get("services"), actor, updateChannel, { channelId, ...input }));
  })
  .delete("/:channelId", async (c) => {
    const actor = actorOf(c);
    const channelId = idParam(c, "channelId");
    await execute(c.get("services"), actor, deleteChannel, { channelId });
    return c.body(null, 204);
  })
  .put("/:channelId/permissions/:targetId", async (c) => {
    const actor = actorOf(c);
    const channelId = idParam(c, "channelId");
    const input = parse(overwriteInput, await jsonBody(c));
    const targetId = pathParam(c, "targetId", overwriteTargetSchema(input.type));
    await execute(c.get("services"), actor, putOverwrite, { channelId, targetId, ...input });
    return c.body(null, 204);
  })
  .delete("/:channelId/permissions/:targetId", async (c) => {
    const actor = actorOf(c);
    const channelId = idParam(c, "channelId");
    const targetId = pathParam(c, "targetId", anyOverwriteTarget);
    await execute(c.get("services"), actor, deleteOverwrite, { channelId, targetId });
    return c.body(null, 204);
  });
