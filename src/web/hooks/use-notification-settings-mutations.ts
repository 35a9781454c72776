"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import type {
  MuteChoice,
  NotificationSettings,
  UpdateChannelNotificationsInput,
  UpdateNotificationPrefsInput,
  UpdateServerNotificationsInput,
} from "@/shared/api/notifications";
import { api } from "../api";
import { queryKeys } from "../query-keys";

// The changes, apart from the reads: only the menus and settings loaded on use need them.

/** A mute choice as the server will store it. */
function muteOf(mute: MuteChoice | null): { muted: boolean; mutedUntil: string | null } {
  if (mute === null) return { muted: false, mutedUntil: null };
  return { muted: true, mutedUntil: mute === "forever" ? null : new Date(Date.now() + mute * 60_000).toISOString() };
}

/**
 * Shown at once (a radio or toggle follows the click), then replaced by what the server
 * stored; put back as it was if the server refuses.
 */
function useSettingsMutation<I>(send: (input: I) => Promise<NotificationSettings>, apply: (settings: NotificationSettings, input: I) => NotificationSettings) {
  const queryClient = useQueryClient();
  const key = queryKeys.notificationSettings;
  return useMutation({
    mutationFn: send,
    onMutate: async (input: I) => {
      await queryClient.cancelQueries({ queryKey: key });
      const before = queryClient.getQueryData<NotificationSettings>(key);
      if (before) queryClient.setQueryData<NotificationSettings>(key, apply(before, input));
      return { before };
    },
    onError: (_err, _input, context) => {
      if (context?.before) queryClient.setQueryData(key, context.before);
    },
    onSuccess: (settings) => queryClient.setQueryData(key, settings),
  });
}

export function useUpdateNotificationPrefs() {
  return useSettingsMutation(
    (input: UpdateNotificationPrefsInput) => api.updateNotificationPrefs(input),
    (s, input) => ({ ...s, prefs: { ...s.prefs, ...input } }),
  );
}

export function useUpdateServerNotifications(serverId: string) {
  return useSettingsMutation(
    (input: UpdateServerNotificationsInput) => api.updateServerNotifications(serverId, input),
    (s, { mute, ...rest }) => {
      const current = s.servers.find((x) => x.serverId === serverId) ?? {
        serverId,
        level: null,
        muted: false,
        mutedUntil: null,
        suppressEveryone: false,
        suppressRoles: false,
      };
      const next = { ...current, ...rest, ...(mute === undefined ? {} : muteOf(mute)) };
      return { ...s, servers: [...s.servers.filter((x) => x.serverId !== serverId), next] };
    },
  );
}

export function useUpdateChannelNotifications(channelId: string) {
  return useSettingsMutation(
    (input: UpdateChannelNotificationsInput) => api.updateChannelNotifications(channelId, input),
    (s, { mute, ...rest }) => {
      const current = s.channels.find((x) => x.channelId === channelId) ?? { channelId, level: null, muted: false, mutedUntil: null };
      const next = { ...current, ...rest, ...(mute === undefined ? {} : muteOf(mute)) };
      return { ...s, channels: [...s.channels.filter((x) => x.channelId !== channelId), next] };
    },
  );
}
