import { and, eq, isNull } from "drizzle-orm";
import type { SendMessageInput } from "@/shared/api";
import { Permission, has } from "@/shared/permissions";
import { hotStatement } from "../../db/hot-statement";
import { newId } from "../../db/snowflake";
import { messages, user } from "../../db/schema";
import { AppError, errors } from "../../errors";
import type { Granted } from "../../limits";
import { type ChannelAccess, requireChannelAccess, requirePermission } from "../../policies/access";
import { presentAttachment, presentMessage } from "../../presenters";
import { linkAttachments, requireOwnUploads } from "../files/attachments";
import { type CommandContext, defineCommand } from "../context";
import { mentionsIn, parseMentions } from "./mentions";
import { loadMessage } from "./present";
import { reopenConversation } from "../dms/conversations";
import { takeSendSlot, takeSlowmodeSlot } from "./send-limits";
import { sessionHoldsSql } from "../../auth/session";

const NO_MENTIONS = { users: [] as string[], roles: [] as bigint[], everyone: false };

type Mentions = typeof NO_MENTIONS;
type Draft = { channelId: bigint; authorId: string; content: string; nonce: string | null; replyToId: bigint | null; mentions: Mentions };

/**
 * Sends a message. The same nonce from the same author in the same channel is the same
 * message: a retry returns the stored one (`created: false`) and publishes nothing.
 * In a server channel without files its one write is a single INSERT, so it runs
 * without a surrounding transaction (the hot path: BEGIN/COMMIT would add two round
 * trips). With files to link, or in a direct conversation (closed ones reopen), the
 * INSERT and those writes run in one transaction.
 */
export const sendMessage = defineCommand(
  { transaction: false },
  async (input: SendMessageInput & { channelId: bigint }, ctx: CommandContext) => {
    const { actor, tx } = ctx;
    const nonce = input.nonce ?? null;
    const { limiter } = ctx.services;
    // Slots are taken (checked and recorded at once) before anything is written, so
    // parallel sends cannot all pass the check; they are given back if no message is
    // written. The burst slot comes before any query: a flood's refusals cost the
    // database nothing, unless they carry a nonce (a retry is answered, never limited).
    const slots: Granted[] = [];
    const giveBack = () => Promise.all(slots.map((s) => s.giveBack()));
    try {
      slots.push(await takeSendSlot(limiter, actor.id, input.channelId));
      const access = await requireChannelAccess(tx, input.channelId, actor.id);
      requirePermission(access.permissions, Permission.SendMessages);
      if (access.channel.type === "category") throw errors.badRequest("Messages cannot be sent to a category.");
      // Told the same way as "no shared server" or "not accepting messages": a block stays invisible.
      if (access.blockedByPeer) throw errors.dmRefused();
      const exempt = has(access.permissions, Permission.ManageMessages) || has(access.permissions, Permission.ManageChannels);
      if (!exempt && access.channel.slowmodeSeconds > 0) {
        slots.push(await takeSlowmodeSlot(limiter, actor.id, input.channelId, access.channel.slowmodeSeconds));
      }
      const sent = await send(input, ctx, access, nonce);
      if (!sent.created) await giveBack();
      return sent;
    } catch (err) {
      await giveBack();
      if (err instanceof AppError && err.status === 429 && nonce !== null) {
        // A retry of a message already stored sends nothing new: answer it (to whoever may still send here).
        const stored = await storedByNonce(ctx, input.channelId, nonce);
        if (stored) {
          requirePermission((await requireChannelAccess(tx, input.channelId, actor.id)).permissions, Permission.SendMessages);
          return { message: stored, created: false };
        }
      }
      throw err;
    }
  },
);

