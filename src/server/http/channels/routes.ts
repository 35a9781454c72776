import { Hono } from "hono";
import { messageHistoryQuery, sendMessageInput } from "@/shared/api";
import { execute } from "../../domain/context";
import { listMessages } from "../../domain/messages/listMessages";
import { sendMessage } from "../../domain/messages/sendMessage";
import { type AppEnv, actorOf, idParam, jsonBody, parse } from "../middleware";

export const channelRoutes = new Hono<AppEnv>()
  .get("/:channelId/messages", async (c) => {
    const actor = actorOf(c);
    const channelId = idParam(c, "channelId");
    const q = parse(messageHistoryQuery, c.req.query());
    const page = await listMessages(c.get("services").db, actor.id, {
      channelId,
      limit: q.limit,
      before: q.before === undefined ? undefined : BigInt(q.before),
      after: q.after === undefined ? undefined : BigInt(q.after),
    });
    return c.json(page);
  })
  .post("/:channelId/messages", async (c) => {
    const actor = actorOf(c);
    const channelId = idParam(c, "channelId");
    const input = parse(sendMessageInput, await jsonBody(c));
    const { message, created } = await execute(c.get("services"), actor, (ctx) => sendMessage({ channelId, ...input }, ctx), {
      transaction: false,
    });
    return c.json(message, created ? 201 : 200);
  });
