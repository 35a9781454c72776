/**
 * Read cursors: one per person and channel, moved forward only. Unread and mention
 * counts are derived from the cursor (capped at 100, like "99+"), so no counter can
 * drift from the messages themselves.
 */
import { sql } from "drizzle-orm";
import type { ReadState } from "@/shared/api";
import { limits } from "@/shared/limits";
import type { Tx } from "../../db/client";
import { requireServerAccess } from "../../policies/access";
import { visibleChannels } from "../../policies/visibility";
import { defineCommand, defineQuery } from "../context";
import { requireMessage } from "./manageMessages";

const CAP = limits.unreadCountMax;

interface Row extends Record<string, unknown> {
  channel_id: string | bigint;
  last_read_id: string | bigint;
  unread: number;
  mentions: number;
  last_message_id: string | bigint;
}

/** States for the given channels, counted in one query. */
export async function statesFor(tx: Tx, userId: string, channelIds: bigint[]): Promise<ReadState[]> {
  if (channelIds.length === 0) return [];
  const result = await tx.execute<Row>(sql`
    select c.id as channel_id, coalesce(rs.last_read_id, 0) as last_read_id,
      (select count(*)::int from (
        select 1 from messages m
        where m.channel_id = c.id and m.id > coalesce(rs.last_read_id, 0) and m.deleted_at is null and m.author_id <> ${userId}
        limit ${CAP}) u) as unread,
      (select count(*)::int from (
        select 1 from messages m
        where m.channel_id = c.id and m.id > coalesce(rs.last_read_id, 0) and m.deleted_at is null and m.author_id <> ${userId}
          and (${userId} = any(m.mention_user_ids) or m.mention_everyone
            or m.mention_role_ids && coalesce((select array_agg(mr.role_id) from member_roles mr
              where mr.user_id = ${userId} and mr.server_id = c.server_id), '{}'))
        limit ${CAP}) x) as mentions,
      coalesce((select max(m.id) from messages m where m.channel_id = c.id), 0) as last_message_id
    from channels c
    left join read_states rs on rs.channel_id = c.id and rs.user_id = ${userId}
    where c.id in (${sql.join(channelIds.map((id) => sql`${id}`), sql`, `)}) and c.type <> 'category'`);
  return (result as unknown as { rows: Row[] }).rows.map((r) => ({
    channelId: r.channel_id.toString(),
    lastReadId: r.last_read_id.toString(),
    unreadCount: r.unread,
    mentionCount: r.mentions,
    lastMessageId: r.last_message_id.toString(),
  }));
}

/** Every channel I can see, in every server: the badges of the whole app in one call. */
export const listReadStates = defineQuery(async (_input: Record<string, never>, ctx): Promise<ReadState[]> => {
  const { channelIds } = await visibleChannels(ctx.tx, ctx.actor.id);
  return statesFor(ctx.tx, ctx.actor.id, channelIds);
});

/** Marks a channel read up to a message; other devices hear it and clear their badges. */
export const ackMessage = defineCommand({ transaction: false }, async (input: { channelId: bigint; messageId: bigint }, ctx): Promise<ReadState> => {
  await requireMessage(ctx.tx, input.channelId, input.messageId, ctx.actor.id);
  await ctx.tx.execute(sql`
    insert into read_states (user_id, channel_id, last_read_id) values (${ctx.actor.id}, ${input.channelId}, ${input.messageId})
    on conflict (user_id, channel_id) do update set last_read_id = greatest(read_states.last_read_id, excluded.last_read_id)`);
  const [state] = await statesFor(ctx.tx, ctx.actor.id, [input.channelId]);
  ctx.record({ type: "read.updated", userId: ctx.actor.id, state: state! });
  return state!;
});

/**
 * Marks a channel unread from a message on (Discord's "Mark Unread"): my cursor goes back
 * to just before it, unlike an ack, which only moves forward. My other devices hear it.
 */
export const markUnread = defineCommand({ transaction: false }, async (input: { channelId: bigint; messageId: bigint }, ctx): Promise<ReadState> => {
  await requireMessage(ctx.tx, input.channelId, input.messageId, ctx.actor.id);
  // Ids are snowflakes: one less than the message's sorts just before it and after every older one.
  const before = input.messageId - 1n;
  await ctx.tx.execute(sql`
    insert into read_states (user_id, channel_id, last_read_id) values (${ctx.actor.id}, ${input.channelId}, ${before})
    on conflict (user_id, channel_id) do update set last_read_id = excluded.last_read_id`);
  const [counted] = await statesFor(ctx.tx, ctx.actor.id, [input.channelId]);
  const state: ReadState = { ...counted!, markedUnread: true };
  ctx.record({ type: "read.updated", userId: ctx.actor.id, state });
  return state;
});

/**
 * Marks every channel of a server I can see read up to its newest message (forward only),
 * and tells my devices of each channel that moved.
 */
export const markServerRead = defineCommand({ transaction: true }, async (input: { serverId: bigint }, ctx): Promise<ReadState[]> => {
  const me = ctx.actor.id;
  await requireServerAccess(ctx.tx, input.serverId, me);
  const { channelIds } = await visibleChannels(ctx.tx, me, input.serverId);
  if (channelIds.length === 0) return [];
  const result = await ctx.tx.execute<{ channel_id: string | bigint; last: string | bigint }>(sql`
    select m.channel_id, max(m.id) as last
    from messages m
    left join read_states rs on rs.user_id = ${me} and rs.channel_id = m.channel_id
    where m.channel_id in (${sql.join(channelIds.map((id) => sql`${id}`), sql`, `)})
    group by m.channel_id, rs.last_read_id
    having max(m.id) > coalesce(rs.last_read_id, 0)`);
  const moved = (result as unknown as { rows: { channel_id: string | bigint; last: string | bigint }[] }).rows.map((r) => ({
    channelId: BigInt(r.channel_id),
    last: BigInt(r.last),
  }));
  if (moved.length === 0) return [];
  const values = sql.join(moved.map((r) => sql`(${me}, ${r.channelId}, ${r.last})`), sql`, `);
  await ctx.tx.execute(sql`
    insert into read_states (user_id, channel_id, last_read_id) values ${values}
    on conflict (user_id, channel_id) do update set last_read_id = greatest(read_states.last_read_id, excluded.last_read_id)`);
  const states = await statesFor(ctx.tx, me, moved.map((r) => r.channelId));
  for (const state of states) ctx.record({ type: "read.updated", userId: me, state });
  return states;
});
