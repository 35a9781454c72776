"use client";

import { useQuery, type QueryClient } from "@tanstack/react-query";
import type { Channel, DmChannel, Server } from "@/shared/api";
import type { InboxItem, InboxPage, NotificationInfo } from "@/shared/api/notifications";
import { api } from "../api";
import { dmName } from "../components/dms/dm-format";
import { prependItem, unreadInboxCount } from "../lib/inbox";
import { queryKeys } from "../query-keys";
import { useMessagesStore } from "../stores/messages";
import { useReadStateStore } from "../stores/read-state";

export const inboxPageSize = 25;

/** The newest page of my inbox (mentions, replies, missed calls); live entries are put on top. */
export function useInbox() {
  return useQuery({ queryKey: queryKeys.inbox, queryFn: () => api.inbox({ limit: inboxPageSize }), staleTime: Infinity });
}

/** Entries whose message is past my read cursor: a read on any tab or device clears them. */
export function useInboxUnread(): number {
  const items = useInbox().data?.items;
  const loaded = useReadStateStore((s) => s.loaded);
  const reads = useReadStateStore((s) => s.reads);
  if (!items || !loaded) return 0;
  return unreadInboxCount(items, reads);
}

/** Where a notification happened, from what this tab already holds. */
function placeOf(queryClient: QueryClient, info: NotificationInfo): InboxItem["place"] {
  if (!info.serverId) {
    const dm = queryClient.getQueryData<DmChannel[]>(queryKeys.dms)?.find((d) => d.id === info.channelId);
    return { channelName: dm ? dmName(dm) : info.title, serverName: null };
  }
  const channel = queryClient.getQueryData<Channel[]>(queryKeys.channels(info.serverId))?.find((c) => c.id === info.channelId);
  const server = queryClient.getQueryData<Server[]>(queryKeys.servers)?.find((s) => s.id === info.serverId);
  return { channelName: channel ? `#${channel.name}` : "", serverName: server?.name ?? null };
}

/**
 * A mention, reply or missed call just arrived: on top of the inbox at once (with the
 * message if this tab has it), then the page is fetched again for the server's copy.
 */
export function addToInbox(queryClient: QueryClient, info: NotificationInfo): void {
  const message = useMessagesStore.getState().channels[info.channelId]?.byId[info.messageId] ?? null;
  const item: InboxItem = { notification: info, message, place: placeOf(queryClient, info) };
  queryClient.setQueryData<InboxPage>(queryKeys.inbox, (page) => prependItem(page, item));
  void queryClient.invalidateQueries({ queryKey: queryKeys.inbox, exact: true });
}
