/** Messages: send, edit, react, history pages and read state. */
import { z } from "zod";
import { limits } from "../limits";
import type { CallTrace } from "../calls";
import type { Attachment } from "./attachments";
import { snowflake, text } from "./common";
import type { PublicUser } from "./users";

export const sendMessageInput = z
  .strictObject({
    content: text({ max: limits.messageContentMax, lines: true }).default(""),
    /** Client-chosen; the same nonce from the same author in the same channel is one message. */
    nonce: text({ min: 1, max: limits.nonceMax }).optional(),
    /** The message this one answers (same channel). */
    replyToId: snowflake.optional(),
    /** Files uploaded to this channel by the author and not yet in a message. */
    attachmentIds: z.array(snowflake).max(limits.attachmentsPerMessage).optional(),
  })
  .refine((m) => m.content.trim().length > 0 || (m.attachmentIds?.length ?? 0) > 0, {
    message: "must not be empty",
    path: ["content"],
  });

export type SendMessageInput = z.infer<typeof sendMessageInput>;

export const editMessageInput = z.strictObject({
  content: text({ max: limits.messageContentMax, lines: true }).refine((s) => s.trim().length > 0, "must not be empty"),
});

/**
 * Exactly one emoji: one grapheme that is a Unicode emoji (flags, ZWJ sequences, skin
 * tones, keycaps), and nothing around it; the first test is Unicode's RGI_Emoji set
 * where the engine has it (the `v` flag), else a pictographic character with its
 * modifiers. There is no custom emoji format yet.
 */
export function isOneEmoji(s: string): boolean {
  if (s.length === 0 || s.length > 32) return false;
  const graphemes = [...new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(s)];
  if (graphemes.length !== 1) return false;
  return rgiEmoji().test(s) || SINGLE_PICTOGRAPH.test(s);
}

/** A pictograph, optionally made emoji-style (FE0F) and toned: `❤` as older keyboards send it. */
const SINGLE_PICTOGRAPH = /^\p{Extended_Pictographic}\uFE0F?\p{Emoji_Modifier}?$/u;
const KEYCAP_OR_FLAG = /^(?:[#*0-9]\uFE0F?\u20E3|\p{Regional_Indicator}{2})$/u;
let rgi: { test(s: string): boolean } | undefined;
function rgiEmoji(): { test(s: string): boolean } {
  if (!rgi) {
    try {
      rgi = new RegExp("^\\p{RGI_Emoji}$", "v");
    } catch {
      // An engine without the `v` flag: pictographs with ZWJ joins, keycaps and flags.
      const zwj = /^\p{Extended_Pictographic}\uFE0F?\p{Emoji_Modifier}?(?:\u200D\p{Extended_Pictographic}\uFE0F?\p{Emoji_Modifier}?)*$/u;
      rgi = { test: (s) => KEYCAP_OR_FLAG.test(s) || zwj.test(s) };
    }
  }
  return rgi;
}

/** One unicode emoji, as Discord accepts for reactions. */
export const emojiSchema = z.string().refine(isOneEmoji, "must be one emoji");

export const ackInput = z.strictObject({});

export const messageHistoryQuery = z
  .strictObject({
    before: snowflake.optional(),
    after: snowflake.optional(),
    /** A page centred on this message (jump to a reply's original, to a search hit). */
    around: snowflake.optional(),
    limit: z.coerce.number().int().min(1).max(limits.messagePageMax).default(limits.messagePageDefault),
  })
  .refine((q) => [q.before, q.after, q.around].filter(Boolean).length <= 1, {
    message: "use one of before, after or around",
  });

export interface MessageHistoryQuery {
  before?: string;
  after?: string;
  around?: string;
  limit?: number;
}

/**
 * `default`: a person's message. System lines (never editable): `call`, a call in a
 * conversation; `join`, the author joined the server (in its system channel); `pin`, the
 * author pinned a message of this channel (`replyTo` is that message).
 */
export type MessageType = "default" | "call" | "join" | "pin";

export interface Message {
  id: string;
  type: MessageType;
  channelId: string;
  author: PublicUser;
  content: string;
  attachments: Attachment[];
  nonce: string | null;
  createdAt: string;
  editedAt: string | null;
  /** The quoted original, or null; `deleted` when it has been deleted since. */
  replyTo: { id: string; author: PublicUser | null; content: string; deleted: boolean } | null;
  mentions: { users: string[]; roles: string[]; everyone: boolean };
  /** Per emoji, in order of first use; `me` is filled per reader over HTTP, false in broadcasts. */
  reactions: Array<{ emoji: string; count: number; me: boolean }>;
  pinned: boolean;
  /** For `type: "call"`: the call it tells of; null otherwise. */
  call: CallTrace | null;
}

export interface MessageEdit {
  content: string;
  replacedAt: string;
}

export interface ReadState {
  channelId: string;
  lastReadId: string;
  /** Messages after the cursor, capped at 100 ("99+"). */
  unreadCount: number;
  mentionCount: number;
  /**
   * The newest message these counts include ("0" for none): a client that heard newer
   * messages live while this was on its way adds those on top.
   */
  lastMessageId: string;
  /** Set when the cursor went back (Mark Unread): devices take it although it is older than theirs. */
  markedUnread?: true;
}
