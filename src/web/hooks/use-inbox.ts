"use client";

import { useQuery } from "@tanstack/react-query";
import { api } from "../api";
import { unreadInboxCount } from "../lib/inbox";
import { queryKeys } from "../query-keys";
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
