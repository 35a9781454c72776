/**
 * The LiveKit media backend: a LiveKit server (or cluster) carries the media, and this
 * process only says who may do what there. A join mints a short-lived token for one room
 * (identity: the user id; room: the channel id; publish sources from Speak and Video);
 * the browser dials LiveKit itself and publishes within those grants, so the embedded
 * path's answer and candidates have no use here. Mute, deafen, disconnect and listing go
 * through LiveKit's room service. Voice state stays ours: LiveKit's webhooks
 * (domain/voice/livekit-events.ts) tell us when connections come and go.
 */
import type { Logger } from "pino";
import { AccessToken, RoomServiceClient, TrackSource, TrackType, TwirpError } from "livekit-server-sdk";
import { errors } from "../errors";
import { TOKEN_TTL_SECONDS, joinGrant, participantPermission, publishSources, sameSources } from "./livekit-grants";
import { type Connection, LiveKitConnections } from "./livekit-connections";
import { WebhookGate } from "./livekit-webhook";
import type { MediaBackend, MediaSignal } from "./types";

export interface LiveKitSettings {
  /** What browsers dial (wss://…). */
  url: string;
  /** Where this server reaches the room service (http(s)://…). */
  apiUrl: string;
  apiKey: string;
  apiSecret: string;
}

export type LiveKitBackend = MediaBackend & {
  readonly kind: "livekit";
  readonly connections: LiveKitConnections;
  readonly webhook: WebhookGate;
  /** LiveKit reported this participant in the room: what the app decided meanwhile is applied to it. */
  confirm(roomId: string, userId: string, sid: string): Promise<void>;
  /** A connection the app holds no place for (a token used after its place ended): LiveKit drops it. */
  refuse(roomId: string, userId: string): Promise<void>;
  /** A new track in a room: the deafened there do not receive it if it is sound. */
  trackPublished(roomId: string, publisherId: string, track: { sid: string; type: TrackType }): Promise<void>;
};

export { isLiveKit, roomServiceUrl } from "./livekit-shared";

const notFound = (err: unknown) => err instanceof TwirpError && (err.status === 404 || err.code === "not_found");

/** A participant or room LiveKit no longer holds is, for these calls, already where we want it. */
async function unlessGone<T>(work: Promise<T>, fallback: T): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (notFound(err)) return fallback;
    throw err;
  }
}

const isSound = (t: { type: TrackType }) => t.type === TrackType.AUDIO;

export function createLiveKitBackend(settings: LiveKitSettings, log: Pick<Logger, "info" | "warn" | "debug">): LiveKitBackend {
  const rooms = new RoomServiceClient(settings.apiUrl, settings.apiKey, settings.apiSecret, { requestTimeout: 5, failover: false });
  const connections = new LiveKitConnections();
  const webhook = new WebhookGate(settings.apiKey, settings.apiSecret);

  /** Brings the participant's permission and subscriptions to what the app wants. */
  async function apply(roomId: string, userId: string, c: Connection): Promise<void> {
    // A self-mute is the browser's own (it mutes its track); only a moderator's mute or a
    // lost Speak takes the microphone source away, so unmuting oneself is instant.
    const { video, deaf } = c.forwarding;
    const audio = c.forwarding.micAllowed ?? c.forwarding.audio;
    const sources = publishSources({ audio, video });
    if (!sameSources(sources, c.applied.sources)) {
      if (!sources.includes(TrackSource.MICROPHONE) && c.applied.sources.includes(TrackSource.MICROPHONE)) {
        // Silent at once; taking the source away below also stops a republish.
        const me = await unlessGone(rooms.getParticipant(roomId, userId), null);
        for (const track of me?.tracks ?? []) {
          if (track.source === TrackSource.MICROPHONE && !track.muted) {
            await unlessGone(rooms.mutePublishedTrack(roomId, userId, track.sid, true), undefined);
          }
        }
      }
      await unlessGone(rooms.updateParticipant(roomId, userId, { permission: participantPermission({ audio, video }) }), undefined);
      c.applied = { ...c.applied, sources };
    }
    if (deaf !== c.applied.deaf) {
      // Only the sound: a deafened person still sees cameras and screens. Subscribing
      // permission would stop video too, so the subscriptions themselves change.
      const others = await unlessGone(rooms.listParticipants(roomId), []);
      const sounds = others.filter((p) => p.identity !== userId).flatMap((p) => p.tracks.filter(isSound).map((t) => t.sid));
      if (sounds.length) await unlessGone(rooms.updateSubscriptions(roomId, userId, sounds, !deaf), undefined);
      c.applied = { ...c.applied, deaf };
    }
  }

  const listeners: Array<(event: MediaSignal) => void> = [];
  const unused = (what: string) => async () => {
    throw errors.badRequest(`This server's voice rooms run on LiveKit: the browser ${what} with LiveKit directly.`);
  };

  return {
    kind: "livekit",
    connections,
    webhook,
    async join(peer, opts) {
      const sending = { audio: opts.canSpeak, video: opts.canVideo };
      const token = new AccessToken(settings.apiKey, settings.apiSecret, { identity: peer.userId, ttl: TOKEN_TTL_SECONDS });
      token.addGrant(joinGrant(peer.roomId, sending));
      connections.issued(peer.userId, {
        roomId: peer.roomId,
        socketId: peer.socketId,
        issuedAt: Date.now(),
        tokenSources: publishSources(sending),
        forwarding: { ...sending, deaf: opts.deaf },
      });
      return { kind: "livekit", url: settings.url, token: await token.toJwt() };
    },
    async leave(peer) {
      connections.endedByApp(peer.userId, peer.roomId);
      await unlessGone(rooms.removeParticipant(peer.roomId, peer.userId), undefined);
    },
    answer: unused("negotiates"),
    candidate: unused("negotiates"),
    // What may be published is bounded by the grants; the command has checked the permission.
    async publish() {},
    async unpublish() {},
    async setForwarding(peer, forwarding) {
      const c = connections.get(peer.userId);
      if (c?.roomId !== peer.roomId) return;
      c.forwarding = forwarding;
      // Until LiveKit reports the participant there is nothing to change; confirm() applies it.
      if (c.sid) await apply(peer.roomId, peer.userId, c);
    },
    async participants(roomId) {
      return (await unlessGone(rooms.listParticipants(roomId), [])).map((p) => p.identity);
    },
    async confirm(roomId, userId, sid) {
      const c = connections.joined(userId, sid);
      if (c?.roomId === roomId) await apply(roomId, userId, c);
    },
    async refuse(roomId, userId) {
      log.warn({ roomId, userId }, "livekit: a participant the app holds no place for; removing it");
      await unlessGone(rooms.removeParticipant(roomId, userId), undefined);
    },
    async trackPublished(roomId, publisherId, track) {
      if (!isSound(track)) return;
      for (const [userId, c] of connections.inRoom(roomId)) {
        if (userId === publisherId || !c.sid || !c.forwarding.deaf || c.ended) continue;
        await unlessGone(rooms.updateSubscriptions(roomId, userId, [track.sid], false), undefined);
      }
    },
    onSignal(listener) {
      // LiveKit's own notices come through the webhook; there are no offers to relay.
      listeners.push(listener);
    },
    async close() {},
  };
}
