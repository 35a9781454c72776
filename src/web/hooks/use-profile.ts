"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { create } from "zustand";
import type { CustomStatus, SelfUser, UpdateProfileInput } from "@/shared/api";
import { api, isApiError } from "../api";
import { queryKeys } from "../query-keys";

interface CustomStatusState {
  /** What we last heard of each person's custom status (profile fetches and `user.updated`). */
  byUser: Record<string, CustomStatus | null>;
}

/**
 * Member lists do not carry custom statuses, so rows show what the client has heard
 * from profile cards and live events, and nothing until then.
 */
export const useCustomStatuses = create<CustomStatusState>()(() => ({ byUser: {} }));

export function rememberCustomStatus(userId: string, status: CustomStatus | null): void {
  useCustomStatuses.setState((s) => (s.byUser[userId] === status ? s : { byUser: { ...s.byUser, [userId]: status } }));
}

export function activeStatus(status: CustomStatus | null | undefined, now = Date.now()): CustomStatus | null {
  if (!status) return null;
  return status.expiresAt && Date.parse(status.expiresAt) <= now ? null : status;
}

/** The custom status text to show beside a person's name, if one is known and not expired. */
export function useCustomStatusText(userId: string): string | undefined {
  const status = useCustomStatuses((s) => s.byUser[userId]);
  return activeStatus(status)?.text;
}

/** A profile card's data: name, username, about, banner, status and join date. */
export function useProfile(userId: string) {
  return useQuery({
    queryKey: queryKeys.profile(userId),
    queryFn: async () => {
      const profile = await api.profile(userId);
      rememberCustomStatus(profile.id, profile.deleted ? null : profile.customStatus);
      return profile;
    },
    staleTime: 60_000,
    // Refused or gone will not change on a retry.
    retry: (count, error) => count < 2 && !isApiError(error, "NOT_FOUND") && !isApiError(error, "FORBIDDEN"),
  });
}

/** Saves profile fields; the answer is the new me, so every screen showing me updates at once. */
export function useUpdateProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateProfileInput) => api.updateProfile(input),
    onSuccess: (me) => {
      queryClient.setQueryData<SelfUser>(queryKeys.me, me);
      rememberCustomStatus(me.id, me.customStatus);
      void queryClient.invalidateQueries({ queryKey: queryKeys.profile(me.id) });
    },
  });
}
