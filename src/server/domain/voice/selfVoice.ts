/**
 * A person's own place in a voice room, driven from the socket that holds it: join,
 * leave, the answer and candidates of the media negotiation, opening and closing slots,
 * and their own mute, deafen, camera and screen flags. None writes to the database.
 */
import { and, eq } from "drizzle-orm";
import type { VoiceConnection, VoiceSlot, VoiceState } from "@/shared/voice";
import { members } from "../../db/schema";
import { errors } from "../../errors";
import { publicState } from "../../media/voice-state";
import { currentVoiceAbilities, requireAbility, requireSlot, requireVoiceJoin, requireVoiceRoom, voiceAbilities } from "../../policies/voice";
import { enterCall, openCallOf } from "../calls/records";
import { type CommandContext, defineCommand } from "../context";
import { type HeldState, endPlace, forwardingOf, quietly, requirePlace, withVoiceLock } from "./places";

export interface JoinVoiceInput {
  channelId: bigint;
  socketId: string;
  slots: VoiceSlot[];
  selfMute: boolean;
  selfDeaf: boolean;
}

export const joinVoice = defineCommand(
  { transaction: false }, // reads only: the place lives in the voice store and the media server
  async (input: JoinVoiceInput, ctx): Promise<{ connection: VoiceConnection; states: VoiceState[] }> => {
    const userId = ctx.actor.id;
    const access = await requireVoiceRoom(ctx.tx, input.channelId, userId);
    requireVoiceJoin(access.permissions, input.slots);
    const abilities = voiceAbilities(access.permissions);
    const channelId = input.channelId.toString();
    const serverId = access.server?.serverId.toString() ?? null;
    const { media, voice } = ctx.services;
    // A moderator's mute and deafen belong to the member: leaving and coming back keeps them.
    const [standing] = access.server
      ? await ctx.tx
          .select({ serverMute: members.serverMute, serverDeaf: members.serverDeaf })
          .from(members)
          .where(and(eq(members.serverId, access.server.serverId), eq(members.userId, userId)))
      : [];
    return withVoiceLock(userId, async () => {
      // A conversation's call is joined while it is open; joining never starts one (call.start does).
      if (serverId === null && !(await openCallOf(ctx.tx, input.channelId))) throw errors.noCall();
      const old = await voice.get(userId);
      if (old) {
        // One room per person: the old place ends first, on whichever device held it.
        await quietly(ctx.services, "leave", () => media.leave({ roomId: old.channelId, userId }));
        if (old.socketId !== input.socketId) {
          ctx.record({ type: "voice.ended", socketId: old.socketId, channelId: old.channelId, reason: "joined_elsewhere" });
        }
        if (old.channelId !== channelId) ctx.record({ type: "voice.left", serverId: old.serverId, channelId: old.channelId, userId });
      }
      const state: HeldState = {
        userId,
        channelId,
        serverId,
        selfMute: input.selfMute || input.selfDeaf,
        selfDeaf: input.selfDeaf,
        serverMute: standing?.serverMute ?? false,
        serverDeaf: standing?.serverDeaf ?? false,
        camera: input.slots.includes("video"),
        screen: input.slots.includes("screen"),
        joinedAt: old?.channelId === channelId ? old.joinedAt : new Date().toISOString(),
        socketId: input.socketId,
      };
      // Stored before the media join: the offer may come before the join's reply, and it
      // is relayed to the socket found here. In a conversation the place is the call's.
      if (serverId === null) {
        try {
          await enterCall(ctx, input.channelId, () => voice.set(state));
        } catch (err) {
          // The call ended since the check above: the old place is over all the same.
          if (old) {
            await voice.remove(userId);
            if (old.channelId === channelId) ctx.record({ type: "voice.left", serverId, channelId, userId });
          }
          throw err;
        }
      } else await voice.set(state);
      let connection: VoiceConnection;
      try {
        const forwarding = forwardingOf(state, abilities);
        connection = await media.join(
          { roomId: channelId, userId, socketId: input.socketId },
          { slots: input.slots, canSpeak: abilities.speak, canVideo: abilities.video, deaf: forwarding.deaf },
        );
        if (!forwarding.audio) await media.setForwarding({ roomId: channelId, userId }, forwarding);
      } catch (err) {
        await quietly(ctx.services, "leave", () => media.leave({ roomId: channelId, userId }));
        await voice.remove(userId);
        // In a conversation this also lets the call end if nobody else is in it.
        if (old?.channelId === channelId || serverId === null) ctx.record({ type: "voice.left", serverId, channelId, userId });
        throw err;
      }
      ctx.record({ type: "voice.state", state: publicState(state) });
      return { connection, states: await voice.inRoom(channelId) };
    });
  },
);

