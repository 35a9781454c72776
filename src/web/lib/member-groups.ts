import type { Member, Role } from "@/shared/api";

export interface MemberGroup {
  /** Null for people with no role above everyone. */
  role: Role | null;
  members: Member[];
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

/** Groups by highest role, highest group first, names alphabetical within a group. */
export function groupMembers(members: Member[], roles: Role[]): MemberGroup[] {
  const highFirst = [...roles].sort((a, b) => b.position - a.position);
  const groups = new Map<string, MemberGroup>();
  const rest: MemberGroup = { role: null, members: [] };
  for (const member of members) {
    const role = topRole(member, highFirst);
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
  for (const group of ordered) group.members.sort((a, b) => displayName(a).localeCompare(displayName(b)));
  return ordered;
}
