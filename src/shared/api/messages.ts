/** Messages: send, edit, react, history pages and read state. */
import { z } from "zod";
import { limits } from "../limits";
import type { Attachment } from "./attachments";
import { idSchema } from "./common";
import type { PublicUser } from "./users";

export const sendMessageInput = z
  .object({
    content: z.string().max(limits.messageContentMax, `at most ${limits.messageContentMax} characters`).default(""),
    /** Client-chosen; the same nonce from the same author in the same channel is one message. */
    nonce: z.string().min(1).max(limits.nonceMax).optional(),
    /** The message this one answers (same channel). */
    replyToId: idSchema.optional(),
    /** Files uploaded to this channel by the author and not yet in a message. */
    attachmentIds: z.array(idSchema).max(limits.attachmentsPerMessage).optional(),
  })
  .refine((m) => m.content.trim().length > 0 || (m.attachmentIds?.length ?? 0) > 0, {
    message: "must not be empty",
    path: ["content"],
  });

export type SendMessageInput = z.infer<typeof sendMessageInput>;

export const editMessageInput = z.object({
  content: z
    .string()
    .max(limits.messageContentMax, `at most ${limits.messageContentMax} characters`)
    .refine((s) => s.trim().length > 0, "must not be empty"),
});

/** One unicode emoji (a grapheme of at most 32 bytes), as Discord accepts for reactions. */
export const emojiSchema = z
  .string()
  .min(1)
  .max(32)
  .refine((s) => /\p{Extended_Pictographic}|\p{Regional_Indicator}|[#*0-9]\uFE0F?\u20E3/u.test(s) && !/[\s<>]/.test(s), "must be one emoji");

export const ackInput = z.object({}).passthrough();

export const messageHistoryQuery = z
  .object({
    before: idSchema.optional(),
    after: idSchema.optional(),
    /** A page centred on this message (jump to a reply's original, to a search hit). */
    around: idSchema.optional(),
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

export interface Message {
  id: string;
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
}
