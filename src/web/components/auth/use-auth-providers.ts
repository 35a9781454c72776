"use client";

import { useQuery } from "@tanstack/react-query";
import { api } from "../../api";

/** What the operator configured changes only on restart, so one fetch per visit is plenty. */
export function useAuthProviders() {
  return useQuery({ queryKey: ["auth-providers"], queryFn: api.authProviders, staleTime: 10 * 60_000, retry: 1 });
}
