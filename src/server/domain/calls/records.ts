/**
 * What the call commands, the voice join and the calls subscriber share: one change at a
 * time per conversation, the open call's row, beginning a call (its system line and its
 * rings) and ending one (the line's trace filled in).
 */
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { CallInfo } from "@/shared/calls";
import type { Tx } from "../../db/client";
import { newId } from "../../db/snowflake";
import { calls, dmParticipants, messages, user } from "../../db/schema";
import { errors } from "../../errors";
import { presentCall, presentCallTrace, presentMessage } from "../../presenters";
import type { Services } from "../../services";
import type { CommandContext } from "../context";
import { reopenConversation } from "../dms/conversations";
import type { DomainEvent } from "../events";
import { loadMessage } from "../messages/present";
import { serialByKey } from "../serial";

export type CallRow = typeof calls.$inferSelect;

/**
 * Runs one conversation's call changes one after another (start, join, ring, decline,
 * a ring running out, the end), so that "is anyone still in it?" and "is a call open?"
 * are never answered from under another change. Taken inside a person's voice lock,
 * never the other way round.
 */
export const withCallLock: <T>(channelId: string, work: () => Promise<T>) => Promise<T> = serialByKey();

export async function openCallOf(tx: Tx, channelId: bigint): Promise<CallRow | null> {
  const [row] = await tx
    .select()
    .from(calls)
    .where(and(eq(calls.channelId, channelId), isNull(calls.endedAt)));
  return row ?? null;
}

export async function callInfo(services: Services, row: CallRow): Promise<CallInfo> {
  return presentCall(row, await services.ringing.ringing(row.channelId.toString(), row.id.toString()));
}

/** Everyone in the conversation, longest there first. */
export async function participantsOf(tx: Tx, channelId: bigint): Promise<string[]> {
  const rows = await tx
    .select({ userId: dmParticipants.userId })
    .from(dmParticipants)
    .where(eq(dmParticipants.channelId, channelId))
    .orderBy(asc(dmParticipants.joinedAt));
  return rows.map((r) => r.userId);
}

/**
 * Starts a call: its system line goes out as an ordinary message (history, unread, a
 * closed conversation comes back), and everyone else in the conversation rings. Runs
 * under the conversation's call lock, with no call open.
 */
export async function beginCall(ctx: CommandContext, channelId: bigint, starterId: string, video: boolean): Promise<CallRow> {
  const others = (await participantsOf(ctx.tx, channelId)).filter((id) => id !== starterId);
  // Read, not taken from the actor: a socket's actor carries no avatar.
  const [starter] = await ctx.tx.select({ id: user.id, name: user.name, image: user.image }).from(user).where(eq(user.id, starterId));
  if (!starter) throw errors.notFound("User");
  const { row, message } = await ctx.atomically(async (ctx) => {
    const [line] = await ctx.tx
      .insert(messages)
      .values({ id: newId(), channelId, authorId: starter.id, content: "", type: "call" })
      .returning({ id: messages.id, createdAt: messages.createdAt });
    const messageId = line!.id;
    const [row] = await ctx.tx
      .insert(calls)
      .values({ id: newId(), channelId, messageId, startedBy: starter.id, startedAt: line!.createdAt, video, rungIds: others })
      .returning();
    // Told before the line itself, so a list that had the conversation closed has it when the line arrives.
    await reopenConversation(ctx, channelId);
    const message = presentMessage(
      {
        id: messageId,
        type: "call",
        channelId,
        content: "",
        nonce: null,
        createdAt: row!.startedAt,
        editedAt: null,
        mentionUserIds: [],
        mentionRoleIds: [],
        mentionEveryone: false,
        pinnedAt: null,
      },
      starter,
      { call: presentCallTrace(row!) },
    );
    return { row: row!, message };
  });
  ctx.record({ type: "message.created", channelId: message.channelId, message });
  await ctx.services.ringing.ring(row.id.toString(), channelId.toString(), others);
  await ctx.services.ringing.hold(row.id.toString(), channelId.toString());
  ctx.record({ type: "call.updated", call: await callInfo(ctx.services, row) });
  return row;
}

/**
 * A person takes their place in a conversation's open call (`place` stores it): they join
 * its participants (once) and stop ringing on every device. With no call open the join is
 * refused (NO_CALL), never a new call: a late accept or a device rejoining after a drop
 * must not ring everyone again; a call starts only with `call.start`. Runs inside the
 * person's voice lock.
 */
export async function enterCall(ctx: CommandContext, channelId: bigint, place: () => Promise<void>): Promise<void> {
  await withCallLock(channelId.toString(), async () => {
    const call = await openCallOf(ctx.tx, channelId);
    if (!call) throw errors.noCall();
    await place();
    await joinedCall(ctx, call, ctx.actor.id);
  });
}

async function joinedCall(ctx: CommandContext, call: CallRow, userId: string): Promise<void> {
  if (userId === call.startedBy) await ctx.services.ringing.release(call.channelId.toString(), call.id.toString());
  if (!call.participantIds.includes(userId)) {
    await ctx.tx
      .update(calls)
      .set({ participantIds: sql`array_append(${calls.participantIds}, ${userId}::text)` })
      .where(and(eq(calls.id, call.id), sql`not (${userId}::text = any(${calls.participantIds}))`));
  }
  if (await ctx.services.ringing.stop(call.channelId.toString(), userId, call.id.toString())) {
    ctx.record({ type: "call.updated", call: await callInfo(ctx.services, call) });
  }
}

/**
 * Ends the conversation's open call when nobody is in its room (and, with
 * `unlessRinging`, nobody rings either: a call started over HTTP whose starter has not
 * joined yet stays while it rings). Runs under the call lock.
 */
export async function endCallIfEmpty(
  services: Services,
  channelId: string,
  record: (event: DomainEvent) => void,
  opts: { unlessRinging?: boolean; callId?: string } = {},
): Promise<void> {
  const call = await openCallOf(services.db, BigInt(channelId));
  if (!call || (opts.callId !== undefined && call.id.toString() !== opts.callId)) return;
  if ((await services.voice.inRoom(channelId)).length > 0) return;
  if (opts.unlessRinging && (await services.ringing.ringing(channelId, call.id.toString())).length > 0) return;
  // A call whose starter's join is still on its way stays (the hold's end asks again).
  if (opts.unlessRinging && (await services.ringing.held(channelId, call.id.toString()))) return;
  const [ended] = await services.db
    .update(calls)
    .set({ endedAt: new Date() })
    .where(and(eq(calls.id, call.id), isNull(calls.endedAt)))
    .returning();
  await services.ringing.end(channelId);
  if (!ended) return;
  const message = ended.messageId === null ? null : await loadMessage(services.db, ended.messageId, null);
  if (message) record({ type: "message.updated", channelId, message });
  record({ type: "call.ended", channelId, callId: ended.id.toString() });
}

/**
 * Calls a previous run left open and nobody is in any more are over (their rings went
 * with that process). Run once at start. With shared voice state (Redis) the other nodes'
 * calls are open and in use: a call still has people on a live node, so it stays; a
 * call whose people were on a dead node ends here or when its sweep ends their places.
 */
export async function closeStaleCalls(services: Services): Promise<void> {
  const open = await services.db.select({ channelId: calls.channelId }).from(calls).where(isNull(calls.endedAt));
  const told: DomainEvent[] = [];
  for (const { channelId } of open) {
    const id = channelId.toString();
    await withCallLock(id, () => endCallIfEmpty(services, id, (e) => void told.push(e)));
  }
  services.events.publish(told);
}
