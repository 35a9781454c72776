import { asc, eq, inArray, sql } from "drizzle-orm";
import type { Channel } from "@/shared/api";
import { Permission, has } from "@/shared/permissions";
import type { Tx } from "../../db/client";
import { channelOverwrites, channels } from "../../db/schema";
import { channelPermissions, requireServerAccess } from "../../policies/access";
import { presentChannel } from "../../presenters";
import { inSequence } from "../../db/sequence";
import { defineQuery } from "../context";

export async function overwritesByChannel(tx: Tx, channelIds: bigint[]) {
  const rows = channelIds.length
    ? await tx.select().from(channelOverwrites).where(inArray(channelOverwrites.channelId, channelIds))
    : [];
  const map = new Map<bigint, (typeof rows)[number][]>();
  for (const r of rows) map.set(r.channelId, [...(map.get(r.channelId) ?? []), r]);
  return map;
}

/** A channel as everyone sees it (without anyone's own permissions). */
export async function presentChannelById(tx: Tx, channelId: bigint): Promise<Channel | null> {
  const [row] = await tx.select().from(channels).where(eq(channels.id, channelId));
  if (!row) return null;
  const overwrites = await overwritesByChannel(tx, [channelId]);
  return presentChannel(row, overwrites.get(channelId) ?? []);
}

/** The channels of a server that the user may view, each with their permissions in it. */
export const listChannels = defineQuery(async ({ serverId }: { serverId: bigint }, { tx, actor }): Promise<Channel[]> => {
  const access = await requireServerAccess(tx, serverId, actor.id);
  const rows = await tx
    .select()
    .from(channels)
    .where(eq(channels.serverId, serverId))
    .orderBy(asc(channels.position), asc(channels.id));
  const ids = rows.map((r) => r.id);
  const [perms, overwrites, latest] = await inSequence([
    () => channelPermissions(tx, access, ids),
    () => overwritesByChannel(tx, ids),
    () => lastMessageIds(tx, ids),
  ]);
  return rows
    .filter((r) => has(perms.get(r.id) ?? 0n, Permission.ViewChannel))
    .map((r) => presentChannel(r, overwrites.get(r.id) ?? [], perms.get(r.id), latest.get(r.id) ?? null));
});

/** Newest live message per channel: one backward index step each, for unread dots. */
export async function lastMessageIds(tx: Tx, channelIds: bigint[]): Promise<Map<bigint, bigint>> {
  if (channelIds.length === 0) return new Map();
  const result = await tx.execute<{ id: string | bigint; last: string | bigint | null }>(sql`
    select c.id, (select m.id from messages m where m.channel_id = c.id and m.deleted_at is null order by m.id desc limit 1) as last
    from channels c where c.id in (${sql.join(channelIds.map((id) => sql`${id}`), sql`, `)})`);
  const rows = (result as unknown as { rows: { id: string | bigint; last: string | bigint | null }[] }).rows;
  return new Map(rows.filter((r) => r.last !== null).map((r) => [BigInt(r.id), BigInt(r.last!)]));
}
