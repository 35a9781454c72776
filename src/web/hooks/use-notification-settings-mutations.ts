"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import type {
  NotificationSettings,
  UpdateChannelNotificationsInput,
  UpdateNotificationPrefsInput,
  UpdateServerNotificationsInput,
} from "@/shared/api/notifications";
import { api } from "../api";
import { queryKeys } from "../query-keys";

// The changes, apart from the reads: only the menus and settings loaded on use need them.

function useSettingsMutation<I>(send: (input: I) => Promise<NotificationSettings>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (settings) => queryClient.setQueryData(queryKeys.notificationSettings, settings),
  });
}

export function useUpdateNotificationPrefs() {
  return useSettingsMutation((input: UpdateNotificationPrefsInput) => api.updateNotificationPrefs(input));
}

export function useUpdateServerNotifications(serverId: string) {
  return useSettingsMutation((input: UpdateServerNotificationsInput) => api.updateServerNotifications(serverId, input));
}

export function useUpdateChannelNotifications(channelId: string) {
  return useSettingsMutation((input: UpdateChannelNotificationsInput) => api.updateChannelNotifications(channelId, input));
}
