/**
 * Calls in direct conversations, as the people in them drive them: see the open call,
 * start one (or get the one already open), ring people again, decline a ring. Joining
 * and leaving the call are `voice.join` / `voice.leave` on the conversation's room
 * (domain/voice/selfVoice.ts); the end comes when its room empties (calls-subscriber.ts).
 */
import { and, eq, isNull, sql } from "drizzle-orm";
import type { CallInfo } from "@/shared/calls";
import type { VoiceState } from "@/shared/voice";
import { calls, dmParticipants } from "../../db/schema";
import { isUniqueViolation } from "../../db/violations";
import { errors } from "../../errors";
import { requireCallRoom } from "../../policies/calls";
import { defineCommand, defineQuery } from "../context";
import { takeSendSlot } from "../messages/send-limits";
import { beginCall, callInfo, endCallIfEmpty, openCallOf, participantsOf, withCallLock } from "./records";

/** The conversation's open call, or null. */
/** The open call and who is in it now (a conversation opened mid-call shows them before joining). */
export const getCall = defineQuery(async (input: { channelId: bigint }, ctx): Promise<{ call: CallInfo | null; states: VoiceState[] }> => {
  await requireCallRoom(ctx.tx, input.channelId, ctx.actor.id);
  const call = await openCallOf(ctx.tx, input.channelId);
  if (!call) return { call: null, states: [] };
  return { call: await callInfo(ctx.services, call), states: await ctx.services.voice.inRoom(input.channelId.toString()) };
});

/** Open calls in my conversations: a device that loads while it rings shows the ring. */
export const listMyCalls = defineQuery(async (_input: Record<string, never>, ctx): Promise<CallInfo[]> => {
  const rows = await ctx.tx
    .select({ call: calls })
    .from(calls)
    .innerJoin(dmParticipants, and(eq(dmParticipants.channelId, calls.channelId), eq(dmParticipants.userId, ctx.actor.id)))
    .where(isNull(calls.endedAt))
    .orderBy(calls.id);
  return Promise.all(rows.map((r) => callInfo(ctx.services, r.call)));
});

/**
 * Starts a call and rings everyone else in the conversation; with a call open already,
 * that one is the answer (`created: false`). The caller joins it with `voice.join` next.
 */
export const startCall = defineCommand(
  { transaction: false }, // under the call lock: the line, the call and a reopened conversation go in one `atomically`
  async (input: { channelId: bigint; video: boolean }, ctx): Promise<{ call: CallInfo; created: boolean }> => {
    await requireCallRoom(ctx.tx, input.channelId, ctx.actor.id);
    return withCallLock(input.channelId.toString(), async () => {
      const open = await openCallOf(ctx.tx, input.channelId);
      if (open) return { call: await callInfo(ctx.services, open), created: false };
      // Its line is a message: it takes a slot of the same send limit.
      await takeSendSlot(ctx.services.limiter, ctx.actor.id, input.channelId);
      try {
        const call = await beginCall(ctx, input.channelId, ctx.actor.id, input.video);
        return { call: await callInfo(ctx.services, call), created: true };
      } catch (err) {
        // Opened a moment ago from another process (the call lock is per process; the
        // database keeps one open call per conversation): that call is the answer.
        if (!isUniqueViolation(err)) throw err;
        const opened = await openCallOf(ctx.tx, input.channelId);
        if (!opened) throw err;
        return { call: await callInfo(ctx.services, opened), created: false };
      }
    });
  },
);

/**
 * Rings people again (by default everyone in the conversation who is not in the call):
 * only someone in the call may, and only people of the conversation who are not in it.
 */
export const ringCall = defineCommand(
  { transaction: false },
  async (input: { channelId: bigint; userIds?: string[] }, ctx): Promise<CallInfo> => {
    await requireCallRoom(ctx.tx, input.channelId, ctx.actor.id);
    const channelId = input.channelId.toString();
    return withCallLock(channelId, async () => {
      const call = await openCallOf(ctx.tx, input.channelId);
      if (!call) throw errors.notFound("Call");
      const inRoom = new Set((await ctx.services.voice.inRoom(channelId)).map((s) => s.userId));
      if (!inRoom.has(ctx.actor.id)) throw errors.notInVoice("Join the call to ring people.");
      const outside = (await participantsOf(ctx.tx, input.channelId)).filter((id) => !inRoom.has(id));
      const targets = input.userIds ? [...new Set(input.userIds)] : outside;
      if (targets.some((id) => !outside.includes(id))) {
        throw errors.badRequest("You can only ring people of this conversation who are not in the call.");
      }
      if (targets.length === 0) return callInfo(ctx.services, call);
      await takeSendSlot(ctx.services.limiter, ctx.actor.id, input.channelId);
      await ctx.tx
        .update(calls)
        .set({
          rungIds: sql`array(select distinct unnest(${calls.rungIds} || ${`{${targets.map((id) => `"${id}"`).join(",")}}`}::text[]))`,
          // Rung again: a decline of the earlier ring no longer speaks for them.
          declinedIds: sql`array(select unnest(${calls.declinedIds}) except select unnest(${`{${targets.map((id) => `"${id}"`).join(",")}}`}::text[]))`,
        })
        .where(eq(calls.id, call.id));
      await ctx.services.ringing.ring(call.id.toString(), channelId, targets);
      const info = await callInfo(ctx.services, call);
      ctx.record({ type: "call.updated", call: info });
      return info;
    });
  },
);

/** Stops my ring for this call, on all my devices; a call nobody is in and nobody rings for ends. */
export const declineCall = defineCommand({ transaction: false }, async (input: { channelId: bigint }, ctx): Promise<void> => {
  await requireCallRoom(ctx.tx, input.channelId, ctx.actor.id);
  const channelId = input.channelId.toString();
  await withCallLock(channelId, async () => {
    const call = await openCallOf(ctx.tx, input.channelId);
    if (!call) throw errors.notFound("Call");
    if (!(await ctx.services.ringing.stop(channelId, ctx.actor.id, call.id.toString()))) {
      throw errors.conflict("You are not being rung for this call.");
    }
    // Kept so the end tells them no "missed call": they chose not to answer.
    await ctx.tx
      .update(calls)
      .set({ declinedIds: sql`array(select distinct unnest(${calls.declinedIds} || array[${ctx.actor.id}]::text[]))` })
      .where(eq(calls.id, call.id));
    ctx.record({ type: "call.updated", call: await callInfo(ctx.services, call) });
    await endCallIfEmpty(ctx.services, channelId, ctx.record, { unlessRinging: true, callId: call.id.toString() });
  });
});
