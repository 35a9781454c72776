/**
 * Messages per channel, client side. Confirmed messages are keyed by id; messages the
 * user is still sending are keyed by their nonce until the server's copy arrives (from
 * the POST reply or the socket, whichever is first), so a message never shows twice.
 */
import { create } from "zustand";
import type { Attachment, Message, PublicUser } from "@/shared/api";
import { compareIds } from "../lib/ids";
import { applyReaction, keepMyReactions, withDeletedOriginal, withEditedOriginal } from "./message-patches";

export interface OutgoingMessage {
  nonce: string;
  channelId: string;
  author: PublicUser;
  content: string;
  createdAt: string;
  /** `queued`: written while offline, sent when the connection is back. */
  status: "queued" | "pending" | "failed";
  error?: string;
  replyTo?: Message["replyTo"];
  /** Already uploaded: shown with the message while it is sent, their ids sent with it. */
  attachments?: Attachment[];
}

export interface ChannelMessages {
  byId: Record<string, Message>;
  /** Confirmed ids, oldest first. */
  order: string[];
  /** Messages being sent or that failed, in the order they were written. */
  outgoing: OutgoingMessage[];
  /** False until the latest page has been fetched once. */
  loaded: boolean;
  loadingLatest: boolean;
  /** Live messages that arrived while the latest page was in flight; merged when it lands. */
  early: Message[];
  hasMoreBefore: boolean;
  loadingOlder: boolean;
  /** True while showing an older stretch (a jump): newer pages load on scroll, live messages wait. */
  hasMoreAfter: boolean;
  loadingNewer: boolean;
  error?: string;
  /**
   * While the held window is fetched again after a reconnect: the ids it covers (`to`
   * null: up to the end) and the live changes heard meanwhile, replayed over the copy
   * fetched so nothing heard during the fetch is lost.
   */
  refreshing: Refresh | null;
}

/** A live change to a channel's messages, as the socket events apply it. */
export type LiveChange =
  | { kind: "merge"; messages: Message[] }
  | { kind: "replace"; message: Message }
  | { kind: "reaction"; messageId: string; emoji: string; added: boolean; mine: boolean }
  | { kind: "remove"; messageId: string };

export interface Refresh {
  /** The latest begun wins: a reconnect during a refresh starts another, and the first is stale. */
  id: number;
  from: string;
  to: string | null;
  heard: LiveChange[];
}

/** What became of a refreshed window: in place, to fetch again, or no longer held. */
export type RefreshOutcome = "applied" | "again" | "stale";

function emptyChannel(): ChannelMessages {
  return {
    byId: {},
    order: [],
    outgoing: [],
    loaded: false,
    loadingLatest: false,
    early: [],
    hasMoreBefore: true,
    loadingOlder: false,
    hasMoreAfter: false,
    loadingNewer: false,
    refreshing: null,
  };
}

