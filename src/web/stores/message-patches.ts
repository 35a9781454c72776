/**
 * Pure changes to one message, applied by the messages store when live events arrive.
 * Kept apart so they can be tested without the store and reused by optimistic updates.
 */
import type { Message } from "@/shared/api";

/**
 * Adds or removes one reaction. My own reactions are idempotent (`me` says whether it
 * is counted already), so an optimistic toggle followed by the socket echo counts once.
 */
export function applyReaction(message: Message, emoji: string, added: boolean, mine: boolean): Message {
  const existing = message.reactions.find((r) => r.emoji === emoji);
  if (mine && existing && existing.me === added) return message;
  // Nothing to take away (a removal heard twice, or after a copy that already lacks it).
  if (!existing && !added) return message;
  let reactions: Message["reactions"];
  if (!existing) {
    reactions = [...message.reactions, { emoji, count: 1, me: mine }];
  } else {
    const count = existing.count + (added ? 1 : -1);
    const me = mine ? added : existing.me;
    reactions =
      count <= 0
        ? message.reactions.filter((r) => r.emoji !== emoji)
        : message.reactions.map((r) => (r.emoji === emoji ? { emoji, count, me } : r));
  }
  return { ...message, reactions };
}

/** Broadcast copies carry `me: false` everywhere; keep what this reader already knew. */
export function keepMyReactions(previous: Message | undefined, next: Message): Message {
  if (!previous || next.reactions.some((r) => r.me)) return next;
  const mine = new Set(previous.reactions.filter((r) => r.me).map((r) => r.emoji));
  if (mine.size === 0) return next;
  return { ...next, reactions: next.reactions.map((r) => (mine.has(r.emoji) ? { ...r, me: true } : r)) };
}

/** A reply whose original was deleted says so instead of quoting what is gone. */
export function withDeletedOriginal(message: Message, deletedId: string): Message {
  if (message.replyTo?.id !== deletedId || message.replyTo.deleted) return message;
  return { ...message, replyTo: { ...message.replyTo, content: "", deleted: true } };
}

/** A reply quoting an edited message shows the new text, as Discord's quotes do. */
export function withEditedOriginal(message: Message, original: Message): Message {
  if (message.replyTo?.id !== original.id || message.replyTo.deleted || message.replyTo.content === original.content) return message;
  return { ...message, replyTo: { ...message.replyTo, content: original.content } };
}
