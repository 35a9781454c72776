import { Hono } from "hono";
import { editMessageInput, emojiSchema, messageHistoryQuery, sendMessageInput } from "@/shared/api";
import { executeLegacy } from "../../domain/context";
import { listMessages, listPins } from "../../domain/messages/listMessages";
import { deleteMessage, editMessage, listEdits, setPinned } from "../../domain/messages/manageMessages";
import { addReaction, listReactors, removeReaction } from "../../domain/messages/reactions";
import { ackMessage } from "../../domain/messages/readStates";
import { sendMessage } from "../../domain/messages/sendMessage";
import { type AppEnv, actorOf, idParam, jsonBody, parse } from "../middleware";

const optionalId = (v: string | undefined) => (v === undefined ? undefined : BigInt(v));
const emojiParam = (raw: string | undefined) => parse(emojiSchema, decodeURIComponent(raw ?? ""));

/** Mounted under /channels: messages, reactions, pins and read state. */
export const messageRoutes = new Hono<AppEnv>()
  .get("/:channelId/messages", async (c) => {
    const actor = actorOf(c);
    const channelId = idParam(c, "channelId");
    const q = parse(messageHistoryQuery, c.req.query());
    const page = await listMessages(c.get("services").db, actor.id, {
      channelId,
      limit: q.limit,
      before: optionalId(q.before),
      after: optionalId(q.after),
      around: optionalId(q.around),
    });
    return c.json(page);
  })
  .post("/:channelId/messages", async (c) => {
    const actor = actorOf(c);
    const channelId = idParam(c, "channelId");
    const input = parse(sendMessageInput, await jsonBody(c));
    const { sendLimiter: limiter } = c.get("services");
    const { message, created } = await executeLegacy(c.get("services"), actor, (ctx) => sendMessage({ channelId, ...input }, ctx, { limiter }), {
      transaction: (input.attachmentIds?.length ?? 0) > 0,
    });
    return c.json(message, created ? 201 : 200);
  })
  .patch("/:channelId/messages/:messageId", async (c) => {
    const actor = actorOf(c);
    const [channelId, messageId] = [idParam(c, "channelId"), idParam(c, "messageId")];
    const { content } = parse(editMessageInput, await jsonBody(c));
    return c.json(await executeLegacy(c.get("services"), actor, (ctx) => editMessage({ channelId, messageId, content }, ctx)));
  })
  .delete("/:channelId/messages/:messageId", async (c) => {
    const actor = actorOf(c);
    const [channelId, messageId] = [idParam(c, "channelId"), idParam(c, "messageId")];
    await executeLegacy(c.get("services"), actor, (ctx) => deleteMessage({ channelId, messageId }, ctx));
    return c.body(null, 204);
  })
  .get("/:channelId/messages/:messageId/edits", async (c) => {
    const actor = actorOf(c);
    const [channelId, messageId] = [idParam(c, "channelId"), idParam(c, "messageId")];
    return c.json(await listEdits(c.get("services").db, actor.id, { channelId, messageId }));
  })
  .get("/:channelId/messages/:messageId/reactions/:emoji", async (c) => {
    const actor = actorOf(c);
    const [channelId, messageId] = [idParam(c, "channelId"), idParam(c, "messageId")];
    const emoji = emojiParam(c.req.param("emoji"));
    return c.json(await listReactors(c.get("services").db, actor.id, { channelId, messageId, emoji }));
  })
  .put("/:channelId/messages/:messageId/reactions/:emoji/@me", async (c) => {
    const actor = actorOf(c);
    const [channelId, messageId] = [idParam(c, "channelId"), idParam(c, "messageId")];
    const emoji = emojiParam(c.req.param("emoji"));
    await executeLegacy(c.get("services"), actor, (ctx) => addReaction({ channelId, messageId, emoji }, ctx));
    return c.body(null, 204);
  })
  .delete("/:channelId/messages/:messageId/reactions/:emoji/@me", async (c) => {
    const actor = actorOf(c);
    const [channelId, messageId] = [idParam(c, "channelId"), idParam(c, "messageId")];
    const emoji = emojiParam(c.req.param("emoji"));
    await executeLegacy(c.get("services"), actor, (ctx) => removeReaction({ channelId, messageId, emoji }, ctx));
    return c.body(null, 204);
  })
  .post("/:channelId/messages/:messageId/ack", async (c) => {
    const actor = actorOf(c);
    const [channelId, messageId] = [idParam(c, "channelId"), idParam(c, "messageId")];
    return c.json(await executeLegacy(c.get("services"), actor, (ctx) => ackMessage({ channelId, messageId }, ctx)));
  })
  .get("/:channelId/pins", async (c) => {
    const actor = actorOf(c);
    return c.json(await listPins(c.get("services").db, actor.id, idParam(c, "channelId")));
  })
  .put("/:channelId/pins/:messageId", async (c) => {
    const actor = actorOf(c);
    const [channelId, messageId] = [idParam(c, "channelId"), idParam(c, "messageId")];
    await executeLegacy(c.get("services"), actor, (ctx) => setPinned({ channelId, messageId, pinned: true }, ctx));
    return c.body(null, 204);
  })
  .delete("/:channelId/pins/:messageId", async (c) => {
    const actor = actorOf(c);
    const [channelId, messageId] = [idParam(c, "channelId"), idParam(c, "messageId")];
    await executeLegacy(c.get("services"), actor, (ctx) => setPinned({ channelId, messageId, pinned: false }, ctx));
    return c.body(null, 204);
  });
