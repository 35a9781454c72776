"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import type { NotificationSettings } from "@/shared/api/notifications";
import { isMutedNow } from "@/shared/notifications";
import { api } from "../api";
import { mutedPlace } from "../lib/tab-badge";
import { queryKeys } from "../query-keys";

/** My notification settings: fetched once, then kept by `notification.settings.updated`. */
export function useNotificationSettings() {
  return useQuery({ queryKey: queryKeys.notificationSettings, queryFn: api.notificationSettings, staleTime: Infinity });
}

/** A channel or conversation muted, by itself or through its server: drawn dimmed, never badged. */
export function usePlaceMuted(channelId: string, serverId: string | null): boolean {
  const settings = useNotificationSettings().data;
  return mutedPlace(settings, channelId, serverId);
}

export function useServerMuted(serverId: string): boolean {
  const settings = useNotificationSettings().data;
  return isMutedNow(settings?.servers.find((s) => s.serverId === serverId));
}

/**
 * A mute with an end lifts by itself: when the soonest one ends, the settings are put
 * back as a new object so every dimmed place and badge looks again.
 */
export function useMuteExpiry(): void {
  const queryClient = useQueryClient();
  const settings = useNotificationSettings().data;
  useEffect(() => {
    if (!settings) return;
    const now = Date.now();
    const ends = [...settings.servers, ...settings.channels]
      .filter((s) => s.muted && s.mutedUntil)
      .map((s) => Date.parse(s.mutedUntil!))
      .filter((t) => t > now);
    if (ends.length === 0) return;
    // setTimeout holds at most ~24.8 days; a longer mute is looked at again then.
    const wait = Math.min(Math.min(...ends) - now + 250, 2 ** 31 - 1);
    const timer = setTimeout(() => {
      queryClient.setQueryData<NotificationSettings>(queryKeys.notificationSettings, (s) => s && { ...s });
    }, wait);
    return () => clearTimeout(timer);
  }, [settings, queryClient]);
}
