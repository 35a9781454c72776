/**
 * What this process knows of each person's LiveKit connection: the latest join token it
 * issued them (room, socket, when), the participant LiveKit last reported for it, what
 * the app wants them to send and hear, and how their place ended. LiveKit's webhooks
 * arrive late and out of step with the app's own changes; this is what tells a notice
 * about the current connection from one about a connection already replaced.
 */
import type { TrackSource } from "livekit-server-sdk";
import type { VoiceState } from "@/shared/voice";
import type { Forwarding } from "./sfu/protocol";

export type HeldPlace = VoiceState & { socketId: string };

export interface Connection {
  roomId: string;
  socketId: string;
  issuedAt: number;
  /** The sources the token allows; LiveKit gives a (re)joining participant these. */
  tokenSources: TrackSource[];
  /** The participant (LiveKit's sid) of the current connection, once LiveKit reported it. */
  sid?: string;
  /** Participants connected on earlier tokens: their notices are about connections already replaced. */
  retired: string[];
  /** What the app wants: heard, seen, deafened. */
  forwarding: Forwarding;
  /** What was last set on the participant, so an unchanged state sends nothing. */
  applied: { sources: TrackSource[]; deaf: boolean };
  /**
   * How the place ended. By the app (left, disconnected, moved, lost access): the token
   * must not bring it back. By LiveKit (the connection dropped): the same token may
   * reconnect within its life, and the place comes back as it was.
   */
  ended?: { by: "app" } | { by: "media"; place: HeldPlace };
}

const RETIRED_KEPT = 8;

export class LiveKitConnections {
  private readonly byUser = new Map<string, Connection>();

  get(userId: string): Connection | undefined {
    return this.byUser.get(userId);
  }

  /** Everyone this process issued a token for that room. */
  inRoom(roomId: string): Array<[string, Connection]> {
    return [...this.byUser].filter(([, c]) => c.roomId === roomId);
  }

  issued(userId: string, c: Omit<Connection, "retired" | "applied" | "sid" | "ended">): Connection {
    const old = this.byUser.get(userId);
    const retired = [...(old?.retired ?? []), ...(old?.sid ? [old.sid] : [])].slice(-RETIRED_KEPT);
    const next: Connection = { ...c, retired, applied: { sources: c.tokenSources, deaf: false } };
    this.byUser.set(userId, next);
    return next;
  }

  /** LiveKit reported this participant: it joined with the token's permissions, subscribed to everything. */
  joined(userId: string, sid: string): Connection | undefined {
    const c = this.byUser.get(userId);
    if (!c) return undefined;
    if (c.sid && c.sid !== sid) c.retired = [...c.retired, c.sid].slice(-RETIRED_KEPT);
    c.sid = sid;
    c.applied = { sources: c.tokenSources, deaf: false };
    return c;
  }

  /** Whether a notice about this participant concerns the person's current connection. */
  isCurrent(userId: string, sid: string): boolean {
    const c = this.byUser.get(userId);
    if (!c || c.retired.includes(sid)) return false;
    return !c.sid || c.sid === sid;
  }

  endedByApp(userId: string, roomId: string): void {
    const c = this.byUser.get(userId);
    if (c?.roomId === roomId) c.ended = { by: "app" };
  }

  endedByMedia(userId: string, place: HeldPlace): void {
    const c = this.byUser.get(userId);
    if (c?.roomId === place.channelId) c.ended = { by: "media", place };
  }
}
