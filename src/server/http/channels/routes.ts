import { Hono } from "hono";
import { z } from "zod";
import { overwriteInput, updateChannelInput } from "@/shared/api";
import { deleteOverwrite, putOverwrite } from "../../domain/channels/overwrites";
import { deleteChannel, updateChannel } from "../../domain/channels/updateChannel";
import { executeLegacy } from "../../domain/context";
import { type AppEnv, actorOf, idParam, jsonBody, parse } from "../middleware";

const targetIdSchema = z.string().min(1).max(64);

export const channelRoutes = new Hono<AppEnv>()
  .patch("/:channelId", async (c) => {
    const actor = actorOf(c);
    const channelId = idParam(c, "channelId");
    const input = parse(updateChannelInput, await jsonBody(c));
    return c.json(await executeLegacy(c.get("services"), actor, (ctx) => updateChannel({ channelId, ...input }, ctx)));
  })
  .delete("/:channelId", async (c) => {
    const actor = actorOf(c);
    const channelId = idParam(c, "channelId");
    await executeLegacy(c.get("services"), actor, (ctx) => deleteChannel({ channelId }, ctx));
    return c.body(null, 204);
  })
  .put("/:channelId/permissions/:targetId", async (c) => {
    const actor = actorOf(c);
    const channelId = idParam(c, "channelId");
    const targetId = parse(targetIdSchema, c.req.param("targetId"));
    const input = parse(overwriteInput, await jsonBody(c));
    await executeLegacy(c.get("services"), actor, (ctx) => putOverwrite({ channelId, targetId, ...input }, ctx));
    return c.body(null, 204);
  })
  .delete("/:channelId/permissions/:targetId", async (c) => {
    const actor = actorOf(c);
    const channelId = idParam(c, "channelId");
    const targetId = parse(targetIdSchema, c.req.param("targetId"));
    await executeLegacy(c.get("services"), actor, (ctx) => deleteOverwrite({ channelId, targetId }, ctx));
    return c.body(null, 204);
  });
