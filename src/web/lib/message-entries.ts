import type { Attachment, Message, PublicUser } from "@/shared/api";
import type { ChannelMessages } from "../stores/messages";

/** One row of the message list, whether confirmed by the server or still on its way. */
export interface MessageEntry {
  key: string;
  id: string | null;
  nonce: string | null;
  author: PublicUser;
  content: string;
  createdAt: string;
  status: "sent" | "queued" | "pending" | "failed";
  error?: string;
  replyTo: Message["replyTo"];
  attachments: Attachment[];
  /** The server's copy (reactions, mentions, pins, edits); null while it is being sent. */
  message: Message | null;
}

/** Discord starts a new header when the author changes or after this long a pause. */
export const groupWindowMs = 7 * 60 * 1000;

export function toEntries(channel: ChannelMessages): MessageEntry[] {
  const entries: MessageEntry[] = [];
  for (const id of channel.order) {
    const message = channel.byId[id];
    if (!message) continue;
    entries.push({
      // Keyed by nonce when there is one, so a pending row turning into the real message keeps its DOM node.
      key: message.nonce ? `n:${message.author.id}:${message.nonce}` : id,
      id,
      nonce: message.nonce,
      author: message.author,
      content: message.content,
      createdAt: message.createdAt,
      status: "sent",
      replyTo: message.replyTo ?? null,
      // Copies from before attachments existed (cached pages, tests) have none.
      attachments: message.attachments ?? [],
      message,
    });
  }
  for (const outgoing of channel.outgoing) {
    entries.push({
      key: `n:${outgoing.author.id}:${outgoing.nonce}`,
      id: null,
      nonce: outgoing.nonce,
      author: outgoing.author,
      content: outgoing.content,
      createdAt: outgoing.createdAt,
      status: outgoing.status,
      error: outgoing.error,
      replyTo: outgoing.replyTo ?? null,
      attachments: outgoing.attachments ?? [],
      message: null,
    });
  }
  return entries;
}

function sameDay(a: string, b: string): boolean {
  return new Date(a).toDateString() === new Date(b).toDateString();
}

export function startsNewDay(previous: MessageEntry | undefined, entry: MessageEntry): boolean {
  return previous === undefined || !sameDay(previous.createdAt, entry.createdAt);
}

export function startsGroup(previous: MessageEntry | undefined, entry: MessageEntry): boolean {
  if (!previous || previous.author.id !== entry.author.id) return true;
  // A system line (call, join, pin) stands alone: the message after it shows its author again.
  if ((previous.message && previous.message.type !== "default") || (entry.message && entry.message.type !== "default")) return true;
  if (previous.status === "failed" || entry.replyTo) return true;
  const gap = new Date(entry.createdAt).getTime() - new Date(previous.createdAt).getTime();
  return gap < 0 || gap > groupWindowMs || startsNewDay(previous, entry);
}
