/**
 * Mark Unread on a message, Mark As Read on a channel or a whole server: the menus'
 * read actions. The badge changes at once; the server's answer (and read.updated on my
 * other devices) confirms it.
 */
import { api } from "../api";
import { describeError } from "../lib/errors";
import { compareIds } from "../lib/ids";
import { useMessagesStore } from "../stores/messages";
import { useReadStateStore } from "../stores/read-state";
import { useToasts } from "../stores/toasts";

function report(error: unknown): void {
  useToasts.getState().show(describeError(error));
}

/** The cursor goes to just before this message; the open channel then stays unread until left. */
export async function markUnread(channelId: string, messageId: string): Promise<void> {
  try {
    useReadStateStore.getState().apply(await api.markUnread(channelId, messageId));
  } catch (error) {
    report(error);
  }
}

/** The newest message I know of in a channel: heard live, in its list, or the channel's own record of it. */
function newestIn(channelId: string, lastMessageId: string | null): string | null {
  const channel = useMessagesStore.getState().channels[channelId];
  const listed = channel && !channel.hasMoreAfter ? channel.order.findLast((id) => /^\d+$/.test(id)) : undefined;
  const heard = useReadStateStore.getState().latest[channelId];
  const known = [listed, heard, lastMessageId].filter((id): id is string => !!id && id !== "0");
  return known.reduce<string | null>((a, b) => (a && compareIds(a, b) >= 0 ? a : b), null);
}

/** Reads a channel up to its newest message, as opening it would. */
export async function markChannelRead(channelId: string, lastMessageId: string | null): Promise<void> {
  const newest = newestIn(channelId, lastMessageId);
  useReadStateStore.getState().releaseUnread(channelId);
  if (!newest) return;
  useReadStateStore.getState().apply({ channelId, lastReadId: newest, unreadCount: 0, mentionCount: 0 });
  try {
    useReadStateStore.getState().apply(await api.ack(channelId, newest));
  } catch (error) {
    report(error);
  }
}

/** Every channel of a server I can see, read (one request). */
export async function markServerRead(serverId: string): Promise<void> {
  try {
    const store = useReadStateStore.getState();
    for (const state of await api.ackServer(serverId)) store.apply(state);
  } catch (error) {
    report(error);
  }
}
