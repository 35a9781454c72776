/**
 * Who may call in a direct conversation: its participants, and in a 1:1 only while
 * neither has blocked the other. A block is refused with the very words a message gets
 * (DM_REFUSED), so it stays invisible. A server channel is never a call's room: the call
 * routes answer it like a channel one cannot see.
 */
import { sql } from "drizzle-orm";
import type { Tx } from "../db/client";
import { AppError, errors } from "../errors";
import { type ChannelAccess, requireChannelAccess } from "./access";

export type ConversationAccess = ChannelAccess & { server: null };

/** A conversation the person is in (NOT_FOUND for anything else, server channels included). */
export async function requireConversation(tx: Tx, channelId: bigint, userId: string): Promise<ConversationAccess> {
  let access: ChannelAccess;
  try {
    access = await requireChannelAccess(tx, channelId, userId);
  } catch (err) {
    if (err instanceof AppError && err.code === "FORBIDDEN") throw errors.notFound("Channel");
    throw err;
  }
  if (access.server) throw errors.notFound("Channel");
  return access as ConversationAccess;
}

/** True when either person in a 1:1 conversation blocked the other. */
async function blockedEitherWay(tx: Tx, channelId: bigint, userId: string): Promise<boolean> {
  const result = await tx.execute<{ blocked: boolean }>(sql`
    select exists (
      select 1 from dm_participants p join user_blocks b
        on (b.user_id = ${userId} and b.blocked_id = p.user_id) or (b.user_id = p.user_id and b.blocked_id = ${userId})
      where p.channel_id = ${channelId} and p.user_id <> ${userId}
    ) as blocked`);
  return (result as unknown as { rows: { blocked: boolean }[] }).rows[0]?.blocked === true;
}

/** In a 1:1, neither may have blocked the other (told as DM_REFUSED); a group has no such rule. */
export async function requireNoBlock(tx: Tx, access: ConversationAccess, userId: string): Promise<void> {
  if (access.channel.type !== "dm") return;
  if (access.blockedByPeer || (await blockedEitherWay(tx, access.channel.id, userId))) throw errors.dmRefused();
}

/** A conversation this person may call in (or join the call of, ring in, decline). */
export async function requireCallRoom(tx: Tx, channelId: bigint, userId: string): Promise<ConversationAccess> {
  const access = await requireConversation(tx, channelId, userId);
  await requireNoBlock(tx, access, userId);
  return access;
}
