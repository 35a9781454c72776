/**
 * What a person may do in a LiveKit room, from our permissions: the join token's grant
 * and the participant permission the room service sets mid-call. Pure, so each case is
 * checked without a LiveKit server.
 *
 * Speak gives the microphone; Video gives the camera and the screen with its sound.
 * Subscribing is always allowed (listening needs only Connect). Nothing else: no room
 * admin, no room creation or listing, no recording, no data messages (the app's socket
 * carries everything else), no changing one's own name or metadata.
 */
import { TrackSource, type VideoGrant } from "livekit-server-sdk";

export { TOKEN_TTL_SECONDS } from "./livekit-shared";

export interface Sending {
  /** Heard: Speak, and not muted (by oneself or a moderator). */
  audio: boolean;
  /** Seen: Video. */
  video: boolean;
}

export function publishSources({ audio, video }: Sending): TrackSource[] {
  const sources: TrackSource[] = [];
  if (audio) sources.push(TrackSource.MICROPHONE);
  if (video) sources.push(TrackSource.CAMERA, TrackSource.SCREEN_SHARE, TrackSource.SCREEN_SHARE_AUDIO);
  return sources;
}

/** The participant permission for the room service's UpdateParticipant. */
export function participantPermission(sending: Sending) {
  const canPublishSources = publishSources(sending);
  return {
    canSubscribe: true,
    canPublish: canPublishSources.length > 0,
    canPublishSources,
    canPublishData: false,
    canUpdateMetadata: false,
    hidden: false,
  };
}

/** The join token's grant: one room, by its id. */
export function joinGrant(roomId: string, sending: Sending): VideoGrant {
  const permission = participantPermission(sending);
  return {
    roomJoin: true,
    room: roomId,
    canSubscribe: permission.canSubscribe,
    canPublish: permission.canPublish,
    canPublishSources: permission.canPublishSources,
    canPublishData: false,
    canUpdateOwnMetadata: false,
    roomAdmin: false,
    roomCreate: false,
    roomList: false,
    roomRecord: false,
    recorder: false,
    hidden: false,
  };
}

/** Same sources, in any order. */
export function sameSources(a: readonly TrackSource[], b: readonly TrackSource[]): boolean {
  return a.length === b.length && a.every((s) => b.includes(s));
}
