"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Server } from "@/shared/api";
import { api } from "../api";
import { queryKeys } from "../query-keys";

export function useServers() {
  return useQuery({ queryKey: queryKeys.servers, queryFn: api.listServers });
}

export function useServer(serverId: string) {
  return useQuery({ queryKey: queryKeys.server(serverId), queryFn: () => api.getServer(serverId) });
}

export function useChannels(serverId: string) {
  return useQuery({ queryKey: queryKeys.channels(serverId), queryFn: () => api.listChannels(serverId) });
}

export function useMembers(serverId: string) {
  return useQuery({ queryKey: queryKeys.members(serverId), queryFn: () => api.listMembers(serverId) });
}

export function useCreateServer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => api.createServer(name),
    onSuccess: (server) => {
      // Show it in the rail at once; the socket's server.joined will refetch anyway.
      queryClient.setQueryData<Server[]>(queryKeys.servers, (servers) =>
        servers && !servers.some((s) => s.id === server.id) ? [...servers, server] : servers,
      );
      void queryClient.invalidateQueries({ queryKey: queryKeys.servers, exact: true });
    },
  });
}

export function useAcceptInvite() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => api.acceptInvite(code),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.servers }),
  });
}

/** Roles, lowest first (the everyone role at position 0). */
export function useRoles(serverId: string) {
  return useQuery({
    queryKey: queryKeys.roles(serverId),
    queryFn: () => api.listRoles(serverId),
    select: (roles) => [...roles].sort((a, b) => a.position - b.position),
  });
}
