"use client";

import { useMemo } from "react";
import type { Member, Role, ServerDetail } from "@/shared/api";
import { has, Permission } from "@/shared/permissions";
import { bits } from "../lib/permission-labels";
import { can } from "../lib/permissions";
import { useMe } from "./use-me";
import { useRoles, useServer } from "./use-servers";

/** The owner's "highest role" as the server reports it: above every role. */
export const OWNER_POSITION = 1e9;

export interface Access {
  myId: string | undefined;
  isOwner: boolean;
  highest: number;
  can: (flag: bigint) => boolean;
  /** Whether I may edit this role (strictly below my highest; the everyone role included). */
  canEditRole: (role: Role) => boolean;
  /** Whether I may give or take this role; the everyone role is implied, never assigned. */
  canAssignRole: (role: Role) => boolean;
  /** Whether I outrank this member, so kick, ban, timeout and role changes may succeed. */
  outranks: (member: Member) => boolean;
  /** Administrators cannot be timed out; the UI does not offer it. */
  isAdministrator: (member: Member) => boolean;
}

/** Highest position among a member's roles; the owner sits above everything. */
export function highestPosition(member: Member, roles: Role[] | undefined, ownerId: string | undefined): number {
  if (member.user.id === ownerId) return OWNER_POSITION;
  let top = 0;
  for (const role of roles ?? []) if (member.roleIds.includes(role.id) && role.position > top) top = role.position;
  return top;
}

export function accessFor(server: ServerDetail | undefined, roles: Role[] | undefined, myId: string | undefined): Access {
  const isOwner = !!server && !!myId && server.ownerId === myId;
  const highest = isOwner ? OWNER_POSITION : (server?.highestRolePosition ?? 0);
  const mayDo = (flag: bigint) => isOwner || can(server?.permissions, flag);
  return {
    myId,
    isOwner,
    highest,
    can: mayDo,
    canEditRole: (role) => mayDo(Permission.ManageRoles) && role.position < highest,
    canAssignRole: (role) => mayDo(Permission.ManageRoles) && role.id !== server?.id && role.position < highest,
    outranks: (member) =>
      member.user.id !== myId &&
      member.user.id !== server?.ownerId &&
      highestPosition(member, roles, server?.ownerId) < highest,
    isAdministrator: (member) =>
      member.user.id === server?.ownerId ||
      (roles ?? []).some((r) => member.roleIds.includes(r.id) && has(bits(r.permissions), Permission.Administrator)),
  };
}

/** What the signed-in user may do in a server, for showing only the actions the server accepts. */
export function useAccess(serverId: string): Access {
  const server = useServer(serverId);
  const roles = useRoles(serverId);
  const me = useMe();
  return useMemo(() => accessFor(server.data, roles.data, me.data?.id), [server.data, roles.data, me.data?.id]);
}
