import type { Member, Role } from "@/shared/api";

export interface MemberGroup {
  /** Null for people with no hoisted role (Online, or Members before presences load) and for the offline group. */
  role: Role | null;
  members: Member[];
  /** Set on the group of everyone offline, which Discord lists last whatever their roles. */
  offline?: boolean;
}

export function isTimedOut(member: Member, now = Date.now()): boolean {
  return !!member.timeoutUntil && new Date(member.timeoutUntil).getTime() > now;
}

export function displayName(member: Member): string {
  return member.nickname ?? member.user.name;
}

/** The member's highest role above everyone, which sets their group and name colour. */
export function topRole(member: Member, rolesHighFirst: Role[]): Role | undefined {
  return rolesHighFirst.find((role) => role.position > 0 && member.roleIds.includes(role.id));
}

/** The member's highest hoisted role ("display role members separately"), which sets their group. */
export function topHoistedRole(member: Member, rolesHighFirst: Role[]): Role | undefined {
  return rolesHighFirst.find((role) => role.hoist && role.position > 0 && member.roleIds.includes(role.id));
}

/**
 * As Discord's member list: only hoisted roles form groups (by their highest hoisted
 * role, highest group first); everyone else is in one group after them (Online), names
 * alphabetical within a group. With `isOnline`, only online members go in those groups
 * and the rest into one Offline group at the end, whatever their roles.
 */
export function groupMembers(members: Member[], roles: Role[], isOnline?: (member: Member) => boolean): MemberGroup[] {
  const highFirst = [...roles].sort((a, b) => b.position - a.position);
  const groups = new Map<string, MemberGroup>();
  const rest: MemberGroup = { role: null, members: [] };
  const offline: MemberGroup = { role: null, members: [], offline: true };
  for (const member of members) {
    if (isOnline && !isOnline(member)) {
      offline.members.push(member);
      continue;
    }
    const role = topHoistedRole(member, highFirst);
    if (!role) {
      rest.members.push(member);
      continue;
    }
    const group = groups.get(role.id) ?? { role, members: [] };
    group.members.push(member);
    groups.set(role.id, group);
  }
  const ordered = highFirst.flatMap((role) => {
    const group = groups.get(role.id);
    return group ? [group] : [];
  });
  if (rest.members.length > 0) ordered.push(rest);
  if (offline.members.length > 0) ordered.push(offline);
  for (const group of ordered) group.members.sort((a, b) => displayName(a).localeCompare(displayName(b)));
  return ordered;
}
