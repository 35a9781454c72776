/**
 * Calls in direct conversations (1:1 and groups), as in Discord: someone starts a call
 * from the conversation, everyone else in it rings on every device, and the call stays
 * open while anyone is in it. The call's room is the conversation's channel id, joined
 * with `voice.join` like a voice channel; who is in it travels as `voice.state`.
 *
 * Ringing is server-side state: a person rings while their id is in `ringing`. It leaves
 * the list when they join (on any device), decline, or after `callRingSeconds`; every
 * device follows `call.updated`, so a ring stops everywhere at once.
 */
import { z } from "zod";
import { snowflake } from "./api/common";

/** How long a person rings before the call counts as missed for them. */
export const callRingSeconds = 30;

/** A call in progress in a conversation. */
export interface CallInfo {
  /** The call's id (a snowflake); its system line in the conversation is `messageId`. */
  id: string;
  channelId: string;
  /** The person who started it. */
  startedBy: string;
  startedAt: string;
  /** Started as a video call (the ringing card offers the camera first). */
  video: boolean;
  /** Who rings now, on every device they are signed in on. */
  ringing: string[];
  /** The system line that tells of this call. */
  messageId: string;
}

/**
 * What a call's system line carries (`Message.call`). While the call is open `endedAt`
 * is null; once it ends, `missed` names each person who was rung and never joined.
 */
export interface CallTrace {
  id: string;
  startedBy: string;
  startedAt: string;
  endedAt: string | null;
  /** Whole seconds from start to end; null while open. */
  durationSeconds: number | null;
  /** Everyone who was in the call at some point, the starter first. */
  participants: string[];
  missed: string[];
  video: boolean;
}

export const callStartInput = z.strictObject({ video: z.boolean().default(false) });
export type CallStartInput = z.input<typeof callStartInput>;

/** Ring people again (by default everyone in the conversation who is not in the call). */
export const callRingInput = z.strictObject({ userIds: z.array(z.string().min(1).max(64)).max(10).optional() });
export type CallRingInput = z.input<typeof callRingInput>;

export const callChannelInput = z.strictObject({ channelId: snowflake });
