"use client";

import { useQuery } from "@tanstack/react-query";
import { api } from "../../api";
import { getAuthClient } from "../../auth-client";
import { queryKeys } from "../../query-keys";
import { authCall } from "./errors";

/** better-auth's own provider id for email and password. */
export const passwordProviderId = "credential";

export interface LinkedAccount {
  id: string;
  providerId: string;
}

/** The ways I can sign in: "credential" (password) and each connected provider. */
export function useLinkedAccounts() {
  return useQuery({
    queryKey: queryKeys.linkedAccounts,
    queryFn: async (): Promise<LinkedAccount[]> => {
      const accounts = await authCall(getAuthClient().listAccounts());
      return (accounts ?? []).map((a) => ({ id: a.id, providerId: a.providerId }));
    },
  });
}

/** What the operator configured changes only on restart, so one fetch per visit is plenty. */
export function useAuthProviders() {
  return useQuery({ queryKey: queryKeys.authProviders, queryFn: api.authProviders, staleTime: 10 * 60_000, retry: 1 });
}

const knownNames: Record<string, string> = { google: "Google", github: "GitHub" };

/** "GitHub", or the configured name of the operator's provider, or the id itself. */
export function useProviderName(): (providerId: string) => string {
  const providers = useAuthProviders();
  return (providerId) =>
    providers.data?.social.find((p) => p.id === providerId)?.name ?? knownNames[providerId] ?? providerId;
}
