/**
 * My call's media on a LiveKit server: the join ack's URL and token, our own tracks
 * published by source, and everyone else's tracks handed to the same media store the
 * embedded path fills, so the tiles and the call audio are the same. Imported only when
 * a join answers `kind: "livekit"` (its own chunk: livekit-client is never in the first
 * load). Voice state, speaking and moderation stay on the app's socket; LiveKit carries
 * media only.
 *
 * A microphone the server took away (a mute, or Speak lost) is unpublished by LiveKit;
 * it is published again when the permission comes back and I am not muted.
 */
import {
  ConnectionQuality,
  type Participant,
  type RemoteParticipant,
  Room,
  RoomEvent,
  Track,
} from "livekit-client";
import type { VoiceSlot } from "@/shared/voice";
import type { PersonTracks } from "./mlines";
import type { Quality } from "./stats";

const sourceOf: Record<VoiceSlot, Track.Source> = {
  audio: Track.Source.Microphone,
  video: Track.Source.Camera,
  screen: Track.Source.ScreenShare,
  screenAudio: Track.Source.ScreenShareAudio,
};

function slotOf(source: Track.Source): VoiceSlot | undefined {
  return (Object.keys(sourceOf) as VoiceSlot[]).find((slot) => sourceOf[slot] === source);
}

/** LiveKit grades connections; the tiles grade loss and round trip: the same three levels. */
const qualityOf: Partial<Record<ConnectionQuality, Quality>> = {
  [ConnectionQuality.Excellent]: { loss: 0, rttMs: null },
  [ConnectionQuality.Good]: { loss: 0.05, rttMs: null },
  [ConnectionQuality.Poor]: { loss: 0.2, rttMs: null },
  [ConnectionQuality.Lost]: { loss: 1, rttMs: null },
};

export interface LiveKitEvents {
  remote(tracks: Record<string, PersonTracks<MediaStreamTrack>>): void;
  quality(byUser: Record<string, Quality>): void;
  /** Media flows (again). */
  connected(): void;
  /** LiveKit is trying to get the connection back by itself. */
  reconnecting(): void;
  /** The connection is gone and LiveKit will not bring it back. */
  lost(why: string): void;
}

export class LiveKitMedia {
  private readonly room: Room;
  private micMuted: boolean;
  private closed = false;
  private readonly quality: Record<string, Quality> = {};

  private constructor(
    private readonly local: () => Partial<Record<VoiceSlot, MediaStreamTrack>>,
    micMuted: boolean,
    private readonly events: LiveKitEvents,
  ) {
    this.micMuted = micMuted;
    this.room = new Room({
      // Our own <video> elements show the tracks: LiveKit cannot see them, so it must not pause video it thinks hidden.
      adaptiveStream: false,
      dynacast: true,
      // The tracks are ours (the devices module opened them); unpublishing must not stop them.
      stopLocalTrackOnUnpublish: false,
    });
    this.listen();
  }

  /** Connects and publishes what I hold; throws when LiveKit cannot be reached or refuses the token. */
  static async connect(
    url: string,
    token: string,
    local: () => Partial<Record<VoiceSlot, MediaStreamTrack>>,
    micMuted: boolean,
    events: LiveKitEvents,
  ): Promise<LiveKitMedia> {
    const media = new LiveKitMedia(local, micMuted, events);
    try {
      await media.room.connect(url, token, { autoSubscribe: true, maxRetries: 1 });
    } catch (error) {
      media.close();
      throw error;
    }
    const held = local();
    for (const slot of ["audio", "video", "screen", "screenAudio"] as const) {
      const track = held[slot];
      if (track && !(slot === "audio" && micMuted)) await media.publish(slot, track);
    }
    events.connected();
    return media;
  }

  private listen(): void {
    const room = this.room;
    const remote = () => this.events.remote(this.remoteTracks());
    room
      .on(RoomEvent.TrackSubscribed, remote)
      .on(RoomEvent.TrackUnsubscribed, remote)
      .on(RoomEvent.ParticipantDisconnected, (p: RemoteParticipant) => {
        delete this.quality[p.identity];
        remote();
        this.events.quality({ ...this.quality });
      })
      .on(RoomEvent.ConnectionQualityChanged, (quality: ConnectionQuality, p: Participant) => {
        const q = qualityOf[quality];
        if (!q || p.identity === room.localParticipant.identity) return;
        this.quality[p.identity] = q;
        this.events.quality({ ...this.quality });
      })
      .on(RoomEvent.ParticipantPermissionsChanged, (_before, p: Participant) => {
        if (p === room.localParticipant) void this.syncMic();
      })
      .on(RoomEvent.Reconnecting, () => this.events.reconnecting())
      .on(RoomEvent.Reconnected, () => this.events.connected())
      .on(RoomEvent.Disconnected, (reason) => {
        if (!this.closed) this.events.lost(`LiveKit disconnected (${String(reason)})`);
      });
  }

  private remoteTracks(): Record<string, PersonTracks<MediaStreamTrack>> {
    const out: Record<string, PersonTracks<MediaStreamTrack>> = {};
    for (const p of this.room.remoteParticipants.values()) {
      for (const pub of p.trackPublications.values()) {
        const slot = slotOf(pub.source);
        const track = pub.track?.mediaStreamTrack;
        if (slot && track && pub.isSubscribed) (out[p.identity] ??= {})[slot] = track;
      }
    }
    return out;
  }

  private async publish(slot: VoiceSlot, track: MediaStreamTrack): Promise<void> {
    try {
      await this.room.localParticipant.publishTrack(track, { source: sourceOf[slot], name: slot });
    } catch (error) {
      // Refused by the grants (a permission taken meanwhile): the permission event brings the microphone back.
      console.warn(`Voice: LiveKit did not take the ${slot} track: ${String(error)}`);
    }
  }

  /** Sends `track` for a slot, or stops sending it (null). Always handled here: there are no m-lines to ask for. */
  async replaceSlot(slot: VoiceSlot, track: MediaStreamTrack | null): Promise<boolean> {
    const pub = this.room.localParticipant.getTrackPublication(sourceOf[slot]);
    if (!track) {
      if (pub?.track) await this.room.localParticipant.unpublishTrack(pub.track, false);
    } else if (pub?.track) {
      await pub.track.replaceTrack(track, { userProvidedTrack: true });
    } else if (!(slot === "audio" && this.micMuted)) {
      await this.publish(slot, track);
    }
    return true;
  }

  /** Muted by me: the publication is muted (others see it so); the server leaves the source alone, so unmuting is instant. */
  setMicMuted(muted: boolean): void {
    this.micMuted = muted;
    void this.syncMic();
  }

  private async syncMic(): Promise<void> {
    if (this.closed) return;
    const mic = this.local().audio;
    const pub = this.room.localParticipant.getTrackPublication(Track.Source.Microphone);
    if (this.micMuted) {
      if (pub && !pub.isMuted) await pub.mute();
      return;
    }
    if (pub) {
      if (pub.isMuted) await pub.unmute();
    } else if (mic) {
      await this.publish("audio", mic);
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    void this.room.disconnect(false);
  }
}
