/**
 * What people do to a sent message. Reactions are optimistic (the socket echo is
 * idempotent for my own); edits, deletes and pins wait for the server, whose event then
 * updates every screen including this one.
 */
import type { Message } from "@/shared/api";
import { api } from "../api";
import { describeError } from "../lib/errors";
import { useMessagesStore } from "../stores/messages";
import { useToasts } from "../stores/toasts";

function report(error: unknown): void {
  useToasts.getState().show(describeError(error));
}

export async function toggleReaction(channelId: string, messageId: string, emoji: string): Promise<void> {
  const message = useMessagesStore.getState().channels[channelId]?.byId[messageId];
  const mine = message?.reactions.find((r) => r.emoji === emoji)?.me ?? false;
  const store = useMessagesStore.getState();
  store.reaction(channelId, messageId, emoji, !mine, true);
  try {
    if (mine) await api.removeReaction(channelId, messageId, emoji);
    else await api.addReaction(channelId, messageId, emoji);
  } catch (error) {
    useMessagesStore.getState().reaction(channelId, messageId, emoji, mine, true);
    report(error);
  }
}

/** Resolves to true when saved; the caller keeps the editor open otherwise. */
export async function editMessage(channelId: string, messageId: string, content: string): Promise<boolean> {
  try {
    const message = await api.editMessage(channelId, messageId, content);
    useMessagesStore.getState().replace(channelId, message);
    return true;
  } catch (error) {
    report(error);
    return false;
  }
}

export async function deleteMessage(channelId: string, messageId: string): Promise<void> {
  try {
    await api.deleteMessage(channelId, messageId);
    useMessagesStore.getState().remove(channelId, messageId);
  } catch (error) {
    report(error);
  }
}

export async function setPinned(message: Message, pinned: boolean): Promise<void> {
  try {
    if (pinned) await api.pin(message.channelId, message.id);
    else await api.unpin(message.channelId, message.id);
    useMessagesStore.getState().replace(message.channelId, { ...message, pinned });
  } catch (error) {
    report(error);
  }
}
