/**
 * What the voice commands, the socket feature and the voice subscriber share: one change
 * at a time per person, the check that a socket holds its person's place, what the
 * media server forwards for a state, and ending a place.
 */
import type { VoiceEndReason, VoiceState } from "@/shared/voice";
import { errors } from "../../errors";
import type { Forwarding } from "../../media/sfu/protocol";
import type { VoiceAbilities } from "../../policies/voice";
import type { Services } from "../../services";
import type { DomainEvent } from "../events";
import { serialByKey } from "../serial";

export type HeldState = VoiceState & { socketId: string };

/**
 * Runs one person's voice changes one after another: a join racing a leave, a move or a
 * disconnect would otherwise leave the store and the media server disagreeing.
 */
export const withVoiceLock: <T>(userId: string, work: () => Promise<T>) => Promise<T> = serialByKey();

/** The person's place, held by this very socket (another device's place is not this one's to drive). */
export async function requirePlace(services: Services, userId: string, socketId: string): Promise<HeldState> {
  const state = await services.voice.get(userId);
  if (!state || state.socketId !== socketId) throw errors.notInVoice();
  return state;
}

/** What the media server forwards: no audio from the muted or those who may not speak; none to the deafened. */
export function forwardingOf(state: VoiceState, abilities: VoiceAbilities): Forwarding {
  return {
    audio: abilities.speak && !state.selfMute && !state.serverMute,
    video: abilities.video,
    deaf: state.selfDeaf || state.serverDeaf,
    micAllowed: abilities.speak && !state.serverMute,
  };
}

/** The media server may have dropped the peer already (a restart, a failed connection): that is fine here. */
export async function quietly(services: Services, what: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (err) {
    services.log.debug({ err }, `voice: ${what} failed`);
  }
}

/**
 * Ends a place: the media peer goes, the state goes, the room's viewers hear `voice.left`,
 * and the socket hears why when it did not ask for it (`reason`; null for its own leave).
 */
export async function endPlace(
  services: Services,
  state: HeldState,
  reason: VoiceEndReason | null,
  record: (event: DomainEvent) => void,
  opts: { media?: boolean } = {},
): Promise<void> {
  if (opts.media !== false) await quietly(services, "leave", () => services.media.leave({ roomId: state.channelId, userId: state.userId }));
  await services.voice.remove(state.userId, state.socketId);
  if (reason) record({ type: "voice.ended", socketId: state.socketId, channelId: state.channelId, reason });
  record({ type: "voice.left", serverId: state.serverId, channelId: state.channelId, userId: state.userId });
}

/**
 * Ends every place a node held, as its sockets' disconnects would have (the same
 * `endPlace`, no reason: those sockets are gone): the rooms hear `voice.left`, and a call
 * whose last person that was ends. For a dead node (its sweep) and for this one at a
 * clean shutdown.
 */
export async function endPlacesOfNode(services: Services, nodeId: string): Promise<void> {
  const told: DomainEvent[] = [];
  // Another node's embedded SFU went with it; LiveKit still holds the participant.
  const media = services.media.kind === "livekit" || nodeId === services.node.id;
  for (const seen of await services.voice.ofNode(nodeId)) {
    await withVoiceLock(seen.userId, async () => {
      const state = await services.voice.get(seen.userId);
      if (state?.socketId !== seen.socketId) return; // moved on meanwhile, on a live node
      await endPlace(services, state, null, (e) => told.push(e), { media });
    });
  }
  services.events.publish(told);
}
