/**
 * The one place access rules live. Three faces: `require*` throws 403/404, `can*`
 * answers yes/no, and the loaded access objects carry the computed bitfields that the
 * UI receives so its buttons match what the server accepts.
 */
import { and, eq, inArray, or, sql } from "drizzle-orm";
import { highestPosition, mayManageRole, outranks, type Standing } from "@/shared/hierarchy";
import { Permission, has, permissionNames } from "@/shared/permissions";
import type { Tx } from "../db/client";
import { channelOverwrites, channels, memberRoles, members, roles, servers } from "../db/schema";
import { errors } from "../errors";
import { type AccessCache, type CachedMember, type ServerInputs, accessCacheOf } from "./access-cache";
import { computeBasePermissions, computeChannelPermissions, overwritesForMember } from "./compute";
import { jsonColumn as json } from "../db/json-column";

export interface ServerAccess {
  serverId: bigint;
  ownerId: string;
  userId: string;
  /** The member's role ids, the everyone role included. */
  roleIds: bigint[];
  timedOut: boolean;
  permissions: bigint;
  /** Position of the member's highest role; the owner stands above every role. */
  highestPosition: number;
}

export interface ChannelAccess {
  channel: typeof channels.$inferSelect;
  /** Null in a direct conversation, which belongs to its people, not to a server. */
  server: ServerAccess | null;
  permissions: bigint;
  /** In a 1:1 conversation: the other person blocked the caller (told to nobody). */
  blockedByPeer: boolean;
}

/** A server channel's access: routes that manage server channels refuse conversations. */
export type ServerChannelAccess = ChannelAccess & { server: ServerAccess };

/** What everyone in a direct conversation may do: talk, react, attach, call (voice and video); no moderation. */
export const DM_PERMISSIONS =
  Permission.ViewChannel |
  Permission.SendMessages |
  Permission.ReadMessageHistory |
  Permission.AddReactions |
  Permission.EmbedLinks |
  Permission.AttachFiles |
  Permission.Connect |
  Permission.Speak |
  Permission.Video;

export function requireServerChannel(access: ChannelAccess): ServerChannelAccess {
  if (!access.server) throw errors.badRequest("This is a direct conversation, not a server channel.");
  return access as ServerChannelAccess;
}

/** requireChannelAccess for the routes that only make sense in a server channel. */
export async function requireServerChannelAccess(tx: Tx, channelId: bigint, userId: string): Promise<ServerChannelAccess> {
  return requireServerChannel(await requireChannelAccess(tx, channelId, userId));
}

/** A member's server-wide access computed from cached inputs (the same rules as the queries below). */
function serverAccessFrom(inputs: ServerInputs, member: CachedMember, userId: string): ServerAccess {
  const { serverId, ownerId } = inputs;
  const own = member.roleIds.flatMap((id) => {
    const role = inputs.roles.get(id);
    return role && id !== serverId ? [{ id, ...role }] : [];
  });
  const everyone = inputs.roles.get(serverId);
  const held = everyone ? [{ id: serverId, ...everyone }, ...own] : own;
  const timedOut = member.timeoutUntil !== null && member.timeoutUntil > Date.now();
  return {
    serverId,
    ownerId,
    userId,
    roleIds: held.map((r) => r.id),
    timedOut,
    permissions: computeBasePermissions({
      userId,
      ownerId,
      everyone: everyone?.permissions ?? 0n,
      roles: own.map((r) => r.permissions),
      timedOut,
    }),
    highestPosition: highestPosition(ownerId === userId, held.map((r) => r.position)),
  };
}

/** Loads a member's server-wide permissions; null when they are not a member. */
export async function loadServerAccess(tx: Tx, serverId: bigint, userId: string): Promise<ServerAccess | null> {
  const cache = accessCacheOf(tx);
  if (cache) {
    const found = await cache.member(serverId, userId);
    return found && serverAccessFrom(found.inputs, found.member, userId);
  }
  const rows = await tx
    .select({
      ownerId: servers.ownerId,
      timeoutUntil: members.timeoutUntil,
      roleId: roles.id,
      rolePermissions: roles.permissions,
      rolePosition: roles.position,
    })
    .from(members)
    .innerJoin(servers, eq(servers.id, members.serverId))
    .innerJoin(roles, eq(roles.serverId, members.serverId))
    .leftJoin(
      memberRoles,
      and(eq(memberRoles.serverId, members.serverId), eq(memberRoles.userId, members.userId), eq(memberRoles.roleId, roles.id)),
    )
    .where(
      and(
        eq(members.serverId, serverId),
        eq(members.userId, userId),
        or(eq(roles.id, serverId), sql`${memberRoles.roleId} is not null`),
      ),
    );
  const first = rows[0];
  if (!first) return null;
  const timedOut = first.timeoutUntil !== null && new Date(first.timeoutUntil).getTime() > Date.now();
  const everyone = rows.find((r) => r.roleId === serverId)?.rolePermissions ?? 0n;
  const permissions = computeBasePermissions({
    userId,
    ownerId: first.ownerId,
    everyone,
    roles: rows.filter((r) => r.roleId !== serverId).map((r) => r.rolePermissions),
    timedOut,
  });
  return {
    serverId,
    ownerId: first.ownerId,
    userId,
    roleIds: rows.map((r) => r.roleId),
    timedOut,
    permissions,
    highestPosition: highestPosition(first.ownerId === userId, rows.map((r) => r.rolePosition)),
  };
}

