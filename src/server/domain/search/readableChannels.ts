import { and, eq, ne } from "drizzle-orm";
import { Permission, has } from "@/shared/permissions";
import type { Tx } from "../../db/client";
import { channels } from "../../db/schema";
import { channelPermissions, requireChannelAccess, requireServerAccess } from "../../policies/access";

export interface ReadableChannel {
  id: bigint;
  name: string;
}

/**
 * The channels of a server whose history the user may read: View Channel and Read
 * Message History, after overwrites. Search restricts its SQL to these ids, so a hit
 * can never come from a channel the person could not scroll back through.
 * 404 for an unknown server, 403 for a non-member.
 */
export async function readableChannels(tx: Tx, serverId: bigint, userId: string): Promise<ReadableChannel[]> {
  const access = await requireServerAccess(tx, serverId, userId);
  const rows = await tx
    .select({ id: channels.id, name: channels.name })
    .from(channels)
    .where(and(eq(channels.serverId, serverId), ne(channels.type, "category")));
  const permissions = await channelPermissions(
    tx,
    access,
    rows.map((r) => r.id),
  );
  const needed = Permission.ViewChannel | Permission.ReadMessageHistory;
  return rows.filter((r) => has(permissions.get(r.id) ?? 0n, needed));
}

/** One channel (a server channel or a direct conversation), if its history may be read. */
export async function readableChannel(tx: Tx, channelId: bigint, userId: string): Promise<ReadableChannel[]> {
  const access = await requireChannelAccess(tx, channelId, userId);
  const needed = Permission.ViewChannel | Permission.ReadMessageHistory;
  return has(access.permissions, needed) ? [{ id: access.channel.id, name: access.channel.name }] : [];
}
