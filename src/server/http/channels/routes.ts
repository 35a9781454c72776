import { Hono } from "hono";
import { z } from "zod";
import { messageHistoryQuery, overwriteInput, sendMessageInput, updateChannelInput } from "@/shared/api";
import { deleteOverwrite, putOverwrite } from "../../domain/channels/overwrites";
import { deleteChannel, updateChannel } from "../../domain/channels/updateChannel";
import { execute } from "../../domain/context";
import { listMessages } from "../../domain/messages/listMessages";
import { sendMessage } from "../../domain/messages/sendMessage";
import { type AppEnv, actorOf, idParam, jsonBody, parse } from "../middleware";

const targetIdSchema = z.string().min(1).max(64);

export const channelRoutes = new Hono<AppEnv>()
  .patch("/:channelId", async (c) => {
    const actor = actorOf(c);
    const channelId = idParam(c, "channelId");
    const input = parse(updateChannelInput, await jsonBody(c));
    return c.json(await execute(c.get("services"), actor, (ctx) => updateChannel({ channelId, ...input }, ctx)));
  })
  .delete("/:channelId", async (c) => {
    const actor = actorOf(c);
    const channelId = idParam(c, "channelId");
    await execute(c.get("services"), actor, (ctx) => deleteChannel({ channelId }, ctx));
    return c.body(null, 204);
  })
  .put("/:channelId/permissions/:targetId", async (c) => {
    const actor = actorOf(c);
    const channelId = idParam(c, "channelId");
    const targetId = parse(targetIdSchema, c.req.param("targetId"));
    const input = parse(overwriteInput, await jsonBody(c));
    await execute(c.get("services"), actor, (ctx) => putOverwrite({ channelId, targetId, ...input }, ctx));
    return c.body(null, 204);
  })
  .delete("/:channelId/permissions/:targetId", async (c) => {
    const actor = actorOf(c);
    const channelId = idParam(c, "channelId");
    const targetId = parse(targetIdSchema, c.req.param("targetId"));
    await execute(c.get("services"), actor, (ctx) => deleteOverwrite({ channelId, targetId }, ctx));
    return c.body(null, 204);
  })
  .get("/:channelId/messages", async (c) => {
    const actor = actorOf(c);
    const channelId = idParam(c, "channelId");
    const q = parse(messageHistoryQuery, c.req.query());
    const page = await listMessages(c.get("services").db, actor.id, {
      channelId,
      limit: q.limit,
      before: q.before === undefined ? undefined : BigInt(q.before),
      after: q.after === undefined ? undefined : BigInt(q.after),
      around: q.around === undefined ? undefined : BigInt(q.around),
    });
    return c.json(page);
  })
  .post("/:channelId/messages", async (c) => {
    const actor = actorOf(c);
    const channelId = idParam(c, "channelId");
    const input = parse(sendMessageInput, await jsonBody(c));
    const { message, created } = await execute(c.get("services"), actor, (ctx) => sendMessage({ channelId, ...input }, ctx, { limiter: c.get("services").sendLimiter }), {
      transaction: false,
    });
    return c.json(message, created ? 201 : 200);
  });
