import { and, eq, sql } from "drizzle-orm";
import type { SendMessageInput } from "@/shared/api";
import { Permission, has } from "@/shared/permissions";
import { newId } from "../../db/snowflake";
import { messages } from "../../db/schema";
import { errors } from "../../errors";
import { requireChannelAccess, requirePermission } from "../../policies/access";
import type { CommandContext } from "../context";
import { parseMentions, resolveMentions } from "./mentions";
import { loadMessage } from "./present";
import type { SendLimiter } from "./send-limits";

const NO_MENTIONS = { users: [] as string[], roles: [] as bigint[], everyone: false };

/**
 * Sends a message. The same nonce from the same author in the same channel is the same
 * message: a retry returns the stored one (`created: false`) and publishes nothing.
 * Its one write is a single INSERT, so it runs without a surrounding transaction.
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
  const nonce = props.nonce ?? null;
  if (nonce !== null) {
    // A retry of a stored message is answered before any limit: it sends nothing new.
    const [existing] = await tx
      .select({ id: messages.id })
      .from(messages)
      .where(and(eq(messages.channelId, props.channelId), eq(messages.authorId, actor.id), eq(messages.nonce, nonce)));
    if (existing) return { message: (await loadMessage(tx, existing.id, actor.id))!, created: false };
  }
  const exempt = has(access.permissions, Permission.ManageMessages) || has(access.permissions, Permission.ManageChannels);
  deps.limiter.check(actor.id, props.channelId, exempt ? 0 : access.channel.slowmodeSeconds);

  let replyToId: bigint | null = null;
  if (props.replyToId) {
    const [original] = await tx
      .select({ id: messages.id })
      .from(messages)
      .where(and(eq(messages.id, BigInt(props.replyToId)), eq(messages.channelId, props.channelId), sql`${messages.deletedAt} is null`));
    if (!original) throw errors.badRequest("The message you reply to is not in this channel.");
    replyToId = original.id;
  }
  const parsed = parseMentions(props.content);
  const mentions =
    parsed.users.length || parsed.roles.length || parsed.everyone
      ? await resolveMentions(tx, access.server.serverId, access.permissions, parsed)
      : NO_MENTIONS;

  // Written as SQL rather than with the query builder: this runs on every send, and
  // building the statement cost more CPU than executing it. The array literals hold only
  // ids confirmed by resolveMentions (member user ids, numeric role ids).
  const inserted = await tx.execute<{ id: string | bigint }>(sql`
    insert into messages (id, channel_id, author_id, content, nonce, reply_to_id, mention_user_ids, mention_role_ids, mention_everyone)
    values (${newId()}, ${props.channelId}, ${actor.id}, ${props.content}, ${nonce}, ${replyToId},
      ${`{${mentions.users.map((u) => `"${u}"`).join(",")}}`}::text[], ${`{${mentions.roles.join(",")}}`}::bigint[], ${mentions.everyone})
    on conflict (channel_id, author_id, nonce) do nothing
    returning id`);
  const row = (inserted as unknown as { rows: { id: string | bigint }[] }).rows[0];
  if (!row) {
    // Lost a race with a concurrent retry of the same nonce: that one stored it.
    const [existing] = await tx
      .select({ id: messages.id })
      .from(messages)
      .where(and(eq(messages.channelId, props.channelId), eq(messages.authorId, actor.id), eq(messages.nonce, nonce!)));
    return { message: (await loadMessage(tx, existing!.id, actor.id))!, created: false };
  }
  deps.limiter.record(actor.id, props.channelId);
  const message = (await loadMessage(tx, BigInt(row.id), null))!;
  record({ type: "message.created", channelId: message.channelId, message });
  return { message, created: true };
}
