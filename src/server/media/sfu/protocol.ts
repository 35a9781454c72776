/**
 * Messages between the app and the SFU child process (Node IPC, `process.send`).
 * The app sends commands with an id and gets one `reply` per id; the SFU also sends
 * offers for peers and notices on its own. Peers are keyed by room and user.
 */
import type { VoiceSlot } from "@/shared/voice";
import type { MediaSignal } from "../types";

export interface SfuSettings {
  /** Address the ICE UDP sockets bind to, and the one put in candidates. */
  listenIp: string;
  announcedIp?: string;
  portMin?: number;
  portMax?: number;
}

export type SfuCommand =
  | { type: "join"; roomId: string; userId: string; slots: VoiceSlot[]; forwarding: Forwarding }
  | { type: "leave"; roomId: string; userId: string }
  | { type: "answer"; roomId: string; userId: string; sdp: string }
  | { type: "candidate"; roomId: string; userId: string; candidate: { candidate: string; sdpMid?: string | null; sdpMLineIndex?: number | null } }
  | { type: "publish"; roomId: string; userId: string; slot: VoiceSlot }
  | { type: "unpublish"; roomId: string; userId: string; slot: VoiceSlot }
  | { type: "forwarding"; roomId: string; userId: string; forwarding: Forwarding }
  | { type: "participants"; roomId: string }
  /** CPU and memory of the SFU process, and per-room packet counters (bench, tests). */
  | { type: "stats" };

/** `audio`/`video`: what the others receive from this peer; `deaf`: whether it is sent audio. */
export interface Forwarding {
  audio: boolean;
  video: boolean;
  deaf: boolean;
  /**
   * Whether the person may send sound at all (Speak, and no server mute): a self-mute
   * withholds `audio` but leaves this true. The embedded SFU gates on `audio`; LiveKit,
   * where the browser mutes its own track, takes the microphone away only when this is false.
   */
  micAllowed?: boolean;
}

export type SfuRequest = SfuCommand & { id: number };

export type SfuMessage =
  | { type: "ready" }
  | { type: "reply"; id: number; ok: true; result?: unknown }
  | { type: "reply"; id: number; ok: false; code: "BAD_REQUEST" | "NOT_FOUND" | "INTERNAL"; message: string }
  /** Offers and dropped peers, as the media interface tells them on. */
  | Extract<MediaSignal, { type: "offer" | "peer-closed" }>;

/** The `stats` reply: the SFU process's own load, and what each peer sent and was sent. */
export interface SfuStats {
  /** Microseconds of CPU since the process started (process.cpuUsage). */
  cpu: { user: number; system: number };
  rssBytes: number;
  peers: Array<{
    roomId: string;
    userId: string;
    /** RTP from this peer's published tracks. */
    packetsReceived: number;
    bytesReceived: number;
    /** RTP forwarded to this peer from the others. */
    packetsForwarded: number;
    bytesForwarded: number;
  }>;
}
