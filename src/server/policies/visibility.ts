/**
 * Who sees which channel of one server, computed from one snapshot of its channels,
 * overwrites, roles and members (four queries, whatever the member count). Commands
 * take a snapshot before and after a change and publish the difference, so sockets
 * leave the rooms of channels their user can no longer see, and join new ones, at once.
 */
import { and, eq, inArray } from "drizzle-orm";
import { Permission, has } from "@/shared/permissions";
import type { Tx } from "../db/client";
import { channelOverwrites, channels, memberRoles, members, roles, servers } from "../db/schema";
import { computeBasePermissions, computeChannelPermissions, overwritesForMember } from "./compute";
import { inSequence } from "../db/sequence";

export type Visibility = Map<string, Set<string>>;

export interface VisibilityDiff {
  userId: string;
  shown: string[];
  hidden: string[];
}

/** userId -> ids of the channels they may view; limited to `userIds` when given. */
export async function serverVisibility(tx: Tx, serverId: bigint, userIds?: string[]): Promise<Visibility> {
  const [server] = await tx.select({ ownerId: servers.ownerId }).from(servers).where(eq(servers.id, serverId));
  const result: Visibility = new Map();
  if (!server) return result;
  const memberWhere =
    userIds === undefined ? eq(members.serverId, serverId) : and(eq(members.serverId, serverId), inArray(members.userId, userIds));
  if (userIds !== undefined && userIds.length === 0) return result;
  const [memberRows, roleRows, assigned, channelRows, overwriteRows] = await inSequence([
    () => tx.select({ userId: members.userId, timeoutUntil: members.timeoutUntil }).from(members).where(memberWhere),
    () => tx.select({ id: roles.id, permissions: roles.permissions }).from(roles).where(eq(roles.serverId, serverId)),
    () => tx
      .select({ userId: memberRoles.userId, roleId: memberRoles.roleId })
      .from(memberRoles)
      .where(userIds === undefined ? eq(memberRoles.serverId, serverId) : and(eq(memberRoles.serverId, serverId), inArray(memberRoles.userId, userIds))),
    () => tx.select({ id: channels.id }).from(channels).where(eq(channels.serverId, serverId)),
    () => tx
      .select()
      .from(channelOverwrites)
      .innerJoin(channels, eq(channels.id, channelOverwrites.channelId))
      .where(eq(channels.serverId, serverId)),
  ]);
  const rolePermissions = new Map(roleRows.map((r) => [r.id, r.permissions]));
  const everyone = rolePermissions.get(serverId) ?? 0n;
  const rolesOf = new Map<string, bigint[]>();
  for (const a of assigned) rolesOf.set(a.userId, [...(rolesOf.get(a.userId) ?? []), a.roleId]);
  const overwritesOf = new Map<bigint, Array<typeof channelOverwrites.$inferSelect>>();
  for (const { channel_overwrites: o } of overwriteRows) overwritesOf.set(o.channelId, [...(overwritesOf.get(o.channelId) ?? []), o]);

  const now = Date.now();
  for (const m of memberRows) {
    const memberRoleIds = rolesOf.get(m.userId) ?? [];
    const timedOut = m.timeoutUntil !== null && new Date(m.timeoutUntil).getTime() > now;
    const base = computeBasePermissions({
      userId: m.userId,
      ownerId: server.ownerId,
      everyone,
      roles: memberRoleIds.map((id) => rolePermissions.get(id) ?? 0n),
      timedOut,
    });
    const visible = new Set<string>();
    for (const c of channelRows) {
      const o = overwritesForMember(overwritesOf.get(c.id) ?? [], { serverId, roleIds: memberRoleIds, userId: m.userId });
      if (has(computeChannelPermissions(base, o, timedOut), Permission.ViewChannel)) visible.add(c.id.toString());
    }
    result.set(m.userId, visible);
  }
  return result;
}

export function diffVisibility(before: Visibility, after: Visibility): VisibilityDiff[] {
  const diffs: VisibilityDiff[] = [];
  for (const userId of new Set([...before.keys(), ...after.keys()])) {
    const was = before.get(userId) ?? new Set<string>();
    const now = after.get(userId) ?? new Set<string>();
    const shown = [...now].filter((id) => !was.has(id));
    const hidden = [...was].filter((id) => !now.has(id));
    if (shown.length || hidden.length) diffs.push({ userId, shown, hidden });
  }
  return diffs;
}

export function viewersOf(visibility: Visibility, channelId: string): string[] {
  return [...visibility].filter(([, set]) => set.has(channelId)).map(([userId]) => userId);
}
