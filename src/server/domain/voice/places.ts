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
): Promise<void> {
  await quietly(services, "leave", () => services.media.leave({ roomId: state.channelId, userId: state.userId }));
  await services.voice.remove(state.userId);
  if (reason) record({ type: "voice.ended", socketId: state.socketId, channelId: state.channelId, reason });
  record({ type: "voice.left", serverId: state.serverId, channelId: state.channelId, userId: state.userId });
}
