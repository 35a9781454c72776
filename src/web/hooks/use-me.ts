"use client";

import { useQuery } from "@tanstack/react-query";
import { api } from "../api";
import { queryKeys } from "../query-keys";
import { rememberCustomStatus } from "./use-profile";

/** The signed-in user; the query errors with code UNAUTHORIZED when signed out. */
export function useMe() {
  return useQuery({
    queryKey: queryKeys.me,
    queryFn: async () => {
      const me = await api.me();
      rememberCustomStatus(me.id, me.customStatus);
      return me;
    },
    staleTime: 5 * 60_000,
  });
}