interface MessagesState {
  channels: Record<string, ChannelMessages>;
  /** Replace a channel's contents with its latest page (newest first, as the API sends it). */
  setLatest: (channelId: string, newestFirst: Message[], hasMoreBefore: boolean) => void;
  /** Merge an older page (newest first) fetched with `before`. */
  addOlder: (channelId: string, newestFirst: Message[], hasMoreBefore: boolean) => void;
  /** Replace a channel's contents with a page around one message (a jump). */
  setAround: (channelId: string, newestFirst: Message[], hasMoreBefore: boolean, hasMoreAfter: boolean) => void;
  /** Merge a newer page (newest first) fetched with `after` while showing an older stretch. */
  addNewer: (channelId: string, newestFirst: Message[], hasMoreAfter: boolean) => void;
  setLoadingNewer: (channelId: string, loading: boolean) => void;
  /** An edit, pin or unpin: replace the copy held, if any. */
  replace: (channelId: string, message: Message) => void;
  reaction: (channelId: string, messageId: string, emoji: string, added: boolean, mine: boolean) => void;
  /** Merge confirmed messages from anywhere (socket, POST reply, catch-up); settles matching sends. */
  merge: (channelId: string, messages: Message[]) => void;
  setLoadingLatest: (channelId: string) => void;
  setLoadingOlder: (channelId: string, loading: boolean) => void;
  setError: (channelId: string, error: string | undefined) => void;
  addOutgoing: (message: OutgoingMessage) => void;
  markOutgoing: (channelId: string, nonce: string, status: OutgoingMessage["status"], error?: string) => void;
  /** Give up on an unsent message (the user dismissed it). */
  dropOutgoing: (channelId: string, nonce: string) => void;
  /** Forget channels that are not open so they refetch when opened (after a reconnect). */
  resetExcept: (channelId: string | undefined) => void;
  /** Drop a deleted message; replies to it say the original is gone. */
  remove: (channelId: string, messageId: string) => void;
  /**
   * A reconnect: the held window (from its oldest message, to its newest or, at the
   * bottom, to the end) is about to be fetched again; live changes are noted from now.
   * Returns the range, or null when nothing is loaded.
   */
  beginRefresh: (channelId: string) => Omit<Refresh, "heard"> | null;
  /**
   * The window fetched again (newest first): it replaces what was held in its range —
   * edits, deletes, reactions, pins as they are now — and the changes heard meanwhile are
   * replayed over it. `final` false: when another person's reaction was heard meanwhile
   * (counting it again could be wrong), nothing changes and the caller fetches again.
   */
  endRefresh: (channelId: string, refreshId: number, newestFirst: Message[], final: boolean) => RefreshOutcome;
  /** The refresh failed: stop noting changes. */
  abandonRefresh: (channelId: string, refreshId: number) => void;
  reset: (channelId: string) => void;
  clear: () => void;
}

/** A nonce is unique per author and channel, so match on both. */
function withoutSettled(outgoing: OutgoingMessage[], messages: Message[]): OutgoingMessage[] {
  const settled = new Set(messages.filter((m) => m.nonce !== null).map((m) => `${m.author.id}:${m.nonce}`));
  if (settled.size === 0) return outgoing;
  const remaining = outgoing.filter((o) => !settled.has(`${o.author.id}:${o.nonce}`));
  return remaining.length === outgoing.length ? outgoing : remaining;
}

function mergeInto(channel: ChannelMessages, messages: Message[]): ChannelMessages {
  const unique = new Map(messages.map((m) => [m.id, m]));
  const newest = channel.order[channel.order.length - 1];
  // Showing an older stretch: anything past its end would leave a gap, so it waits for the newer pages.
  const fits = (m: Message) => !channel.hasMoreAfter || (newest !== undefined && compareIds(m.id, newest) <= 0);
  const fresh = [...unique.values()].filter((m) => !channel.byId[m.id] && fits(m));
  const outgoing = withoutSettled(channel.outgoing, messages);
  if (fresh.length === 0 && outgoing.length === channel.outgoing.length) return channel;
  const byId = { ...channel.byId };
  for (const message of fresh) byId[message.id] = message;
  const order = [...channel.order, ...fresh.map((m) => m.id)];
  const lastKnown = channel.order[channel.order.length - 1];
  const appendsInOrder = fresh.every((m, i) => {
    const previous = i === 0 ? lastKnown : fresh[i - 1]?.id;
    return previous === undefined || compareIds(previous, m.id) < 0;
  });
  if (!appendsInOrder) order.sort(compareIds);
  return { ...channel, byId, order, outgoing };
}

