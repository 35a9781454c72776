/**
 * The media interface: how the app puts people into rooms on a media server, whatever
 * the server is (the embedded SFU here; LiveKit later). Voice state (who is in which
 * room, muted, deafened...) is ours and lives in the `VoiceStateStore`, not in the
 * backend; permissions are checked before any of these is called.
 */
import type { VoiceConnection, VoiceSlot, VoiceState } from "@/shared/voice";
import type { Forwarding } from "./sfu/protocol";

/** One person's place in a room, from one socket. */
export interface PeerRef {
  roomId: string;
  userId: string;
  /** The socket whose signaling this peer uses (embedded SFU). */
  socketId: string;
}

export interface MediaBackend {
  readonly kind: VoiceConnection["kind"];
  /** Starts the person's peer in the room; the offer follows through `onSignal`. */
  join(peer: PeerRef, opts: { slots: VoiceSlot[]; canSpeak: boolean; canVideo: boolean; deaf: boolean }): Promise<VoiceConnection>;
  leave(peer: Pick<PeerRef, "roomId" | "userId">): Promise<void>;
  /** The browser's answer and ICE candidates (embedded SFU only). */
  answer(peer: Pick<PeerRef, "roomId" | "userId">, sdp: string): Promise<void>;
  candidate(peer: Pick<PeerRef, "roomId" | "userId">, candidate: { candidate: string; sdpMid?: string | null; sdpMLineIndex?: number | null }): Promise<void>;
  publish(peer: Pick<PeerRef, "roomId" | "userId">, slot: VoiceSlot): Promise<void>;
  unpublish(peer: Pick<PeerRef, "roomId" | "userId">, slot: VoiceSlot): Promise<void>;
  /**
   * What the others receive from this person and what this person receives: a server
   * mute (or a timeout, or losing Speak) stops forwarding their audio; deafened
   * people are sent no audio.
   */
  setForwarding(peer: Pick<PeerRef, "roomId" | "userId">, opts: Forwarding): Promise<void>;
  /** Who the media server holds in a room (for checks and tests). */
  participants(roomId: string): Promise<string[]>;
  /** Signaling to a peer's socket (offers), and peers the media server dropped. */
  onSignal(listener: (event: MediaSignal) => void): void;
  close(): Promise<void>;
}

export type MediaSignal =
  | {
      type: "offer";
      roomId: string;
      userId: string;
      sdp: string;
      publishMids: Partial<Record<VoiceSlot, string>>;
      midOwners: Record<string, { userId: string; slot: VoiceSlot }>;
    }
  /** The media server restarted: every peer is gone; clients rejoin by themselves. */
  | { type: "restarted" }
  /** One peer's connection failed or closed on the media side. */
  /** `why`: the transports' states when it happened, for the log. */
  | { type: "peer-closed"; roomId: string; userId: string; why?: string };

/**
 * Who is in which room, and how: in this process's memory (voice-state.ts), or in
 * Redis with REDIS_URL (voice-state-redis.ts), where each place also records the node
 * holding its socket, and places of nodes whose heartbeat ran out are not counted in a
 * room (the dead-node sweep then ends them).
 */
export interface VoiceStateStore {
  get(userId: string): Promise<(VoiceState & { socketId: string }) | null>;
  /** Everyone in one room (on live nodes). */
  inRoom(channelId: string): Promise<VoiceState[]>;
  /** Everyone in any room of these channels (the channel list's occupants). */
  inChannels(channelIds: string[]): Promise<VoiceState[]>;
  set(state: VoiceState & { socketId: string }): Promise<void>;
  /** Removes the person's place; with `socketId`, only while that socket still holds it. */
  remove(userId: string, socketId?: string): Promise<void>;
  /** Everyone on every node (a change of access looks at every place). */
  all(): Promise<Array<VoiceState & { socketId: string }>>;
  /** The places whose sockets this process holds (its own SFU's peers: they end when it restarts). */
  mine(): Promise<Array<VoiceState & { socketId: string }>>;
  /** The places a (dead) node held, for its sweep. */
  ofNode(nodeId: string): Promise<Array<VoiceState & { socketId: string }>>;
}
