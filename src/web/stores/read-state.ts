/**
 * My read cursor per channel, from the server (read-states, ack replies, read.updated
 * from my other devices) and moved forward by live messages, so badges are right
 * without refetching. The server's cursor is the truth; this only mirrors it.
 */
import { create } from "zustand";
import type { ReadState } from "@/shared/api";
import { limits } from "@/shared/limits";
import { compareIds } from "../lib/ids";

interface ChannelRead {
  lastReadId: string | null;
  unreadCount: number;
  mentionCount: number;
}

interface ReadStateStore {
  loaded: boolean;
  reads: Record<string, ChannelRead>;
  load: (states: ReadState[]) => void;
  /** A cursor from the server; never moves a cursor back. */
  apply: (state: ReadState) => void;
  messageArrived: (channelId: string, messageId: string, how: { mine: boolean; mentionsMe: boolean }) => void;
}

export const useReadStateStore = create<ReadStateStore>()((set) => ({
  loaded: false,
  reads: {},
  load: (states) =>
    set((s) => {
      const reads = { ...s.reads };
      for (const state of states) {
        const { channelId, lastReadId, unreadCount, mentionCount } = state;
        const held = reads[channelId];
        // A cursor moved live while the list was in flight is newer than the list.
        if (held?.lastReadId && compareIds(held.lastReadId, lastReadId) > 0) continue;
        reads[channelId] = { lastReadId, unreadCount, mentionCount };
      }
      return { loaded: true, reads };
    }),
  apply: ({ channelId, lastReadId, unreadCount, mentionCount }) =>
    set((s) => {
      const held = s.reads[channelId];
      if (held?.lastReadId && compareIds(held.lastReadId, lastReadId) > 0) return s;
      return { reads: { ...s.reads, [channelId]: { lastReadId, unreadCount, mentionCount } } };
    }),
  messageArrived: (channelId, messageId, { mine, mentionsMe }) =>
    set((s) => {
      const held = s.reads[channelId] ?? { lastReadId: null, unreadCount: 0, mentionCount: 0 };
      // My own messages never count as unread (the server agrees); the open channel's ack moves the cursor.
      if (mine || (held.lastReadId && compareIds(held.lastReadId, messageId) >= 0)) return s;
      const read: ChannelRead = {
        ...held,
        unreadCount: Math.min(limits.unreadCountMax, held.unreadCount + 1),
        mentionCount: Math.min(limits.unreadCountMax, held.mentionCount + (mentionsMe ? 1 : 0)),
      };
      return { reads: { ...s.reads, [channelId]: read } };
    }),
}));

export interface ChannelUnread {
  unread: boolean;
  mentions: number;
}

/**
 * The server counts unread messages from others after my cursor (my own never count),
 * and live messages add to that; so the count, not the newest id, says "unread".
 */
export function channelUnread(channelId: string, reads: Record<string, ChannelRead>): ChannelUnread {
  const read = reads[channelId];
  return { unread: (read?.unreadCount ?? 0) > 0, mentions: read?.mentionCount ?? 0 };
}

/** At the server's cap the count is no longer exact: "99+". */
export function badgeText(count: number): string {
  return count >= limits.unreadCountMax ? `${limits.unreadCountMax - 1}+` : String(count);
}