/** `ifPresent`: the socket went away; nothing to refuse if it held no place. */
export const leaveVoice = defineCommand({ transaction: false }, async (input: { socketId: string; ifPresent?: boolean }, ctx) => {
  const userId = ctx.actor.id;
  await withVoiceLock(userId, async () => {
    const state = await ctx.services.voice.get(userId);
    if (!state || state.socketId !== input.socketId) {
      if (input.ifPresent) return;
      throw errors.notInVoice();
    }
    await endPlace(ctx.services, state, null, ctx.record);
  });
});

type PeerInput = { socketId: string };

export const answerVoice = defineCommand({ transaction: false }, async (input: PeerInput & { sdp: string }, ctx) => {
  const state = await requirePlace(ctx.services, ctx.actor.id, input.socketId);
  await ctx.services.media.answer({ roomId: state.channelId, userId: state.userId }, input.sdp);
});

export const addVoiceCandidate = defineCommand(
  { transaction: false },
  async (input: PeerInput & { candidate: { candidate: string; sdpMid?: string | null; sdpMLineIndex?: number | null } }, ctx) => {
    const state = await requirePlace(ctx.services, ctx.actor.id, input.socketId);
    await ctx.services.media.candidate({ roomId: state.channelId, userId: state.userId }, input.candidate);
  },
);

/** The permissions of a person in the room they hold, re-read: they may have changed since the join. */
async function abilitiesIn(ctx: CommandContext, state: HeldState) {
  const abilities = await currentVoiceAbilities(ctx.tx, BigInt(state.channelId), state.userId);
  // The voice subscriber is about to remove them; until then they act as if gone.
  if (!abilities) throw errors.notFound("Channel");
  return abilities;
}

export const publishVoiceSlot = defineCommand({ transaction: false }, async (input: PeerInput & { slot: VoiceSlot }, ctx) => {
  const userId = ctx.actor.id;
  await withVoiceLock(userId, async () => {
    const state = await requirePlace(ctx.services, userId, input.socketId);
    requireSlot(await abilitiesIn(ctx, state), input.slot);
    await ctx.services.media.publish({ roomId: state.channelId, userId }, input.slot);
  });
});

export const unpublishVoiceSlot = defineCommand({ transaction: false }, async (input: PeerInput & { slot: VoiceSlot }, ctx) => {
  const userId = ctx.actor.id;
  await withVoiceLock(userId, async () => {
    const state = await requirePlace(ctx.services, userId, input.socketId);
    await ctx.services.media.unpublish({ roomId: state.channelId, userId }, input.slot);
    const next = { ...state, camera: input.slot === "video" ? false : state.camera, screen: input.slot === "screen" ? false : state.screen };
    if (next.camera !== state.camera || next.screen !== state.screen) {
      await ctx.services.voice.set(next);
      ctx.record({ type: "voice.state", state: publicState(next) });
    }
  });
});

export interface SelfVoiceInput extends PeerInput {
  selfMute?: boolean;
  selfDeaf?: boolean;
  camera?: boolean;
  screen?: boolean;
}

/** Deafening mutes too, and unmuting undeafens, as in Discord. */
function selfFlags(state: VoiceState, input: SelfVoiceInput): { selfMute: boolean; selfDeaf: boolean } {
  let selfDeaf = input.selfDeaf ?? state.selfDeaf;
  let selfMute = input.selfMute ?? state.selfMute;
  if (input.selfMute === false && input.selfDeaf === undefined) selfDeaf = false;
  if (selfDeaf) selfMute = true;
  return { selfMute, selfDeaf };
}

export const updateSelfVoice = defineCommand({ transaction: false }, async (input: SelfVoiceInput, ctx): Promise<VoiceState> => {
  const userId = ctx.actor.id;
  return withVoiceLock(userId, async () => {
    const state = await requirePlace(ctx.services, userId, input.socketId);
    const abilities = await abilitiesIn(ctx, state);
    if (input.camera || input.screen) requireAbility(abilities, "video");
    const next: HeldState = {
      ...state,
      ...selfFlags(state, input),
      camera: input.camera ?? state.camera,
      screen: input.screen ?? state.screen,
    };
    await ctx.services.voice.set(next);
    await ctx.services.media.setForwarding({ roomId: state.channelId, userId }, forwardingOf(next, abilities));
    ctx.record({ type: "voice.state", state: publicState(next) });
    return publicState(next);
  });
});
