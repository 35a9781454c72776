"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { UserSession } from "@/shared/api";
import { api } from "../api";
import { queryKeys } from "../query-keys";

/** My signed-in devices, this one first, then the most recently active. */
export function useSessions() {
  return useQuery({
    queryKey: queryKeys.sessions,
    queryFn: async () => {
      const sessions = await api.sessions();
      return [...sessions].sort(
        (a, b) => Number(b.current) - Number(a.current) || Date.parse(b.lastActiveAt) - Date.parse(a.lastActiveAt),
      );
    },
    // Fresh each time the list is shown, and kept fresh while it stays open, so a
    // sign-in on another device appears without a reload.
    staleTime: 0,
    refetchInterval: 15_000,
  });
}

export function useRevokeSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (sessionId: string) => api.revokeSession(sessionId),
    onSuccess: (_, sessionId) => {
      queryClient.setQueryData<UserSession[]>(queryKeys.sessions, (list) => list?.filter((s) => s.id !== sessionId));
      void queryClient.invalidateQueries({ queryKey: queryKeys.sessions });
    },
  });
}

export function useRevokeOtherSessions() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.revokeOtherSessions(),
    onSuccess: () => {
      queryClient.setQueryData<UserSession[]>(queryKeys.sessions, (list) => list?.filter((s) => s.current));
      void queryClient.invalidateQueries({ queryKey: queryKeys.sessions });
    },
  });
}