/** Everything after the slot is taken: the reply, files and mentions, the one write, the event. */
async function send(input: SendMessageInput & { channelId: bigint }, ctx: CommandContext, access: ChannelAccess, nonce: string | null) {
  const { actor, tx, record } = ctx;
  let reply: { id: bigint; content: string; author: { id: string; name: string; image: string | null } } | null = null;
  if (input.replyToId) {
    const [original] = await tx
      .select({ id: messages.id, type: messages.type, content: messages.content, author: { id: user.id, name: user.name, image: user.image } })
      .from(messages)
      .innerJoin(user, eq(user.id, messages.authorId))
      .where(and(eq(messages.id, BigInt(input.replyToId)), eq(messages.channelId, input.channelId), isNull(messages.deletedAt)));
    if (!original) throw errors.badRequest("The message you reply to is not in this channel.");
    // A call's line has no words to quote, as in Discord.
    if (original.type !== "default") throw errors.badRequest("System messages cannot be replied to.");
    reply = original;
  }
  const files = await requireOwnUploads(tx, actor.id, input.channelId, input.attachmentIds ?? []);
  const parsed = parseMentions(input.content);
  const mentions =
    parsed.users.length || parsed.roles.length || parsed.everyone
      ? await mentionsIn(tx, access, parsed)
      : NO_MENTIONS;

  const draft: Draft = { channelId: input.channelId, authorId: actor.id, content: input.content, nonce, replyToId: reply?.id ?? null, mentions };
  const write = async (ctx: CommandContext) => {
    const row = await insertMessage(ctx, draft);
    if (!row) return null;
    await linkAttachments(ctx.tx, row.id, files.map((f) => f.id));
    // A conversation someone closed comes back to their list with the next message (told
    // before the message itself, so their list has it when the message arrives).
    if (!access.server) await reopenConversation(ctx, input.channelId);
    return row;
  };
  const row = files.length > 0 || !access.server ? await ctx.atomically(write) : await write(ctx);
  // No row: this nonce was stored before (a retry), perhaps by a concurrent request.
  if (!row) return { message: (await storedByNonce(ctx, input.channelId, nonce!))!, created: false };
  // A new message has no reactions and we hold everything else: present it without reading it back.
  const message = presentMessage(
    {
      id: row.id,
      type: "default",
      channelId: input.channelId,
      content: input.content,
      nonce,
      createdAt: row.createdAt,
      editedAt: null,
      mentionUserIds: mentions.users,
      mentionRoleIds: mentions.roles,
      mentionEveryone: mentions.everyone,
      pinnedAt: null,
    },
    actor,
    { replyTo: reply && { ...reply, deleted: false }, attachments: files.map(presentAttachment) },
  );
  record({ type: "message.created", channelId: message.channelId, message });
  return { message, created: true };
}

/**
 * The one INSERT; null when the nonce is taken. Written as SQL rather than with the query
 * builder: this runs on every send, and building the statement cost more CPU than
 * executing it; on PostgreSQL it is prepared once per connection. The array literals hold
 * only ids confirmed by mentionsIn (member user ids, numeric role ids). With a session
 * token ($10, from a cached session on PostgreSQL) it writes only while that session
 * holds, checked in the same statement (`held`) instead of a round trip before it.
 */
const insertStatement = hotStatement<{ held: boolean; id: string | bigint | null; created_at: Date | string | null }>(
  "send_message_insert",
  `with held as (select ${sessionHoldsSql("$10", "$3")} as ok),
   ins as (
     insert into messages (id, channel_id, author_id, content, nonce, reply_to_id, mention_user_ids, mention_role_ids, mention_everyone)
     select $1::bigint, $2::bigint, $3::text, $4::text, $5::text, $6::bigint, $7::text[], $8::bigint[], $9::boolean from held where held.ok
     on conflict (channel_id, author_id, nonce) do nothing
     returning id, created_at
   )
   select held.ok as held, ins.id, ins.created_at from held left join ins on true`,
);

async function insertMessage(ctx: CommandContext, draft: Draft): Promise<{ id: bigint; createdAt: Date } | null> {
  const { mentions } = draft;
  const check = ctx.session;
  const [row] = await insertStatement(ctx.tx, [
    newId(),
    draft.channelId,
    draft.authorId,
    draft.content,
    draft.nonce,
    draft.replyToId,
    `{${mentions.users.map((u) => `"${u}"`).join(",")}}`,
    `{${mentions.roles.join(",")}}`,
    mentions.everyone,
    check?.token ?? null,
  ]);
  // The session ended before this statement began: nothing was written (a transaction rolls back).
  if (!row?.held) throw errors.unauthorized();
  if (check) check.proven = true;
  return row.id !== null ? { id: BigInt(row.id), createdAt: new Date(row.created_at!) } : null;
}

async function storedByNonce(ctx: CommandContext, channelId: bigint, nonce: string) {
  const [existing] = await ctx.tx
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.channelId, channelId), eq(messages.authorId, ctx.actor.id), eq(messages.nonce, nonce)));
  return existing ? loadMessage(ctx.tx, existing.id, ctx.actor.id) : null;
}
