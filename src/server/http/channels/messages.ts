import { type Context, Hono } from "hono";
import { editMessageInput, emojiSchema, messageHistoryQuery, sendMessageInput } from "@/shared/api";
import { execute } from "../../domain/context";
import { listMessages, listPins } from "../../domain/messages/listMessages";
import { deleteMessage, editMessage, listEdits, setPinned } from "../../domain/messages/manageMessages";
import { addReaction, listReactors, removeReaction } from "../../domain/messages/reactions";
import { ackMessage, markUnread } from "../../domain/messages/readStates";
import { sendMessage } from "../../domain/messages/sendMessage";
import { type AppEnv, actorOf, idParam, jsonBody, parse, pathParam } from "../middleware";

const optionalId = (v: string | undefined) => (v === undefined ? undefined : BigInt(v));
/** Hono has decoded the path once; a second decoding would turn `%25F0...` into an emoji. */
const emojiParam = (c: Context) => pathParam(c, "emoji", emojiSchema);

/** Mounted under /channels: messages, reactions, pins and read state. */
export const messageRoutes = new Hono<AppEnv>()
  .get("/:channelId/messages", async (c) => {
    const actor = actorOf(c);
    const channelId = idParam(c, "channelId");
    const q = parse(messageHistoryQuery, c.req.query());
    const page = await execute(c.get("services"), actor, listMessages, {
      channelId,
      limit: q.limit,
      before: optionalId(q.before),
      after: optionalId(q.after),
      around: optionalId(q.around),
    }, c.get("sessionCheck"));
    return c.json(page);
  })
  .post("/:channelId/messages", async (c) => {
    const actor = actorOf(c);
    const channelId = idParam(c, "channelId");
    const input = parse(sendMessageInput, await jsonBody(c));
    const services = c.get("services");
    const sent = services.metrics.startSend();
    try {
      const { message, created } = await execute(services, actor, sendMessage, { channelId, ...input }, c.get("sessionCheck"));
      return c.json(message, created ? 201 : 200);
    } finally {
      sent();
    }
  })
  .patch("/:channelId/messages/:messageId", async (c) => {
    const actor = actorOf(c);
    const [channelId, messageId] = [idParam(c, "channelId"), idParam(c, "messageId")];
    const { content } = parse(editMessageInput, await jsonBody(c));
    return c.json(await execute(c.get("services"), actor, editMessage, { channelId, messageId, content }));
  })
  .delete("/:channelId/messages/:messageId", async (c) => {
    const actor = actorOf(c);
    const [channelId, messageId] = [idParam(c, "channelId"), idParam(c, "messageId")];
    await execute(c.get("services"), actor, deleteMessage, { channelId, messageId });
    return c.body(null, 204);
  })
  .get("/:channelId/messages/:messageId/edits", async (c) => {
    const actor = actorOf(c);
    const [channelId, messageId] = [idParam(c, "channelId"), idParam(c, "messageId")];
    return c.json(await execute(c.get("services"), actor, listEdits, { channelId, messageId }));
  })
  .get("/:channelId/messages/:messageId/reactions/:emoji", async (c) => {
    const actor = actorOf(c);
    const [channelId, messageId] = [idParam(c, "channelId"), idParam(c, "messageId")];
    const emoji = emojiParam(c);
    return c.json(await execute(c.get("services"), actor, listReactors, { channelId, messageId, emoji }));
  })
  .put("/:channelId/messages/:messageId/reactions/:emoji/@me", async (c) => {
    const actor = actorOf(c);
    const [channelId, messageId] = [idParam(c, "channelId"), idParam(c, "messageId")];
    const emoji = emojiParam(c);
    await execute(c.get("services"), actor, addReaction, { channelId, messageId, emoji });
    return c.body(null, 204);
  })
  .delete("/:channelId/messages/:messageId/reactions/:emoji/@me", async (c) => {
    const actor = actorOf(c);
    const [channelId, messageId] = [idParam(c, "channelId"), idParam(c, "messageId")];
    const emoji = emojiParam(c);
    await execute(c.get("services"), actor, removeReaction, { channelId, messageId, emoji });
    return c.body(null, 204);
  })
  .post("/:channelId/messages/:messageId/ack", async (c) => {
    const actor = actorOf(c);
    const [channelId, messageId] = [idParam(c, "channelId"), idParam(c, "messageId")];
    return c.json(await execute(c.get("services"), actor, ackMessage, { channelId, messageId }));
  })
  .post("/:channelId/messages/:messageId/unread", async (c) => {
    const actor = actorOf(c);
    const [channelId, messageId] = [idParam(c, "channelId"), idParam(c, "messageId")];
    return c.json(await execute(c.get("services"), actor, markUnread, { channelId, messageId }));
  })
  .get("/:channelId/pins", async (c) => {
    const actor = actorOf(c);
    return c.json(await execute(c.get("services"), actor, listPins, { channelId: idParam(c, "channelId") }));
  })
  .put("/:channelId/pins/:messageId", async (c) => {
    const actor = actorOf(c);
    const [channelId, messageId] = [idParam(c, "channelId"), idParam(c, "messageId")];
    await execute(c.get("services"), actor, setPinned, { channelId, messageId, pinned: true });
    return c.body(null, 204);
  })
  .delete("/:channelId/pins/:messageId", async (c) => {
    const actor = actorOf(c);
    const [channelId, messageId] = [idParam(c, "channelId"), idParam(c, "messageId")];
    await execute(c.get("services"), actor, setPinned, { channelId, messageId, pinned: false });
    return c.body(null, 204);
  });
