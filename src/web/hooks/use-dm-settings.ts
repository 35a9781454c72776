"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { DmSettings } from "@/shared/api";
import { api } from "../api";
import { describeError } from "../lib/errors";
import { queryKeys } from "../query-keys";
import { useToasts } from "../stores/toasts";

/** Whether members of this server may start conversations with me. */
export function useDmSettings(serverId: string, enabled = true) {
  return useQuery({ queryKey: queryKeys.dmSettings(serverId), queryFn: () => api.dmSettings(serverId), enabled });
}

export function useSetDmSettings(serverId: string) {
  const queryClient = useQueryClient();
  const key = queryKeys.dmSettings(serverId);
  return useMutation({
    mutationFn: (input: DmSettings) => api.setDmSettings(serverId, input),
    onMutate: (input) => {
      const before = queryClient.getQueryData<DmSettings>(key);
      queryClient.setQueryData(key, input);
      return { before };
    },
    onSuccess: (saved) => queryClient.setQueryData(key, saved),
    onError: (error, _, context) => {
      queryClient.setQueryData(key, context?.before);
      useToasts.getState().show(describeError(error));
    },
  });
}
