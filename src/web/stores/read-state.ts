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

interface Heard {
  channelId: string;
  messageId: string;
  how: { mine: boolean; mentionsMe: boolean };
}

/** Where Mark Unread put the cursor: the divider goes there, and the open channel is not read again. */
export interface MarkedUnread {
  lastReadId: string;
  count: number;
}

interface ReadStateStore {
  loaded: boolean;
  reads: Record<string, ChannelRead>;
  /**
   * Channels marked unread: no ack while they stay open (as Discord), until one leaves
   * and comes back, sends, or marks them read.
   */
  markedUnread: Record<string, MarkedUnread>;
  /** The newest message id heard of per channel (lists and live messages), for Mark As Read. */
  latest: Record<string, string>;
  /** Lifts a channel's Mark Unread hold. */
  releaseUnread: (channelId: string) => void;
  /** Lists on their way (a reconnect may start one while another is out). */
  loading: number;
  /** Messages heard live while a list is on its way. */
  heard: Heard[];
  /** A list is being fetched: remember what arrives meanwhile. */
  beginLoad: () => void;
  /** A list's fetch failed. */
  abandonLoad: () => void;
  load: (states: ReadState[]) => void;
  /** A cursor from the server; never moves a cursor back, except for Mark Unread. */
  apply: (state: Omit<ReadState, "lastMessageId">) => void;
  messageArrived: (channelId: string, messageId: string, how: { mine: boolean; mentionsMe: boolean }) => void;
}

/**
 * Per channel state made from a list (and carried to the states that follow from it): the
 * newest message that list counted. A live message up to it is in the counts already: its
 * socket event can come after the list's answer. (A WeakMap beside the state, so the
 * state itself stays plain counts.)
 */
const countedBy = new WeakMap<ChannelRead, string>();

function carry(from: ChannelRead | undefined, to: ChannelRead): ChannelRead {
  const counted = from && countedBy.get(from);
  if (counted) countedBy.set(to, counted);
  return to;
}

/** One live message on top of a channel's counts; null when it changes nothing. */
function arrive(held: ChannelRead | undefined, messageId: string, { mine, mentionsMe }: Heard["how"]): ChannelRead | null {
  const read = held ?? { lastReadId: null, unreadCount: 0, mentionCount: 0 };
  // My own messages never count as unread (the server agrees); the open channel's ack moves the cursor.
  if (mine || (read.lastReadId && compareIds(read.lastReadId, messageId) >= 0)) return null;
  const counted = held && countedBy.get(held);
  if (counted && compareIds(messageId, counted) <= 0) return null;
  return carry(held, {
    ...read,
    unreadCount: Math.min(limits.unreadCountMax, read.unreadCount + 1),
    mentionCount: Math.min(limits.unreadCountMax, read.mentionCount + (mentionsMe ? 1 : 0)),
  });
}

function newer(a: string | undefined, b: string): string {
  return a && compareIds(a, b) >= 0 ? a : b;
}

export const useReadStateStore = create<ReadStateStore>()((set) => ({
  loaded: false,
  reads: {},
  markedUnread: {},
  latest: {},
  releaseUnread: (channelId) =>
    set((s) => {
      if (!s.markedUnread[channelId]) return s;
      const { [channelId]: _released, ...rest } = s.markedUnread;
      return { markedUnread: rest };
    }),
  loading: 0,
  heard: [],
  beginLoad: () => set((s) => ({ loading: s.loading + 1 })),
  abandonLoad: () => set((s) => (s.loading > 1 ? { loading: s.loading - 1 } : { loading: 0, heard: [] })),
  load: (states) =>
    set((s) => {
      const reads = { ...s.reads };
      const counted = new Map<string, string>();
      for (const state of states) {
        const { channelId, lastReadId, unreadCount, mentionCount, lastMessageId } = state;
        counted.set(channelId, lastMessageId);
        const held = reads[channelId];
        // A cursor moved live while the list was in flight is newer than the list.
        if (held?.lastReadId && compareIds(held.lastReadId, lastReadId) > 0) continue;
        reads[channelId] = { lastReadId, unreadCount, mentionCount };
        countedBy.set(reads[channelId], lastMessageId);
      }
      // Messages heard while the list was on its way and newer than what it counted: on top.
      // (Each list replaces its channels' counts, so replaying for each list counts once.)
      for (const h of s.heard) {
        const last = counted.get(h.channelId);
        if (last === undefined || compareIds(h.messageId, last) <= 0) continue;
        const read = arrive(reads[h.channelId], h.messageId, h.how);
        if (read) reads[h.channelId] = read;
      }
      const loading = Math.max(0, s.loading - 1);
      const latest = { ...s.latest };
      for (const [channelId, id] of counted) latest[channelId] = newer(latest[channelId], id);
      return { loaded: true, reads, loading, heard: loading > 0 ? s.heard : [], latest };
    }),
  apply: ({ channelId, lastReadId, unreadCount, mentionCount, markedUnread }) =>
    set((s) => {
      const held = s.reads[channelId];
      if (markedUnread) {
        const was = s.markedUnread[channelId];
        const mark = was?.lastReadId === lastReadId && was.count === unreadCount ? was : { lastReadId, count: unreadCount };
        return { reads: { ...s.reads, [channelId]: carry(held, { lastReadId, unreadCount, mentionCount }) }, markedUnread: { ...s.markedUnread, [channelId]: mark } };
      }
      if (held?.lastReadId && compareIds(held.lastReadId, lastReadId) > 0) return s;
      // The same cursor: the server counted when it answered, and messages heard live
      // since (an ack's answer arriving after a mention) are in what is held.
      if (held?.lastReadId === lastReadId) {
        const read = { lastReadId, unreadCount: Math.max(held.unreadCount, unreadCount), mentionCount: Math.max(held.mentionCount, mentionCount) };
        return { reads: { ...s.reads, [channelId]: carry(held, read) } };
      }
      return { reads: { ...s.reads, [channelId]: carry(held, { lastReadId, unreadCount, mentionCount }) } };
    }),
  messageArrived: (channelId, messageId, how) =>
    set((s) => {
      // Bounded: a list that never comes back (offline) must not grow without end.
      const heard = s.loading > 0 ? { heard: [...s.heard.slice(-999), { channelId, messageId, how }] } : {};
      const latest = { latest: { ...s.latest, [channelId]: newer(s.latest[channelId], messageId) } };
      const read = arrive(s.reads[channelId], messageId, how);
      if (!read) return { ...heard, ...latest };
      return { reads: { ...s.reads, [channelId]: read }, ...heard, ...latest };
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
