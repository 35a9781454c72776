import { asc, eq } from "drizzle-orm";
import type { Channel } from "@/shared/api";
import { Permission, has } from "@/shared/permissions";
import type { Tx } from "../../db/client";
import { channels } from "../../db/schema";
import { channelPermissions, requireServerAccess } from "../../policies/access";
import { presentChannel } from "../../presenters";

/** The channels of a server that the user may view, each with their permissions in it. */
export async function listChannels(tx: Tx, userId: string, serverId: bigint): Promise<Channel[]> {
  const access = await requireServerAccess(tx, serverId, userId);
  const rows = await tx
    .select()
    .from(channels)
    .where(eq(channels.serverId, serverId))
    .orderBy(asc(channels.position), asc(channels.id));
  const perms = await channelPermissions(
    tx,
    access,
    rows.map((r) => r.id),
  );
  return rows
    .filter((r) => has(perms.get(r.id) ?? 0n, Permission.ViewChannel))
    .map((r) => presentChannel(r, perms.get(r.id)));
}
