/**
 * Voice and video rooms: what both sides agree on. A room is a voice or video channel
 * (later also a direct-message call). A person is in at most one room at a time, from
 * one device (joining from another device moves them there).
 *
 * Media slots are the tracks a person may publish: the microphone (`audio`), the camera
 * (`video`), a shared screen (`screen`) and the screen's sound where the browser gives it
 * (`screenAudio`).
 */
import { z } from "zod";
import { snowflake, text } from "./api/common";

export const voiceSlots = ["audio", "video", "screen", "screenAudio"] as const;
export type VoiceSlot = (typeof voiceSlots)[number];

/** Who is in a room, and how: sent to everyone who may see the channel. */
export interface VoiceState {
  userId: string;
  channelId: string;
  /** null for a direct-message call. */
  serverId: string | null;
  selfMute: boolean;
  selfDeaf: boolean;
  /** Set by a moderator (Mute Members / Deafen Members); the person cannot lift it. */
  serverMute: boolean;
  serverDeaf: boolean;
  camera: boolean;
  screen: boolean;
  /** ISO time of joining this room. */
  joinedAt: string;
}

/** How the browser reaches the media server; the same shape for every backend. */
export type VoiceConnection =
  | {
      /** The embedded SFU: signaling on the app socket (`voice.offer` / `voice.answer`). */
      kind: "embedded";
      iceServers: Array<{ urls: string[]; username?: string; credential?: string }>;
    }
  | {
      /** A LiveKit server (a later issue): the browser connects with livekit-client. */
      kind: "livekit";
      url: string;
      token: string;
    };

export const voiceJoinInput = z.strictObject({
  channelId: snowflake,
  /** The slots the browser will fill now; more can be opened later with `voice.publish`. */
  slots: z.array(z.enum(voiceSlots)).max(voiceSlots.length).default([]),
  selfMute: z.boolean().default(false),
  selfDeaf: z.boolean().default(false),
});
export type VoiceJoinInput = z.input<typeof voiceJoinInput>;

/** Session descriptions are bounded: a real one is a few KB. */
export const sdpSchema = text({ min: 1, max: 64_000, lines: "crlf" });

export const voiceAnswerInput = z.strictObject({ sdp: sdpSchema });
/** A browser's `RTCIceCandidate.toJSON()`. */
export const voiceCandidateInput = z.strictObject({
  candidate: z.strictObject({
    candidate: text({ max: 1_000 }),
    sdpMid: text({ max: 64 }).nullish(),
    sdpMLineIndex: z.number().int().min(0).max(64).nullish(),
    usernameFragment: text({ max: 256 }).nullish(),
  }),
});
export const voiceSlotInput = z.strictObject({ slot: z.enum(voiceSlots) });
export const voiceSelfStateInput = z
  .strictObject({ selfMute: z.boolean(), selfDeaf: z.boolean(), camera: z.boolean(), screen: z.boolean() })
  .partial()
  .refine((v) => Object.keys(v).length > 0, "nothing to change");
export const voiceSpeakingInput = z.strictObject({ speaking: z.boolean() });

/** A moderator's change to someone else's voice state (HTTP PATCH). */
export const voiceModerationInput = z
  .strictObject({
    serverMute: z.boolean(),
    serverDeaf: z.boolean(),
    /** Move them to another voice channel of the same server. */
    channelId: snowflake,
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, "nothing to change");
export type VoiceModerationInput = z.input<typeof voiceModerationInput>;

/** Why the server ended someone's place in a room (told to that person's devices). */
export type VoiceEndReason =
  | "left"
  | "joined_elsewhere"
  | "disconnected_by_moderator"
  | "lost_access"
  | "channel_deleted"
  /** Rejoin by yourself: the media server restarted, or dropped this device's connection. */
  | "media_restart"
  | "connection_lost";
