/**
 * Voice signaling on the app's socket: joining and leaving a room, the media
 * negotiation (the server offers, this socket answers), slots, one's own flags and voice
 * activity. Only the socket holding its person's place drives it; the one disconnect
 * path leaves the room. Offers and the media server's own notices come back through
 * `relayMediaSignals`.
 */
import { z } from "zod";
import { rooms } from "@/shared/events";
import { voiceAnswerInput, voiceCandidateInput, voiceJoinInput, voiceSelfStateInput, voiceSlotInput, voiceSpeakingInput } from "@/shared/voice";
import { type Actor, type Command, execute } from "../../domain/context";
import type { DomainEvent } from "../../domain/events";
import { requirePlace, withVoiceLock, endPlace } from "../../domain/voice/places";
import {
  addVoiceCandidate,
  answerVoice,
  joinVoice,
  leaveVoice,
  publishVoiceSlot,
  unpublishVoiceSlot,
  updateSelfVoice,
} from "../../domain/voice/selfVoice";
import type { MediaSignal } from "../../media/types";
import type { Services } from "../../services";
import type { Io } from "../publisher";
import { type ClientSocket, type SocketContext, defineFeature } from "../socket-feature";

const actorOf = (socket: ClientSocket): Actor => ({ id: socket.data.userId, name: socket.data.userName, image: null });

/** A handler that runs a command on the place this socket holds: its payload plus the socket's id. */
function forPlace<I extends object>(input: z.ZodType<I>, command: Command<I & { socketId: string }, unknown>) {
  return {
    input,
    async handle(payload: I, { socket, services }: SocketContext): Promise<void> {
      await execute(services, actorOf(socket), command, { ...payload, socketId: socket.id });
    },
  };
}

export const voiceFeature = defineFeature({
  name: "voice",
  handlers: {
    "voice.join": {
      input: voiceJoinInput,
      async handle(input, { socket, services }) {
        const { connection, states } = await execute(services, actorOf(socket), joinVoice, {
          channelId: BigInt(input.channelId),
          socketId: socket.id,
          slots: [...new Set(input.slots ?? [])],
          selfMute: input.selfMute ?? false,
          selfDeaf: input.selfDeaf ?? false,
        });
        return { ok: true, connection, states };
      },
    },
    "voice.leave": {
      input: z.undefined(),
      async handle(_, { socket, services }) {
        await execute(services, actorOf(socket), leaveVoice, { socketId: socket.id });
      },
    },
    "voice.answer": forPlace(voiceAnswerInput, answerVoice),
    "voice.candidate": forPlace(voiceCandidateInput, addVoiceCandidate),
    "voice.publish": forPlace(voiceSlotInput, publishVoiceSlot),
    "voice.unpublish": forPlace(voiceSlotInput, unpublishVoiceSlot),
    "voice.update": forPlace(voiceSelfStateInput, updateSelfVoice),
    "voice.speaking": {
      input: voiceSpeakingInput,
      async handle({ speaking }, { socket, services }) {
        const state = await requirePlace(services, socket.data.userId, socket.id);
        // A muted person's microphone may still show a level; nobody hears it, so nobody sees it.
        if (speaking && (state.selfMute || state.serverMute)) return;
        socket
          .to(rooms.channel(state.channelId))
          .volatile.emit("voice.speaking", { channelId: state.channelId, userId: state.userId, speaking });
      },
    },
  },
  disconnected({ socket, services }) {
    execute(services, actorOf(socket), leaveVoice, { socketId: socket.id, ifPresent: true }).catch((err: unknown) =>
      services.log.error({ err }, "voice: leaving on disconnect failed"),
    );
  },
});

/**
 * What the media server says on its own: offers go to the socket holding the peer's
 * place; after a restart every place of this process ends (`media_restart`: devices
 * rejoin by themselves; other nodes' places are on their own media servers); a peer the
 * media server dropped leaves its room.
 */
export function relayMediaSignals(io: Io, services: Services): void {
  const { voice, events, log } = services;
  const handle = async (signal: MediaSignal) => {
    if (signal.type === "offer") {
      const state = await voice.get(signal.userId);
      if (state?.channelId !== signal.roomId) return; // a stale offer for a place already gone
      const { sdp, publishMids, midOwners } = signal;
      io.to(state.socketId).emit("voice.offer", { sdp, publishMids, midOwners });
      return;
    }
    if (signal.type === "restarted") {
      const ended: DomainEvent[] = [];
      for (const state of await voice.mine()) {
        await withVoiceLock(state.userId, async () => {
          await voice.remove(state.userId, state.socketId);
          ended.push({ type: "voice.ended", socketId: state.socketId, channelId: state.channelId, reason: "media_restart" });
          ended.push({ type: "voice.left", serverId: state.serverId, channelId: state.channelId, userId: state.userId });
        });
      }
      events.publish(ended);
      return;
    }
    const { roomId, userId } = signal;
    const closed: DomainEvent[] = [];
    await withVoiceLock(userId, async () => {
      const state = await voice.get(userId);
      if (state?.channelId !== roomId) return;
      // A rejoin to the same room may already have a new peer there: the notice is about the old one.
      if ((await services.media.participants(roomId)).includes(userId)) return;
      // The device is most likely still there (a connection the media server gave up on
      // under load): it rejoins by itself, as after a media restart.
      log.info({ userId, roomId, why: signal.why }, "voice: the media server dropped a connection");
      await endPlace(services, state, "connection_lost", (e) => closed.push(e));
    });
    events.publish(closed);
  };
  services.media.onSignal((signal) => {
    handle(signal).catch((err: unknown) => log.error({ err, signal: signal.type }, "voice: media signal failed"));
  });
}