function applyChange(channel: ChannelMessages, change: LiveChange): ChannelMessages {
  switch (change.kind) {
    case "merge":
      return mergeInto(channel, change.messages);
    case "replace": {
      const { message } = change;
      const previous = channel.byId[message.id];
      if (!previous) return channel;
      const byId: Record<string, Message> = {};
      for (const [id, held] of Object.entries(channel.byId)) byId[id] = withEditedOriginal(held, message);
      byId[message.id] = keepMyReactions(previous, message);
      return { ...channel, byId };
    }
    case "reaction": {
      const previous = channel.byId[change.messageId];
      if (!previous) return channel;
      const next = applyReaction(previous, change.emoji, change.added, change.mine);
      return next === previous ? channel : { ...channel, byId: { ...channel.byId, [change.messageId]: next } };
    }
    case "remove": {
      if (!channel.byId[change.messageId]) return channel;
      const byId: Record<string, Message> = {};
      for (const [id, message] of Object.entries(channel.byId)) {
        if (id !== change.messageId) byId[id] = withDeletedOriginal(message, change.messageId);
      }
      return { ...channel, byId, order: channel.order.filter((id) => id !== change.messageId) };
    }
  }
}

/** A live change applied now, and noted while the window is being fetched again. */
function hear(channel: ChannelMessages, change: LiveChange): ChannelMessages {
  const next = applyChange(channel, change);
  if (!channel.refreshing) return next;
  return { ...next, refreshing: { ...channel.refreshing, heard: [...channel.refreshing.heard, change] } };
}

function inRange(id: string, { from, to }: Refresh): boolean {
  return compareIds(id, from) >= 0 && (to === null || compareIds(id, to) <= 0);
}

/** Replaying my reactions, edits, deletes and new messages is harmless; others' reactions count again. */
function countsAgain(change: LiveChange, held: Record<string, Message>): boolean {
  return change.kind === "reaction" && !change.mine && held[change.messageId] !== undefined;
}

function refreshedWindow(channel: ChannelMessages, refresh: Refresh, newestFirst: Message[]): ChannelMessages {
  const byId: Record<string, Message> = {};
  // What was held outside the range stays (an older page that landed meanwhile).
  for (const id of channel.order) if (!inRange(id, refresh)) byId[id] = channel.byId[id]!;
  const fetched = newestFirst.filter((m) => inRange(m.id, refresh));
  for (const message of fetched) byId[message.id] = message;
  const order = Object.keys(byId).sort(compareIds);
  const outgoing = withoutSettled(channel.outgoing, fetched);
  let next: ChannelMessages = { ...channel, byId, order, outgoing, refreshing: null };
  for (const change of refresh.heard) next = applyChange(next, change);
  return next;
}

let refreshCounter = 0;

