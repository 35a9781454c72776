/**
 * Rules between two people (no server channel involved): who may see whose profile, and
 * who may start a direct conversation with whom. Both rest on sharing a server.
 */
import { type SQL, sql } from "drizzle-orm";
import type { Tx } from "../db/client";
import { members, user, userBlocks } from "../db/schema";
import { errors } from "../errors";

/**
 * True when `viewerId` and `userId` are members of a common server; with `acceptingDms`,
 * only servers where `userId` accepts direct messages from members count.
 */
export function sharesServer(viewerId: string, userId: string | SQL, opts: { acceptingDms?: boolean } = {}): SQL {
  return sql`exists (
    select 1 from ${members} mine join ${members} theirs on theirs.server_id = mine.server_id
    where mine.user_id = ${viewerId} and theirs.user_id = ${userId}${opts.acceptingDms ? sql` and theirs.allow_dms` : sql``})`;
}

/**
 * May `actorId` start a conversation with `otherId`? They share a server where the other
 * accepts messages from members, neither blocked the other, and the other still exists.
 * Every refusal is the same DM_REFUSED, so a block stays invisible.
 */
export async function requireMayStartConversation(tx: Tx, actorId: string, otherId: string) {
  if (actorId === otherId) throw errors.badRequest("You cannot start a conversation with yourself.");
  const result = await tx.execute<{ ok: boolean }>(sql`
    select ${sharesServer(actorId, otherId, { acceptingDms: true })} and not exists (
      select 1 from ${userBlocks} b
      where (b.user_id = ${actorId} and b.blocked_id = ${otherId}) or (b.user_id = ${otherId} and b.blocked_id = ${actorId})
    ) and exists (select 1 from ${user} u where u.id = ${otherId} and u.deleted_at is null) as ok`);
  const ok = (result as unknown as { rows: { ok: boolean }[] }).rows[0]?.ok;
  if (!ok) throw errors.dmRefused();
}