/** Permissions of a member in each of the given channels of one server. */
export async function channelPermissions(
  tx: Tx,
  access: ServerAccess,
  channelIds: bigint[],
): Promise<Map<bigint, bigint>> {
  const result = new Map<bigint, bigint>(channelIds.map((id) => [id, access.permissions]));
  if (channelIds.length === 0) return result;
  const inputs = await accessCacheOf(tx)?.server(access.serverId);
  if (inputs) {
    for (const id of channelIds) {
      const own = inputs.overwrites.get(id) ?? [];
      result.set(id, computeChannelPermissions(access.permissions, overwritesForMember(own, access), access.timedOut));
    }
    return result;
  }
  const rows = await tx
    .select()
    .from(channelOverwrites)
    .where(
      and(
        inArray(channelOverwrites.channelId, channelIds),
        or(inArray(channelOverwrites.roleId, access.roleIds), eq(channelOverwrites.userId, access.userId)),
      ),
    );
  for (const id of channelIds) {
    const own = rows.filter((r) => r.channelId === id);
    result.set(id, computeChannelPermissions(access.permissions, overwritesForMember(own, access), access.timedOut));
  }
  return result;
}

export async function requireServerAccess(tx: Tx, serverId: bigint, userId: string): Promise<ServerAccess> {
  const access = await loadServerAccess(tx, serverId, userId);
  if (access) return access;
  const cache = accessCacheOf(tx);
  if (cache) {
    if (!(await cache.server(serverId))) throw errors.notFound("Server");
    throw errors.forbidden("You are not a member of this server.");
  }
  const [exists] = await tx.select({ id: servers.id }).from(servers).where(eq(servers.id, serverId));
  if (!exists) throw errors.notFound("Server");
  throw errors.forbidden("You are not a member of this server.");
}

interface ChannelAccessRow extends Record<string, unknown> {
  id: string | bigint;
  server_id: string | bigint | null;
  parent_id: string | bigint | null;
  name: string;
  type: (typeof channels.$inferSelect)["type"];
  topic: string | null;
  position: number;
  slowmode_seconds: number;
  created_at: Date | string;
  owner_id: string | null;
  is_member: boolean;
  is_participant: boolean | null;
  blocked_by_peer: boolean | null;
  dm_owner_id: string | null;
  icon: string | null;
  dm_key: string | null;
  timeout_until: Date | string | null;
  roles: string | Array<{ id: string; p: string; pos: number }>;
  overwrites: string | Array<{ r: string | null; u: string | null; a: string; d: string }>;
}

/**
 * Loads a channel and the caller's permissions in it in one round trip (this is on the
 * path of every send and history page); 404 if missing, 403 if not visible.
 */
