"use client";

import { useQuery } from "@tanstack/react-query";
import type { Channel } from "@/shared/api";
import { api } from "../api";
import { queryKeys } from "../query-keys";
import { channelUnread, useReadStateStore, type ChannelUnread } from "../stores/read-state";
import { useChannels } from "./use-servers";
import { useNotificationSettings } from "./use-notification-settings";
import { mutedPlace } from "../lib/tab-badge";

const nothing: ChannelUnread = { unread: false, mentions: 0 };

/**
 * Loads my read cursors into the store; refetched after a reconnect like the rest. Each
 * answer goes into the store as it arrives (not from an effect, which may see only the
 * last of two quick answers), with the messages heard live meanwhile added on top.
 */
export function useReadStatesLoader(): void {
  useQuery({
    queryKey: queryKeys.readStates,
    queryFn: async () => {
      const store = useReadStateStore.getState();
      store.beginLoad();
      try {
        const states = await api.readStates();
        useReadStateStore.getState().load(states);
        return states;
      } catch (err) {
        useReadStateStore.getState().abandonLoad();
        throw err;
      }
    },
    staleTime: Infinity,
  });
}

/** A muted channel (or one in a muted server) is never unread: no bold, no nub, no count. */
export function useChannelUnread(channel: Channel): ChannelUnread {
  const loaded = useReadStateStore((s) => s.loaded);
  const reads = useReadStateStore((s) => s.reads);
  const settings = useNotificationSettings().data;
  // Until my cursors are known every channel would look unread; show none instead.
  if (!loaded || channel.type !== "text" || mutedPlace(settings, channel.id, channel.serverId)) return nothing;
  return channelUnread(channel.id, reads);
}

/** A server is unread when any of its text channels is, muted ones aside; mentions add up. */
export function useServerUnread(serverId: string): ChannelUnread {
  const channels = useChannels(serverId);
  const loaded = useReadStateStore((s) => s.loaded);
  const reads = useReadStateStore((s) => s.reads);
  const settings = useNotificationSettings().data;
  if (!loaded || !channels.data) return nothing;
  let unread = false;
  let mentions = 0;
  for (const channel of channels.data) {
    if (channel.type !== "text" || mutedPlace(settings, channel.id, serverId)) continue;
    const state = channelUnread(channel.id, reads);
    unread ||= state.unread;
    mentions += state.mentions;
  }
  return { unread, mentions };
}
