"use client";

import { useMutation, useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import type { DmChannel, OpenDmInput } from "@/shared/api";
import { api } from "../api";
import { sortDms, unreadDmCount } from "../components/dms/dm-format";
import { describeError } from "../lib/errors";
import { queryKeys } from "../query-keys";
import { useMessagesStore } from "../stores/messages";
import { usePresenceStore } from "../stores/presence";
import { useReadStateStore } from "../stores/read-state";
import { useToasts } from "../stores/toasts";
import { useServers } from "./use-servers";
import { useNotificationSettings } from "./use-notification-settings";
import { mutedPlace } from "../lib/tab-badge";

/** My open conversations, most recent first. */
export function useDms() {
  return useQuery({ queryKey: queryKeys.dms, queryFn: api.listDms, select: sortDms });
}

export function useDm(channelId: string) {
  const dms = useDms();
  return { ...dms, dm: dms.data?.find((d) => d.id === channelId) };
}

/** For the home button: how many conversations have unread messages, not counting the one on screen. */
export function useUnreadDmCount(openId?: string): number {
  const dms = useDms();
  const loaded = useReadStateStore((s) => s.loaded);
  const reads = useReadStateStore((s) => s.reads);
  const settings = useNotificationSettings().data;
  if (!loaded || !dms.data) return 0;
  // The one on screen is being read, and muted ones never badge.
  return unreadDmCount(dms.data.filter((d) => d.id !== openId && !mutedPlace(settings, d.id, null)), reads);
}

/**
 * Presence comes per server; everyone I can talk to shares one with me, so loading my
 * servers' presences covers every dot in the DM list.
 */
export function useAllPresences(): void {
  const servers = useServers();
  const results = useQueries({
    queries: (servers.data ?? []).map((s) => ({ queryKey: queryKeys.presences(s.id), queryFn: () => api.presences(s.id) })),
  });
  const stamp = results.map((r) => r.dataUpdatedAt).join(",");
  useEffect(() => {
    for (const result of results) if (result.data) usePresenceStore.getState().put(result.data);
    // Keyed on the fetch times: useQueries hands back a new array every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [stamp]);
}

function putDm(list: DmChannel[] | undefined, dm: DmChannel): DmChannel[] | undefined {
  if (!list) return list;
  return list.some((d) => d.id === dm.id) ? list.map((d) => (d.id === dm.id ? dm : d)) : [dm, ...list];
}

/** Opens (or reopens) a conversation and goes there; a refusal becomes a toast in words. */
export function useOpenDm() {
  const queryClient = useQueryClient();
  const router = useRouter();
  return useMutation({
    mutationFn: (input: OpenDmInput) => api.openDm(input),
    onSuccess: (dm) => {
      queryClient.setQueryData<DmChannel[]>(queryKeys.dms, (list) => putDm(list, dm));
      void queryClient.invalidateQueries({ queryKey: queryKeys.dms, exact: true });
      router.push(`/channels/me/${dm.id}`);
    },
    onError: (error) => useToasts.getState().show(describeError(error)),
  });
}

/** Closes a 1:1 (it comes back with the next message) or leaves a group. */
export function useCloseDm() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (channelId: string) => api.closeDm(channelId),
    onMutate: (channelId) => {
      queryClient.setQueryData<DmChannel[]>(queryKeys.dms, (list) => list?.filter((d) => d.id !== channelId));
    },
    onSuccess: (_, channelId) => useMessagesStore.getState().reset(channelId),
    onError: (error) => useToasts.getState().show(describeError(error)),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: queryKeys.dms, exact: true }),
  });
}

/** Rename, new icon, people added or removed: the answer replaces the cached conversation. */
export function useDmCacheUpdate() {
  const queryClient = useQueryClient();
  return (dm: DmChannel) => queryClient.setQueryData<DmChannel[]>(queryKeys.dms, (list) => putDm(list, dm));
}