export async function requireChannelAccess(tx: Tx, channelId: bigint, userId: string): Promise<ChannelAccess> {
  const cache = accessCacheOf(tx);
  const cached = cache && (await cachedChannelAccess(cache, channelId, userId));
  if (cached) return cached;
  const result = await tx.execute<ChannelAccessRow>(sql`
    select c.id, c.server_id, c.parent_id, c.name, c.type, c.topic, c.position, c.slowmode_seconds, c.created_at,
      c.owner_id as dm_owner_id, c.icon, c.dm_key,
      s.owner_id, (m.user_id is not null) as is_member, m.timeout_until,
      case when c.server_id is null then exists (
        select 1 from dm_participants p where p.channel_id = c.id and p.user_id = ${userId}) end as is_participant,
      case when c.type = 'dm' then exists (
        select 1 from dm_participants p join user_blocks b on b.user_id = p.user_id
        where p.channel_id = c.id and p.user_id <> ${userId} and b.blocked_id = ${userId}) end as blocked_by_peer,
      coalesce((
        select json_agg(json_build_object('id', r.id::text, 'p', r.permissions::text, 'pos', r.position))
        from roles r
        where r.server_id = c.server_id
          and (r.id = c.server_id or r.id in (
            select mr.role_id from member_roles mr where mr.server_id = c.server_id and mr.user_id = ${userId}))
      ), '[]') as roles,
      coalesce((
        select json_agg(json_build_object('r', o.role_id::text, 'u', o.user_id, 'a', o.allow::text, 'd', o.deny::text))
        from channel_overwrites o
        where o.channel_id = c.id
      ), '[]') as overwrites
    from channels c
    left join servers s on s.id = c.server_id
    left join members m on m.server_id = c.server_id and m.user_id = ${userId}
    where c.id = ${channelId}`);
  const row = (result as unknown as { rows: ChannelAccessRow[] }).rows[0];
  if (!row) throw errors.notFound("Channel");
  cache?.rememberChannel(BigInt(row.id), row.server_id === null ? null : BigInt(row.server_id));
  const channel: typeof channels.$inferSelect = {
    id: BigInt(row.id),
    serverId: row.server_id === null ? null : BigInt(row.server_id),
    parentId: row.parent_id === null ? null : BigInt(row.parent_id),
    name: row.name,
    type: row.type,
    topic: row.topic,
    position: row.position,
    slowmodeSeconds: row.slowmode_seconds,
    createdAt: new Date(row.created_at),
    ownerId: row.dm_owner_id,
    icon: row.icon,
    dmKey: row.dm_key,
  };
  if (row.server_id === null) {
    // Only the people in a conversation know it exists.
    if (!row.is_participant) throw errors.notFound("Channel");
    return { channel, server: null, permissions: DM_PERMISSIONS, blockedByPeer: row.blocked_by_peer === true };
  }
  if (!row.is_member) throw errors.forbidden("You are not a member of this server.");

  const serverId = channel.serverId!;
  const roleRows = json(row.roles).map((r) => ({ id: BigInt(r.id), permissions: BigInt(r.p), position: r.pos }));
  const timedOut = row.timeout_until !== null && new Date(row.timeout_until).getTime() > Date.now();
  const server: ServerAccess = {
    serverId,
    ownerId: row.owner_id!,
    userId,
    roleIds: roleRows.map((r) => r.id),
    timedOut,
    highestPosition: highestPosition(row.owner_id === userId, roleRows.map((r) => r.position)),
    permissions: computeBasePermissions({
      userId,
      ownerId: row.owner_id!,
      everyone: roleRows.find((r) => r.id === serverId)?.permissions ?? 0n,
      roles: roleRows.filter((r) => r.id !== serverId).map((r) => r.permissions),
      timedOut,
    }),
  };
  const overwrites = json(row.overwrites).map((o) => ({
    roleId: o.r === null ? null : BigInt(o.r),
    userId: o.u,
    allow: BigInt(o.a),
    deny: BigInt(o.d),
  }));
  const permissions = computeChannelPermissions(server.permissions, overwritesForMember(overwrites, server), timedOut);
  if (!has(permissions, Permission.ViewChannel)) throw errors.forbidden("You cannot see this channel.");
  return { channel, server, permissions, blockedByPeer: false };
}

/**
 * requireChannelAccess from the cache, for a server channel whose server is known;
 * undefined sends the caller to the query (a conversation, a channel not seen yet or
 * gone: the query tells 404 from 403 as it always did).
 */
async function cachedChannelAccess(cache: AccessCache, channelId: bigint, userId: string): Promise<ChannelAccess | undefined> {
  const serverId = cache.serverOf(channelId);
  if (serverId === undefined || serverId === null) return undefined;
  const found = await cache.member(serverId, userId);
  if (!found) {
    if (!(await cache.server(serverId))?.channels.has(channelId)) return undefined;
    throw errors.forbidden("You are not a member of this server.");
  }
  // Channels, roles and overwrites of the same load as the member's place.
  const channel = found.inputs.channels.get(channelId);
  if (!channel) return undefined;
  const server = serverAccessFrom(found.inputs, found.member, userId);
  const overwrites = found.inputs.overwrites.get(channelId) ?? [];
  const permissions = computeChannelPermissions(server.permissions, overwritesForMember(overwrites, server), server.timedOut);
  if (!has(permissions, Permission.ViewChannel)) throw errors.forbidden("You cannot see this channel.");
  return { channel: { ...channel }, server, permissions, blockedByPeer: false };
}

export function can(permissions: bigint, flag: bigint): boolean {
  return has(permissions, flag);
}

export function requirePermission(permissions: bigint, flag: bigint): void {
  if (!has(permissions, flag)) throw errors.missingPermissions(permissionNames(flag & ~permissions));
}

const standing = (access: ServerAccess): Standing => ({ isOwner: access.userId === access.ownerId, highestPosition: access.highestPosition });

/** The actor must stand above the target member (the owner stands above everyone): the browser's rule too. */
export function requireAbove(actor: ServerAccess, target: ServerAccess): void {
  if (!outranks(standing(actor), standing(target))) {
    throw errors.hierarchy("You can only do this to members whose highest role is below yours.");
  }
}

/** The actor may only edit, assign or remove roles below their own highest role: the browser's rule too. */
export function requireRoleBelow(actor: ServerAccess, rolePosition: number): void {
  if (!mayManageRole(standing(actor), rolePosition)) {
    throw errors.hierarchy("You can only manage roles below your highest role.");
  }
}

/** Nobody hands out a permission they do not hold themselves. */
export function requireHolds(actorPermissions: bigint, granted: bigint): void {
  const missing = granted & ~actorPermissions;
  if (missing !== 0n) throw errors.missingPermissions(permissionNames(missing));
}

export function requireOwner(access: ServerAccess): void {
  if (access.userId !== access.ownerId) throw errors.ownerOnly();
}
