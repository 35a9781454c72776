import { useMemo } from "react";
import type { SearchResult } from "@/shared/api";
import { api } from "../../api";
import { useChannels, useMembers, useRoles } from "../../hooks/use-servers";
import { displayName } from "../../lib/member-groups";
import { queryKeys } from "../../query-keys";

// Apart from search-panel.tsx, so a server view has its scope ready without loading the panel.
/** What a search runs over: a server, or one direct conversation. */
export interface SearchScope {
  queryKey: (query: string) => readonly unknown[];
  fetchPage: (query: string, page: { limit: number; offset: number }) => Promise<SearchResult>;
  /** Where a hit was said, shown above it. */
  placeOf: (channelId: string) => string;
  hrefOf: (channelId: string) => string;
  names: {
    user: (id: string) => string | undefined;
    role: (id: string) => { name: string; color?: number } | undefined;
    channel?: (id: string) => { id: string; name: string; serverId: string } | undefined;
  };
}

export function useServerSearchScope(serverId: string): SearchScope {
  const channels = useChannels(serverId);
  const members = useMembers(serverId);
  const roles = useRoles(serverId);
  return useMemo(() => {
    const byUser = new Map((members.data ?? []).map((m) => [m.user.id, displayName(m)]));
    const byRole = new Map((roles.data ?? []).map((r) => [r.id, { name: r.name, color: r.color }]));
    const byChannel = new Map((channels.data ?? []).map((c) => [c.id, { id: c.id, name: c.name, serverId }]));
    return {
      queryKey: (query) => queryKeys.search(serverId, query),
      fetchPage: (query, page) => api.search(serverId, query, page),
      placeOf: (channelId) => `#${channels.data?.find((c) => c.id === channelId)?.name ?? "unknown"}`,
      hrefOf: (channelId) => `/channels/${serverId}/${channelId}`,
      names: { user: (id) => byUser.get(id), role: (id) => byRole.get(id), channel: (id) => byChannel.get(id) },
    };
  }, [serverId, channels.data, members.data, roles.data]);
}
