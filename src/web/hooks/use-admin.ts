"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { AuditLogAction, Member, UpdateMemberInput } from "@/shared/api";
import { api } from "../api";
import { queryKeys } from "../query-keys";

export function useBans(serverId: string, enabled = true) {
  return useQuery({ queryKey: queryKeys.bans(serverId), queryFn: () => api.listBans(serverId), enabled });
}

export function useInvites(serverId: string, enabled = true) {
  return useQuery({ queryKey: queryKeys.invites(serverId), queryFn: () => api.listInvites(serverId), enabled });
}

export interface AuditFilter {
  action?: AuditLogAction;
  userId?: string;
}

export function useAuditLog(serverId: string, filter: AuditFilter) {
  return useQuery({
    queryKey: queryKeys.auditLog(serverId, { ...filter }),
    queryFn: () => api.auditLog(serverId, { ...filter, limit: 100 }),
    // Someone else's action does not arrive by socket; a fresh read on each visit is cheap.
    staleTime: 0,
  });
}

/** Edit a member (roles, timeout) and show the result at once, before the socket echo. */
export function useUpdateMember(serverId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, input }: { userId: string; input: UpdateMemberInput }) =>
      api.updateMember(serverId, userId, input),
    onSuccess: (member) => {
      queryClient.setQueryData<Member[]>(queryKeys.members(serverId), (members) =>
        members?.map((m) => (m.user.id === member.user.id ? member : m)),
      );
      void queryClient.invalidateQueries({ queryKey: ["servers", serverId, "audit-log"] });
    },
  });
}

/** After kick or ban the member is gone; refresh the lists that show them. */
export function useRemoveMember(serverId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: { kind: "kick"; userId: string; reason?: string } | {
      kind: "ban";
      userId: string;
      reason?: string;
      deleteMessageSeconds: number;
    }) =>
      action.kind === "kick"
        ? api.kickMember(serverId, action.userId, action.reason)
        : api.banMember(serverId, action.userId, { reason: action.reason, deleteMessageSeconds: action.deleteMessageSeconds }),
    onSuccess: (_result, action) => {
      queryClient.setQueryData<Member[]>(queryKeys.members(serverId), (members) =>
        members?.filter((m) => m.user.id !== action.userId),
      );
      void queryClient.invalidateQueries({ queryKey: queryKeys.bans(serverId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.server(serverId), exact: true });
    },
  });
}
