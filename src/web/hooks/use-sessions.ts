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
    staleTime: 30_000,
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
