"use client";

import { useMemo } from "react";
import type { Member, Role, ServerDetail } from "@/shared/api";
import * as hierarchy from "@/shared/hierarchy";
import { has, Permission } from "@/shared/permissions";
import { bits, can } from "../lib/permissions";
import { useMe } from "./use-me";
import { useRoles, useServer } from "./use-servers";

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
  const held = (roles ?? []).filter((role) => member.roleIds.includes(role.id)).map((role) => role.position);
  return hierarchy.highestPosition(member.user.id === ownerId, held);
}

export function accessFor(server: ServerDetail | undefined, roles: Role[] | undefined, myId: string | undefined): Access {
  const isOwner = !!server && !!myId && server.ownerId === myId;
  const highest = isOwner ? hierarchy.OWNER_POSITION : (server?.highestRolePosition ?? 0);
  const me: hierarchy.Standing = { isOwner, highestPosition: highest };
  const mayDo = (flag: bigint) => isOwner || can(server?.permissions, flag);
  return {
    myId,
    isOwner,
    highest,
    can: mayDo,
    canEditRole: (role) => mayDo(Permission.ManageRoles) && hierarchy.mayManageRole(me, role.position),
    canAssignRole: (role) => mayDo(Permission.ManageRoles) && role.id !== server?.id && hierarchy.mayManageRole(me, role.position),
    // What one does to oneself (leave, own nickname, own roles) goes by other rules than the hierarchy.
    outranks: (member) =>
      member.user.id !== myId &&
      hierarchy.outranks(me, {
        isOwner: member.user.id === server?.ownerId,
        highestPosition: highestPosition(member, roles, server?.ownerId),
      }),
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
