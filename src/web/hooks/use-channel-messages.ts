"use client";

import { useCallback, useEffect } from "react";
import type { Message } from "@/shared/api";
import { limits } from "@/shared/limits";
import { api } from "../api";
import { describeError } from "../lib/errors";
import { compareIds } from "../lib/ids";
import { useChatUi } from "../stores/chat-ui";
import { EMPTY_CHANNEL, useMessagesStore } from "../stores/messages";

const pageSize = limits.messagePageDefault;

/**
 * The newest load started per channel. A latest page and a jump can be in flight at
 * once (open a channel from a search hit); only the one started last may land.
 */
const loads = new Map<string, number>();
let loadCounter = 0;

function startLoad(channelId: string): () => boolean {
  const token = ++loadCounter;
  loads.set(channelId, token);
  return () => loads.get(channelId) === token;
}

/** Fetch the newest page of a channel into the store. */
export async function loadLatest(channelId: string): Promise<void> {
  const current = startLoad(channelId);
  useMessagesStore.getState().setLoadingLatest(channelId);
  try {
    const page = await api.listMessages(channelId, { limit: pageSize });
    if (current()) useMessagesStore.getState().setLatest(channelId, page, page.length === pageSize);
  } catch (error) {
    if (current()) useMessagesStore.getState().setError(channelId, describeError(error));
  }
}

/**
 * Show a message in its context and flash it: straight away when it is held, otherwise
 * after loading the page around it (a reply far up the history, a search hit, a pin).
 */
export async function jumpToMessage(channelId: string, messageId: string): Promise<void> {
  const held = useMessagesStore.getState().channels[channelId];
  if (held?.loaded && held.byId[messageId]) {
    useChatUi.getState().setJump(channelId, messageId);
    return;
  }
  const current = startLoad(channelId);
  useMessagesStore.getState().setLoadingLatest(channelId);
  try {
    const page = await api.listMessages(channelId, { around: messageId, limit: pageSize });
    if (!current()) return;
    // The page is newest first; a message newer than the target means more may follow.
    const index = page.findIndex((m) => m.id === messageId);
    const newer = index < 0 ? 0 : index;
    const older = index < 0 ? page.length : page.length - index - 1;
    useMessagesStore.getState().setAround(channelId, page, older >= pageSize / 2 - 1, newer >= pageSize / 2 - 1);
    useChatUi.getState().setJump(channelId, messageId);
  } catch (error) {
    if (current()) useMessagesStore.getState().setError(channelId, describeError(error));
  }
}

/** Beyond this many pages (held and missed together), start over from the latest page. */
const catchUpPagesMax = 20;
/** A refresh that keeps hearing others' reactions while it fetches is applied on this round anyway. */
const catchUpRounds = 3;

/** Oldest first by id, one less: `after` is exclusive. */
function justBefore(id: string): string {
  return id === "0" ? "0" : (BigInt(id) - 1n).toString();
}

/**
 * Every message in the range, newest first, in pages of the largest size; null when it
 * would take more than `catchUpPagesMax` pages.
 */
async function fetchRange(channelId: string, from: string, to: string | null): Promise<Message[] | null> {
  const fetched: Message[] = [];
  let after = justBefore(from);
  for (let pages = 0; pages < catchUpPagesMax; pages++) {
    const page = await api.listMessages(channelId, { after, limit: limits.messagePageMax });
    fetched.unshift(...page);
    if (page.length < limits.messagePageMax) return fetched;
    after = page[0]!.id; // pages come newest first
    if (to !== null && compareIds(after, to) >= 0) return fetched;
  }
  return null;
}

/**
 * After a reconnect (and on the first ready): fetch the held window again — from its
 * oldest message to its newest, or to the end when showing the present — and put it in
 * place of what was held, so every change made meanwhile shows: new messages, edits,
 * deletes, reactions and pins. Changes heard live during the fetch are replayed over it.
 * A window too long to fetch again (more than twenty pages) starts over from the latest
 * page; older history then pages in as usual and nothing is lost.
 */
export async function catchUp(channelId: string): Promise<void> {
  for (let round = 1; round <= catchUpRounds; round++) {
    const store = useMessagesStore.getState();
    const range = store.beginRefresh(channelId);
    if (!range) return; // not loaded: its first page is (or will be) fetched whole
    let fetched: Message[] | null;
    try {
      fetched = await fetchRange(channelId, range.from, range.to);
    } catch (error) {
      useMessagesStore.getState().abandonRefresh(channelId, range.id);
      useMessagesStore.getState().setError(channelId, describeError(error));
      return;
    }
    if (fetched === null) {
      useMessagesStore.getState().abandonRefresh(channelId, range.id);
      return loadLatest(channelId);
    }
    const outcome = useMessagesStore.getState().endRefresh(channelId, range.id, fetched, round === catchUpRounds);
    if (outcome !== "again") return;
  }
}

/** The messages of one channel, loading the latest page on first open. */
export function useChannelMessages(channelId: string) {
  const channel = useMessagesStore((state) => state.channels[channelId] ?? EMPTY_CHANNEL);

  useEffect(() => {
    const held = useMessagesStore.getState().channels[channelId];
    // A jump may already be loading this channel's page around its target.
    if (!held?.loaded && !held?.loadingLatest) void loadLatest(channelId);
  }, [channelId]);

  const loadOlder = useCallback(async () => {
    const current = useMessagesStore.getState().channels[channelId];
    if (!current?.loaded || current.loadingOlder || !current.hasMoreBefore) return;
    const oldest = current.order[0];
    if (oldest === undefined) return;
    useMessagesStore.getState().setLoadingOlder(channelId, true);
    try {
      const page = await api.listMessages(channelId, { before: oldest, limit: pageSize });
      useMessagesStore.getState().addOlder(channelId, page, page.length === pageSize);
    } catch (error) {
      useMessagesStore.getState().setError(channelId, describeError(error));
    }
  }, [channelId]);

  const loadNewer = useCallback(async () => {
    const current = useMessagesStore.getState().channels[channelId];
    if (!current?.loaded || current.loadingNewer || !current.hasMoreAfter) return;
    const newest = current.order[current.order.length - 1];
    if (newest === undefined) return;
    useMessagesStore.getState().setLoadingNewer(channelId, true);
    try {
      const page = await api.listMessages(channelId, { after: newest, limit: pageSize });
      useMessagesStore.getState().addNewer(channelId, page, page.length === pageSize);
    } catch (error) {
      useMessagesStore.getState().setError(channelId, describeError(error));
    }
  }, [channelId]);

  const jumpToPresent = useCallback(() => void loadLatest(channelId), [channelId]);

  const retry = useCallback(() => {
    const current = useMessagesStore.getState().channels[channelId];
    if (current?.loaded) void loadOlder();
    else void loadLatest(channelId);
  }, [channelId, loadOlder]);

  return { channel, loadOlder, loadNewer, jumpToPresent, retry };
}
