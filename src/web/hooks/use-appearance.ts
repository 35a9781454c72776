"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import type { Appearance, UpdateAppearanceInput } from "@/shared/api";
import { api } from "../api";
import { applyAppearance, rememberAppearance } from "../lib/appearance";

export const appearanceKey = ["appearance"] as const;

/**
 * The account's appearance. Reading it also refreshes the server's cookie copy, so a
 * device that had none (a first sign-in) renders the right theme from the next load on.
 */
export function useAppearance() {
  return useQuery({ queryKey: appearanceKey, queryFn: api.appearance, staleTime: Infinity });
}

/** Keeps `<html>` in step with the account's appearance (loaded, changed here, or on another device). */
export function useAppearanceSync() {
  const { data } = useAppearance();
  useEffect(() => {
    if (!data) return;
    applyAppearance(data);
    rememberAppearance(data);
  }, [data]);
}

/** A change shows at once; a refusal puts the previous appearance back. */
export function useUpdateAppearance() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateAppearanceInput) => api.updateAppearance(input),
    onMutate: async (input) => {
      await queryClient.cancelQueries({ queryKey: appearanceKey });
      const previous = queryClient.getQueryData<Appearance>(appearanceKey);
      if (previous) queryClient.setQueryData<Appearance>(appearanceKey, { ...previous, ...(input as Partial<Appearance>) });
      return { previous };
    },
    onError: (_error, _input, context) => {
      if (context?.previous) queryClient.setQueryData(appearanceKey, context.previous);
    },
    onSuccess: (appearance) => queryClient.setQueryData(appearanceKey, appearance),
  });
}
