/**
 * The server's own lines: "Ann joined the server." in the server's system channel and
 * "Ann pinned a message to this channel." where the pin happened. They are ordinary
 * `messages` rows (author: the person who acted, no content) written in the command's
 * transaction and told as `message.created`, so history, unread counts and catch-up work
 * as for any message; the fan-out notifies nobody of them.
 */
import { and, eq } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { newId } from "../../db/snowflake";
import { channels, messages, servers } from "../../db/schema";
import type { CommandContext } from "../context";
import { loadMessage } from "./present";

async function writeLine(ctx: CommandContext, channelId: bigint, type: "join" | "pin", replyToId: bigint | null = null) {
  const id = newId();
  await ctx.tx.insert(messages).values({ id, channelId, authorId: ctx.actor.id, content: "", type, replyToId });
  const message = (await loadMessage(ctx.tx, id, null))!;
  ctx.record({ type: "message.created", channelId: message.channelId, message });
}

/** The server's system channel while it is still one of its text channels; null for none. */
async function systemChannelOf(tx: Tx, serverId: bigint): Promise<bigint | null> {
  const [row] = await tx
    .select({ id: channels.id })
    .from(servers)
    .innerJoin(channels, and(eq(channels.id, servers.systemChannelId), eq(channels.serverId, servers.id), eq(channels.type, "text")))
    .where(eq(servers.id, serverId));
  return row?.id ?? null;
}

/** The actor joined the server: a line in its system channel, if it has one. */
export async function writeJoinLine(ctx: CommandContext, serverId: bigint): Promise<void> {
  const channelId = await systemChannelOf(ctx.tx, serverId);
  if (channelId !== null) await writeLine(ctx, channelId, "join");
}

/** The actor pinned `messageId`: a line in its channel pointing at it (as Discord does). */
export async function writePinLine(ctx: CommandContext, channelId: bigint, messageId: bigint): Promise<void> {
  await writeLine(ctx, channelId, "pin", messageId);
}
