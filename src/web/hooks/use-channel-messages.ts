"use client";

import { useCallback, useEffect } from "react";
import { limits } from "@/shared/limits";
import { api } from "../api";
import { describeError } from "../lib/errors";
import { EMPTY_CHANNEL, useMessagesStore } from "../stores/messages";

const pageSize = limits.messagePageDefault;

/** Fetch the newest page of a channel into the store. */
export async function loadLatest(channelId: string): Promise<void> {
  useMessagesStore.getState().setLoadingLatest(channelId);
  try {
    const page = await api.listMessages(channelId, { limit: pageSize });
    useMessagesStore.getState().setLatest(channelId, page, page.length === pageSize);
  } catch (error) {
    useMessagesStore.getState().setError(channelId, describeError(error));
  }
}

/**
 * After a reconnect: fetch what arrived after the newest message held. If a whole page
 * came back the gap may be larger than one page, so start over from the latest page;
 * older history then pages in as usual and nothing is lost.
 */
export async function catchUp(channelId: string): Promise<void> {
  const channel = useMessagesStore.getState().channels[channelId];
  if (!channel?.loaded) return;
  const newest = channel.order[channel.order.length - 1];
  if (newest === undefined) return loadLatest(channelId);
  try {
    const page = await api.listMessages(channelId, { after: newest, limit: limits.messagePageMax });
    if (page.length >= limits.messagePageMax) return loadLatest(channelId);
    useMessagesStore.getState().merge(channelId, page);
  } catch (error) {
    useMessagesStore.getState().setError(channelId, describeError(error));
  }
}

/** The messages of one channel, loading the latest page on first open. */
export function useChannelMessages(channelId: string) {
  const channel = useMessagesStore((state) => state.channels[channelId] ?? EMPTY_CHANNEL);

  useEffect(() => {
    if (!useMessagesStore.getState().channels[channelId]?.loaded) void loadLatest(channelId);
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

  const retry = useCallback(() => {
    const current = useMessagesStore.getState().channels[channelId];
    if (current?.loaded) void loadOlder();
    else void loadLatest(channelId);
  }, [channelId, loadOlder]);

  return { channel, loadOlder, retry };
}
