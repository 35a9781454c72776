"use client";

import { useQuery } from "@tanstack/react-query";
import { api } from "../api";
import { queryKeys } from "../query-keys";

/** People I share a server with: who I can start a conversation with. */
export function usePeople(enabled = true) {
  return useQuery({
    queryKey: queryKeys.people,
    queryFn: api.people,
    enabled,
    staleTime: 60_000,
    select: (people) => [...people].sort((a, b) => a.name.localeCompare(b.name)),
  });
}
