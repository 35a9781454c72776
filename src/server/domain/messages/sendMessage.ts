import { and, eq, isNull, sql } from "drizzle-orm";
import type { SendMessageInput } from "@/shared/api";
import { Permission, has } from "@/shared/permissions";
import { newId } from "../../db/snowflake";
import { messages, user } from "../../db/schema";
import { errors } from "../../errors";
import { requireChannelAccess, requirePermission } from "../../policies/access";
import { presentAttachment, presentMessage } from "../../presenters";
import { linkAttachments, requireOwnUploads } from "../files/attachments";
import type { CommandContext } from "../context";
import { mentionsIn, parseMentions } from "./mentions";
import { loadMessage } from "./present";
import type { SendLimiter } from "./send-limits";
import { reopenConversation } from "../dms/conversations";

const NO_MENTIONS = { users: [] as string[], roles: [] as bigint[], everyone: false };

/**
 * Sends a message. The same nonce from the same author in the same channel is the same
 * message: a retry returns the stored one (`created: false`) and publishes nothing.
 * Without files its one write is a single INSERT, so it runs without a surrounding
 * transaction; with files, the route runs it in one (the INSERT and linking them).
 */
export async function sendMessage(
  props: SendMessageInput & { channelId: bigint },
  ctx: CommandContext,
  deps: { limiter: SendLimiter },
) {
  const { actor, tx, record } = ctx;
  const access = await requireChannelAccess(tx, props.channelId, actor.id);
  requirePermission(access.permissions, Permission.SendMessages);
  if (access.channel.type === "category") throw errors.badRequest("Messages cannot be sent to a category.");
  // Told the same way as "no shared server" or "not accepting messages": a block stays invisible.
  if (access.blockedByPeer) throw errors.dmRefused();
  const nonce = props.nonce ?? null;
  const exempt = has(access.permissions, Permission.ManageMessages) || has(access.permissions, Permission.ManageChannels);
  try {
    deps.limiter.check(actor.id, props.channelId, exempt ? 0 : access.channel.slowmodeSeconds);
  } catch (limited) {
    // A retry of a message already stored sends nothing new: answer it, never limit it.
    const stored = nonce === null ? null : await storedByNonce(ctx, props.channelId, nonce);
    if (stored) return { message: stored, created: false };
    throw limited;
  }

  let reply: { id: bigint; content: string; author: { id: string; name: string; image: string | null } } | null = null;
  if (props.replyToId) {
    const [original] = await tx
      .select({ id: messages.id, content: messages.content, author: { id: user.id, name: user.name, image: user.image } })
      .from(messages)
      .innerJoin(user, eq(user.id, messages.authorId))
      .where(and(eq(messages.id, BigInt(props.replyToId)), eq(messages.channelId, props.channelId), isNull(messages.deletedAt)));
    if (!original) throw errors.badRequest("The message you reply to is not in this channel.");
    reply = original;
  }
  const files = await requireOwnUploads(tx, actor.id, props.channelId, props.attachmentIds ?? []);
  const parsed = parseMentions(props.content);
  const mentions =
    parsed.users.length || parsed.roles.length || parsed.everyone
      ? await mentionsIn(tx, access, parsed)
      : NO_MENTIONS;

  // Written as SQL rather than with the query builder: this runs on every send, and
  // building the statement cost more CPU than executing it. The array literals hold only
  // ids confirmed by resolveMentions (member user ids, numeric role ids).
  const inserted = await tx.execute<{ id: string | bigint }>(sql`
    insert into messages (id, channel_id, author_id, content, nonce, reply_to_id, mention_user_ids, mention_role_ids, mention_everyone)
    values (${newId()}, ${props.channelId}, ${actor.id}, ${props.content}, ${nonce}, ${reply?.id ?? null},
      ${`{${mentions.users.map((u) => `"${u}"`).join(",")}}`}::text[], ${`{${mentions.roles.join(",")}}`}::bigint[], ${mentions.everyone})
    on conflict (channel_id, author_id, nonce) do nothing
    returning id, created_at`);
  const row = (inserted as unknown as { rows: { id: string | bigint; created_at: Date | string }[] }).rows[0];
  // No row: this nonce was stored before (a retry), perhaps by a concurrent request.
  if (!row) return { message: (await storedByNonce(ctx, props.channelId, nonce!))!, created: false };
  deps.limiter.record(actor.id, props.channelId);
  await linkAttachments(tx, BigInt(row.id), files.map((f) => f.id));
  // A new message has no reactions and we hold everything else: present it without reading it back.
  const message = presentMessage(
    {
      id: BigInt(row.id),
      channelId: props.channelId,
      content: props.content,
      nonce,
      createdAt: new Date(row.created_at),
      editedAt: null,
      mentionUserIds: mentions.users,
      mentionRoleIds: mentions.roles,
      mentionEveryone: mentions.everyone,
      pinnedAt: null,
    },
    actor,
    { replyTo: reply && { ...reply, deleted: false }, attachments: files.map(presentAttachment) },
  );
  // A conversation someone closed comes back to their list with the next message (told
  // before the message itself, so their list has it when the message arrives).
  if (!access.server) await reopenConversation(ctx, props.channelId);
  record({ type: "message.created", channelId: message.channelId, message });
  return { message, created: true };
}

async function storedByNonce(ctx: CommandContext, channelId: bigint, nonce: string) {
  const [existing] = await ctx.tx
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.channelId, channelId), eq(messages.authorId, ctx.actor.id), eq(messages.nonce, nonce)));
  return existing ? loadMessage(ctx.tx, existing.id, ctx.actor.id) : null;
}
