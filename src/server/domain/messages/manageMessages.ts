import { and, asc, eq, isNull } from "drizzle-orm";
import type { MessageEdit } from "@/shared/api";
import { Permission, has } from "@/shared/permissions";
import type { Tx } from "../../db/client";
import { newId } from "../../db/snowflake";
import { messageEdits, messages } from "../../db/schema";
import { errors } from "../../errors";
import { type ChannelAccess, requireChannelAccess, requirePermission } from "../../policies/access";
import { presentEdit } from "../../presenters";
import { recordAudit } from "../audit/recordAudit";
import { defineCommand, defineQuery } from "../context";
import { mentionsIn, parseMentions } from "./mentions";
import { releaseAttachments } from "../files/attachments";
import { loadMessage } from "./present";
import { writePinLine } from "./systemLines";

/** A live (not deleted) message of a channel the actor can read. */
export async function requireMessage(tx: Tx, channelId: bigint, messageId: bigint, actorId: string) {
  const access = await requireChannelAccess(tx, channelId, actorId);
  requirePermission(access.permissions, Permission.ReadMessageHistory);
  const [message] = await tx
    .select()
    .from(messages)
    .where(and(eq(messages.id, messageId), eq(messages.channelId, channelId), isNull(messages.deletedAt)));
  if (!message) throw errors.notFound("Message");
  return { access, message };
}

function isModerator(access: ChannelAccess) {
  return has(access.permissions, Permission.ManageMessages);
}

/** Only the author edits; the version it replaces is kept. */
export const editMessage = defineCommand({ transaction: true }, async (input: { channelId: bigint; messageId: bigint; content: string }, ctx) => {
  const { access, message } = await requireMessage(ctx.tx, input.channelId, input.messageId, ctx.actor.id);
  if (message.type !== "default") throw errors.badRequest("System messages cannot be edited.");
  if (message.authorId !== ctx.actor.id) throw errors.forbidden("Only the author can edit a message.");
  if (message.content === input.content) return (await loadMessage(ctx.tx, message.id, ctx.actor.id))!;
  // Taken before the writes, at once with its check: parallel edits cannot all pass.
  await ctx.services.limiter.require("message.edit", ctx.actor.id);
  const mentions = await mentionsIn(ctx.tx, access, parseMentions(input.content));
  await ctx.tx.insert(messageEdits).values({ id: newId(), messageId: message.id, content: message.content });
  await ctx.tx
    .update(messages)
    .set({
      content: input.content,
      editedAt: new Date(),
      mentionUserIds: mentions.users,
      mentionRoleIds: mentions.roles,
      mentionEveryone: mentions.everyone,
    })
    .where(eq(messages.id, message.id));
  const presented = (await loadMessage(ctx.tx, message.id, null))!;
  ctx.record({ type: "message.updated", channelId: presented.channelId, message: presented });
  return presented;
});

/** Earlier versions, oldest first: for the author and for moderators. */
export const listEdits = defineQuery(async (input: { channelId: bigint; messageId: bigint }, ctx): Promise<MessageEdit[]> => {
  const { access, message } = await requireMessage(ctx.tx, input.channelId, input.messageId, ctx.actor.id);
  if (message.authorId !== ctx.actor.id && !isModerator(access)) throw errors.missingPermissions(["ManageMessages"]);
  const rows = await ctx.tx.select().from(messageEdits).where(eq(messageEdits.messageId, message.id)).orderBy(asc(messageEdits.id));
  return rows.map(presentEdit);
});

/**
 * Soft delete: readers lose the content at once; the row stays for moderation. A
 * moderator deleting someone else's message is written to the audit log.
 */
export const deleteMessage = defineCommand({ transaction: true }, async (input: { channelId: bigint; messageId: bigint }, ctx) => {
  const { access, message } = await requireMessage(ctx.tx, input.channelId, input.messageId, ctx.actor.id);
  const own = message.authorId === ctx.actor.id;
  // A server's join and pin lines are the server's: only moderators remove them.
  const serverLine = access.server !== null && (message.type === "join" || message.type === "pin");
  if (!own || serverLine) requirePermission(access.permissions, Permission.ManageMessages);
  await ctx.tx.update(messages).set({ deletedAt: new Date(), deletedBy: ctx.actor.id }).where(eq(messages.id, message.id));
  await releaseAttachments(ctx.tx, message.id);
  if (!own && access.server) {
    await recordAudit(ctx, {
      serverId: access.server.serverId,
      action: "message.delete",
      targetType: "message",
      targetId: message.id.toString(),
      targetName: `#${access.channel.name}`,
      changes: [{ key: "content", before: message.content, after: null }],
    });
  }
  ctx.record({ type: "message.deleted", channelId: input.channelId.toString(), messageId: message.id.toString() });
});

/** Pins or unpins; in a server channel the audit-log row is written with it. */
export const setPinned = defineCommand({ transaction: true }, async (input: { channelId: bigint; messageId: bigint; pinned: boolean }, ctx) => {
  const { access, message } = await requireMessage(ctx.tx, input.channelId, input.messageId, ctx.actor.id);
  // In a direct conversation anyone in it may pin, as in Discord.
  if (access.server) requirePermission(access.permissions, Permission.ManageMessages);
  if ((message.pinnedAt !== null) === input.pinned) return;
  await ctx.tx
    .update(messages)
    .set({ pinnedAt: input.pinned ? new Date() : null })
    .where(eq(messages.id, message.id));
  if (access.server) {
    await recordAudit(ctx, {
      serverId: access.server.serverId,
      action: input.pinned ? "message.pin" : "message.unpin",
      targetType: "message",
      targetId: message.id.toString(),
      targetName: `#${access.channel.name}`,
    });
  }
  const presented = (await loadMessage(ctx.tx, message.id, null))!;
  ctx.record({ type: "message.updated", channelId: presented.channelId, message: presented });
  if (input.pinned) await writePinLine(ctx, input.channelId, message.id);
});
