"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { isTimedOut } from "../lib/member-groups";
import { queryKeys } from "../query-keys";
import { useMembers } from "./use-servers";

/**
 * When my timeout ends, or null if I am not timed out. Nothing announces the end, so a
 * timer refetches my permissions then and the composer opens again by itself.
 */
export function useMyTimeout(serverId: string, myId: string | undefined): string | null {
  const members = useMembers(serverId);
  const queryClient = useQueryClient();
  const mine = members.data?.find((m) => m.user.id === myId);
  const until = mine && isTimedOut(mine) ? mine.timeoutUntil : null;

  useEffect(() => {
    if (!until) return;
    const timer = setTimeout(() => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.members(serverId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.channels(serverId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.server(serverId), exact: true });
      // Clamped: past ~24.8 days setTimeout overflows and would fire at once.
    }, Math.min(2 ** 31 - 1, Math.max(0, new Date(until).getTime() - Date.now()) + 500));
    return () => clearTimeout(timer);
  }, [until, serverId, queryClient]);

  return until;
}