export const useMessagesStore = create<MessagesState>()((set, get) => {
  const update = (channelId: string, change: (channel: ChannelMessages) => ChannelMessages) =>
    set((state) => {
      const current = state.channels[channelId] ?? emptyChannel();
      const next = change(current);
      return next === current ? state : { channels: { ...state.channels, [channelId]: next } };
    });

  return {
    channels: {},

    setLatest: (channelId, newestFirst, hasMoreBefore) =>
      update(channelId, (channel) => {
        const base: ChannelMessages = {
          ...emptyChannel(),
          outgoing: channel.outgoing,
          loaded: true,
          hasMoreBefore,
        };
        return mergeInto(base, [...newestFirst].reverse().concat(channel.early));
      }),

    addOlder: (channelId, newestFirst, hasMoreBefore) =>
      update(channelId, (channel) => ({
        ...mergeInto(channel, [...newestFirst].reverse()),
        hasMoreBefore,
        loadingOlder: false,
      })),

    setAround: (channelId, newestFirst, hasMoreBefore, hasMoreAfter) =>
      update(channelId, (channel) => {
        const base: ChannelMessages = { ...emptyChannel(), outgoing: channel.outgoing, loaded: true, hasMoreBefore };
        return { ...mergeInto(base, [...newestFirst].reverse()), hasMoreAfter };
      }),

    addNewer: (channelId, newestFirst, hasMoreAfter) =>
      update(channelId, (channel) => {
        const merged = mergeInto({ ...channel, hasMoreAfter: false }, [...newestFirst].reverse());
        return { ...merged, hasMoreAfter, loadingNewer: false };
      }),

    setLoadingNewer: (channelId, loading) => update(channelId, (channel) => ({ ...channel, loadingNewer: loading })),

    replace: (channelId, message) => update(channelId, (channel) => hear(channel, { kind: "replace", message })),

    reaction: (channelId, messageId, emoji, added, mine) =>
      update(channelId, (channel) => hear(channel, { kind: "reaction", messageId, emoji, added, mine })),

    merge: (channelId, messages) =>
      update(channelId, (channel) => {
        if (channel.loaded) return hear(channel, { kind: "merge", messages });
        // The page in flight may have been read before these were written.
        if (channel.loadingLatest) return { ...channel, early: [...channel.early, ...messages] };
        // An unloaded channel fetches its latest page when opened; only settle sends here.
        const outgoing = withoutSettled(channel.outgoing, messages);
        return outgoing === channel.outgoing ? channel : { ...channel, outgoing };
      }),

    setLoadingLatest: (channelId) =>
      update(channelId, (channel) => ({ ...channel, loadingLatest: true, early: [], error: undefined })),

    setLoadingOlder: (channelId, loading) => update(channelId, (channel) => ({ ...channel, loadingOlder: loading })),

    setError: (channelId, error) =>
      update(channelId, (channel) => ({ ...channel, error, loadingOlder: false, loadingLatest: false })),

    addOutgoing: (message) =>
      update(message.channelId, (channel) => ({ ...channel, outgoing: [...channel.outgoing, message] })),

    markOutgoing: (channelId, nonce, status, error) =>
      update(channelId, (channel) => ({
        ...channel,
        outgoing: channel.outgoing.map((o) => (o.nonce === nonce ? { ...o, status, error } : o)),
      })),

    dropOutgoing: (channelId, nonce) =>
      update(channelId, (channel) => ({ ...channel, outgoing: channel.outgoing.filter((o) => o.nonce !== nonce) })),

    resetExcept: (channelId) =>
      set((state) => {
        const channels: Record<string, ChannelMessages> = {};
        for (const [id, channel] of Object.entries(state.channels)) {
          // Keep unsent messages everywhere: the user wrote them and may retry them.
          channels[id] = id === channelId ? channel : { ...emptyChannel(), outgoing: channel.outgoing };
        }
        return { channels };
      }),

    remove: (channelId, messageId) => update(channelId, (channel) => hear(channel, { kind: "remove", messageId })),

    beginRefresh: (channelId) => {
      const channel = get().channels[channelId];
      if (!channel?.loaded) return null;
      // A window that was empty when loaded covers everything from the channel's start.
      const from = channel.order[0] ?? "0";
      const to = channel.hasMoreAfter ? (channel.order[channel.order.length - 1] ?? null) : null;
      const id = ++refreshCounter;
      update(channelId, (current) => ({ ...current, refreshing: { id, from, to, heard: [] } }));
      return { id, from, to };
    },

    endRefresh: (channelId, refreshId, newestFirst, final) => {
      const refresh = get().channels[channelId]?.refreshing;
      // Replaced meanwhile (the latest page, a jump, a reset, a newer refresh): the fetched copy is stale.
      if (refresh?.id !== refreshId) return "stale";
      const heldAfter = Object.fromEntries(newestFirst.map((m) => [m.id, m]));
      if (!final && refresh.heard.some((change) => countsAgain(change, heldAfter))) {
        update(channelId, (channel) => ({ ...channel, refreshing: null }));
        return "again";
      }
      update(channelId, (channel) => refreshedWindow(channel, refresh, newestFirst));
      return "applied";
    },

    abandonRefresh: (channelId, refreshId) =>
      update(channelId, (channel) => (channel.refreshing?.id === refreshId ? { ...channel, refreshing: null } : channel)),

    reset: (channelId) =>
      update(channelId, (channel) => ({ ...emptyChannel(), outgoing: channel.outgoing })),

    clear: () => set({ channels: {} }),
  };
});

/** Stable fallback so selectors on an unknown channel do not re-render on every store change. */
export const EMPTY_CHANNEL: ChannelMessages = emptyChannel();
