"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { PublicUser } from "@/shared/api";
import { api } from "../api";
import { describeError } from "../lib/errors";
import { queryKeys } from "../query-keys";
import { useToasts } from "../stores/toasts";

const none: ReadonlySet<string> = new Set();

/** People I blocked; their messages collapse and they cannot start conversations with me. */
export function useBlocks() {
  return useQuery({ queryKey: queryKeys.blocks, queryFn: api.blocks, staleTime: 5 * 60_000 });
}

export function useBlockedIds(): ReadonlySet<string> {
  const blocks = useQuery({
    queryKey: queryKeys.blocks,
    queryFn: api.blocks,
    staleTime: 5 * 60_000,
    select: (list) => new Set(list.map((u) => u.id)),
  });
  return blocks.data ?? none;
}

/** Blocks or unblocks at once on screen; the server's list replaces the guess after. */
export function useSetBlocked() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ user, blocked }: { user: PublicUser; blocked: boolean }) =>
      blocked ? api.block(user.id) : api.unblock(user.id),
    onMutate: ({ user, blocked }) => {
      queryClient.setQueryData<PublicUser[]>(queryKeys.blocks, (list) => {
        const rest = (list ?? []).filter((u) => u.id !== user.id);
        return blocked ? [...rest, user] : rest;
      });
    },
    onError: (error) => useToasts.getState().show(describeError(error)),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: queryKeys.blocks }),
  });
}
