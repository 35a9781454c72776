/**
 * The inbox: my notifications of the kinds it lists (mentions, replies, missed calls),
 * newest first, keyset on the notification id. Each entry shows its message as I may see
 * it now: null once the message is deleted or its channel is out of my sight (and then
 * no preview either). The unread count is the entries past my read cursor in their
 * channel, in channels I can still view, capped like every badge.
 */
import { sql, type SQL } from "drizzle-orm";
import { inboxKinds, type InboxPage, type InboxQuery } from "@/shared/api/notifications";
import { limits } from "@/shared/limits";
import type { Tx } from "../../db/client";
import { visibleChannels } from "../../policies/visibility";
import { presentNotificationInfo } from "../../presenters/notifications";
import { defineCommand, defineQuery } from "../context";
import { statesFor } from "../messages/readStates";
import { loadMessages } from "../messages/present";
import { previewsOf } from "../../notify/content";

const kinds = sql.join(inboxKinds.map((k) => sql`${k}`), sql`, `);
const CAP = limits.unreadCountMax;

type Id = string | bigint;

interface ItemRow extends Record<string, unknown> {
  id: Id;
  kind: string;
  channel_id: Id;
  message_id: Id;
  created_at: Date | string;
  server_id: Id | null;
  channel_name: string;
  server_name: string | null;
  people: string | null;
  author_name: string;
  author_image: string | null;
}

const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;
const inList = (ids: bigint[]): SQL => sql.join(ids.map((id) => sql`${id}`), sql`, `);

/** Inbox entries past my read cursor, in the channels given (those I can view), up to the cap. */
async function countUnread(tx: Tx, userId: string, channelIds: bigint[]): Promise<number> {
  if (channelIds.length === 0) return 0;
  const result = await tx.execute<{ n: number }>(sql`
    select count(*)::int as n from (
      select 1 from notifications n
      join messages m on m.id = n.message_id and m.deleted_at is null
      left join read_states rs on rs.user_id = n.user_id and rs.channel_id = n.channel_id
      where n.user_id = ${userId} and n.kind in (${kinds}) and n.message_id > coalesce(rs.last_read_id, 0)
        and n.channel_id in (${inList(channelIds)})
      limit ${CAP}) x`);
  return Number(rowsOf<{ n: number }>(result)[0]?.n ?? 0);
}

export const listInbox = defineQuery(async (input: InboxQuery & { limit: number }, ctx): Promise<InboxPage> => {
  const me = ctx.actor.id;
  const before = input.before === undefined ? sql`` : sql`and n.id < ${BigInt(input.before)}`;
  const result = await ctx.tx.execute<ItemRow>(sql`
    select n.id, n.kind, n.channel_id, n.message_id, n.created_at,
      c.server_id, c.name as channel_name, s.name as server_name,
      case when c.server_id is null then (
        select string_agg(pu.name, ', ' order by pu.name) from dm_participants p join "user" pu on pu.id = p.user_id
        where p.channel_id = c.id and p.user_id <> ${me}) end as people,
      u.name as author_name, u.image as author_image
    from notifications n
    join messages m on m.id = n.message_id
    join channels c on c.id = n.channel_id
    left join servers s on s.id = c.server_id
    join "user" u on u.id = m.author_id
    where n.user_id = ${me} and n.kind in (${kinds}) ${before}
    order by n.id desc
    limit ${input.limit}`);
  const rows = rowsOf<ItemRow>(result);
  const { channelIds } = await visibleChannels(ctx.tx, me);
  const visible = new Set(channelIds.map(String));
  const shown = rows.filter((r) => visible.has(String(r.channel_id)));
  // Deleted messages are left out by loadMessages.
  const messages = await loadMessages(ctx.tx, shown.map((r) => BigInt(r.message_id)), me);
  const byId = new Map(messages.map((m) => [m.id, m]));
  // The words with mentions read as names. In the app the preview is always shown: hiding
  // previews is about what a lock screen or a desktop corner shows.
  const previews = await previewsOf(ctx.tx, messages);
  const previewById = new Map(messages.map((m, i) => [m.id, previews[i]!]));
  const items = rows.map((r) => {
    const message = byId.get(String(r.message_id)) ?? null;
    const dm = r.server_id === null;
    const channelName = dm ? r.channel_name || r.people || "Conversation" : `#${r.channel_name}`;
    const notification = presentNotificationInfo({
      id: BigInt(r.id),
      kind: r.kind,
      channelId: BigInt(r.channel_id),
      messageId: BigInt(r.message_id),
      createdAt: new Date(r.created_at),
      serverId: dm ? null : BigInt(r.server_id!),
      channelName,
      serverName: r.server_name,
      author: { name: r.author_name, image: r.author_image },
      content: message ? (previewById.get(message.id) ?? null) : null,
    });
    return { notification, message, place: { channelName, serverName: r.server_name } };
  });
  return { items, unreadCount: await countUnread(ctx.tx, me, channelIds) };
});

/**
 * Marks every inbox entry read: in each channel I can view with unread entries, my read
 * cursor moves (forward only) to the newest of them, and each of my devices hears
 * `read.updated` for that channel, so badges clear and pushes shown elsewhere close.
 */
export const readAllInbox = defineCommand({ transaction: true }, async (_input: Record<string, never>, ctx): Promise<Pick<InboxPage, "unreadCount">> => {
  const me = ctx.actor.id;
  const { channelIds } = await visibleChannels(ctx.tx, me);
  if (channelIds.length === 0) return { unreadCount: 0 };
  const result = await ctx.tx.execute<{ channel_id: Id; last: Id }>(sql`
    select n.channel_id, max(n.message_id) as last
    from notifications n
    join messages m on m.id = n.message_id and m.deleted_at is null
    left join read_states rs on rs.user_id = n.user_id and rs.channel_id = n.channel_id
    where n.user_id = ${me} and n.kind in (${kinds}) and n.message_id > coalesce(rs.last_read_id, 0)
      and n.channel_id in (${inList(channelIds)})
    group by n.channel_id`);
  const moved = rowsOf<{ channel_id: Id; last: Id }>(result).map((r) => ({ channelId: BigInt(r.channel_id), last: BigInt(r.last) }));
  if (moved.length === 0) return { unreadCount: await countUnread(ctx.tx, me, channelIds) };
  const values = sql.join(moved.map((r) => sql`(${me}, ${r.channelId}, ${r.last})`), sql`, `);
  await ctx.tx.execute(sql`
    insert into read_states (user_id, channel_id, last_read_id) values ${values}
    on conflict (user_id, channel_id) do update set last_read_id = greatest(read_states.last_read_id, excluded.last_read_id)`);
  for (const state of await statesFor(ctx.tx, me, moved.map((r) => r.channelId))) {
    ctx.record({ type: "read.updated", userId: me, state });
  }
  return { unreadCount: await countUnread(ctx.tx, me, channelIds) };
});
