"use client";

import { useCallback, useEffect } from "react";
import { limits } from "@/shared/limits";
import { api } from "../api";
import { describeError } from "../lib/errors";
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

/** Beyond this many missed messages, start over from the latest page instead. */
const catchUpPagesMax = 10;

/**
 * After a reconnect: fetch what arrived after the newest message held, page by page
 * forward, so every missed message lands in order. A gap longer than ten pages starts
 * over from the latest page; older history then pages in as usual and nothing is lost.
 */
export async function catchUp(channelId: string): Promise<void> {
  const channel = useMessagesStore.getState().channels[channelId];
  // An older stretch fetches newer pages as it scrolls; nothing to catch up on here.
  if (!channel?.loaded || channel.hasMoreAfter) return;
  // A channel that was empty when loaded has missed everything since its start.
  let newest = channel.order[channel.order.length - 1] ?? "0";
  try {
    for (let pages = 0; pages < catchUpPagesMax; pages++) {
      const page = await api.listMessages(channelId, { after: newest, limit: limits.messagePageMax });
      useMessagesStore.getState().merge(channelId, page);
      if (page.length < limits.messagePageMax) return;
      newest = page[0]!.id; // pages come newest first
    }
    return loadLatest(channelId);
  } catch (error) {
    useMessagesStore.getState().setError(channelId, describeError(error));
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
