/**
 * Who sees which channel. Two loaders feed one pure computation (`channelsVisibleTo`,
 * built on compute.ts):
 *
 * - `serverVisibility`: one server's channels, overwrites and roles, and its members
 *   (all of them or the given ones), for diffs before and after a change;
 * - `visibleChannels`: everything one person sees, in all of their servers and
 *   conversations, in one prepared statement (the socket's rooms at connect).
 *
 * `withVisibilitySync` runs a change between two snapshots of the people it can affect
 * and records who gained or lost sight of which channels, so their sockets leave and
 * join rooms at once.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { Channel } from "@/shared/api";
import { Permission, has } from "@/shared/permissions";
import type { Tx } from "../db/client";
import { channelOverwrites, channels, memberRoles, members, roles, servers } from "../db/schema";
import { inSequence } from "../db/sequence";
import { hotStatement } from "../db/hot-statement";
import { presentChannel } from "../presenters";
import { type Overwrite, computeBasePermissions, computeChannelPermissions, overwritesForMember } from "./compute";
import { jsonColumn as json } from "../db/json-column";
import { sessionHoldsSql } from "../auth/session";

export type Visibility = Map<string, Set<string>>;

export interface VisibilityDiff {
  userId: string;
  shown: string[];
  hidden: string[];
}

type OverwriteRow = Overwrite & { roleId: bigint | null; userId: string | null };

/** The inputs of one server that visibility depends on. */
interface ServerInputs {
  serverId: bigint;
  ownerId: string;
  /** Role id -> permissions; the everyone role's id is the server's. */
  rolePermissions: Map<bigint, bigint>;
  channels: Array<{ id: bigint; overwrites: OverwriteRow[] }>;
}

interface MemberInputs {
  userId: string;
  /** Roles given to the member (not the everyone role). */
  roleIds: bigint[];
  timedOut: boolean;
}

/** Ids of the channels of one server that a member may view. */
function channelsVisibleTo(server: ServerInputs, member: MemberInputs): Set<string> {
  const base = computeBasePermissions({
    userId: member.userId,
    ownerId: server.ownerId,
    everyone: server.rolePermissions.get(server.serverId) ?? 0n,
    roles: member.roleIds.map((id) => server.rolePermissions.get(id) ?? 0n),
    timedOut: member.timedOut,
  });
  const visible = new Set<string>();
  for (const c of server.channels) {
    const o = overwritesForMember(c.overwrites, { serverId: server.serverId, roleIds: member.roleIds, userId: member.userId });
    if (has(computeChannelPermissions(base, o, member.timedOut), Permission.ViewChannel)) visible.add(c.id.toString());
  }
  return visible;
}

/**
 * The only role bits that decide whether a channel is visible (an administrator sees
 * everything; otherwise ViewChannel, as overwrites leave it). A role change that
 * touches neither cannot move anyone between rooms; visibility.test.ts checks this
 * claim against compute.ts.
 */
export const VISIBILITY_BITS = Permission.ViewChannel | Permission.Administrator;

/** userId -> ids of the channels they may view; limited to `userIds` when given. */
export async function serverVisibility(tx: Tx, serverId: bigint, userIds?: string[]): Promise<Visibility> {
  const result: Visibility = new Map();
  if (userIds !== undefined && userIds.length === 0) return result;
  const [server] = await tx.select({ ownerId: servers.ownerId }).from(servers).where(eq(servers.id, serverId));
  if (!server) return result;
  const memberWhere =
    userIds === undefined ? eq(members.serverId, serverId) : and(eq(members.serverId, serverId), inArray(members.userId, userIds));
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
  const rolesOf = new Map<string, bigint[]>();
  for (const a of assigned) rolesOf.set(a.userId, [...(rolesOf.get(a.userId) ?? []), a.roleId]);
  const overwritesOf = new Map<bigint, OverwriteRow[]>();
  for (const { channel_overwrites: o } of overwriteRows) overwritesOf.set(o.channelId, [...(overwritesOf.get(o.channelId) ?? []), o]);
  const inputs: ServerInputs = {
    serverId,
    ownerId: server.ownerId,
    rolePermissions: new Map(roleRows.map((r) => [r.id, r.permissions])),
    channels: channelRows.map((c) => ({ id: c.id, overwrites: overwritesOf.get(c.id) ?? [] })),
  };
  const now = Date.now();
  for (const m of memberRows) {
    const timedOut = m.timeoutUntil !== null && new Date(m.timeoutUntil).getTime() > now;
    result.set(m.userId, channelsVisibleTo(inputs, { userId: m.userId, roleIds: rolesOf.get(m.userId) ?? [], timedOut }));
  }
  return result;
}

interface ServerJson {
  id: string;
  owner: string;
  /** The timeout's end in epoch milliseconds, or null. */
  timeout: number | null;
  /** The everyone role and the member's roles. */
  roles: Array<{ id: string; p: string }>;
  /** Each channel with the overwrites that can apply to the member. */
  channels: Array<{ id: string; o: Array<{ r: string | null; u: string | null; a: string; d: string }> }>;
}

interface VisibleRow {
  servers: string | ServerJson[];
  conversations: string | string[];
  /** The all-servers form: whether the session whose token is $2 still holds (true without one). */
  held?: boolean;
}

/**
 * Everything one person's visibility depends on, in one row: per membership the owner,
 * the timeout, the everyone role and the member's roles, and each channel with the
 * overwrites that can apply to the member; and every conversation they are in. $1 is the
 * person, $2 the server (one-server form) or a session token to check (`held`, the
 * all-servers form; null checks nothing). A hot statement: prepared once per connection
 * (PostgreSQL) or once (PGlite), not parsed and planned at every socket connect.
 */
function visibleText(inServer: boolean): string {
  return `select coalesce((
        select json_agg(json_build_object(
          'id', m.server_id::text,
          'owner', s.owner_id,
          'timeout', (extract(epoch from m.timeout_until) * 1000)::float8,
          'roles', coalesce((
            select json_agg(json_build_object('id', r.id::text, 'p', r.permissions::text))
            from roles r
            where r.server_id = m.server_id and (r.id = m.server_id or r.id in (
              select mr.role_id from member_roles mr where mr.server_id = m.server_id and mr.user_id = m.user_id))
          ), '[]'),
          'channels', coalesce((
            select json_agg(json_build_object('id', c.id::text, 'o', coalesce((
              select json_agg(json_build_object('r', o.role_id::text, 'u', o.user_id, 'a', o.allow::text, 'd', o.deny::text))
              from channel_overwrites o
              where o.channel_id = c.id and (o.user_id = m.user_id or o.role_id = m.server_id or o.role_id in (
                select mr.role_id from member_roles mr where mr.server_id = m.server_id and mr.user_id = m.user_id))
            ), '[]')) order by c.id)
            from channels c
            where c.server_id = m.server_id
          ), '[]')
        ) order by m.joined_at, m.server_id)
        from members m
        join servers s on s.id = m.server_id
        where m.user_id = $1 ${inServer ? "and m.server_id = $2" : ""}
      ), '[]') as servers,
      ${inServer ? "'[]'::json" : "coalesce((select json_agg(p.channel_id::text order by p.channel_id) from dm_participants p where p.user_id = $1), '[]')"} as conversations
      ${inServer ? "" : `, ${sessionHoldsSql("$2", "$1")} as held`}`;
}

const visibleAll = hotStatement<VisibleRow>("visible_channels", visibleText(false));
const visibleInServer = hotStatement<VisibleRow>("visible_channels_in_server", visibleText(true));

/**
 * Ids of the channels a user may view, across all of their servers and direct
 * conversations (every one they are in, closed or not), for socket rooms; with
 * `onlyServerId`, that server's only. One query, whatever the number of servers.
 */
export async function visibleChannels(tx: Tx, userId: string, onlyServerId?: bigint): Promise<{ serverIds: bigint[]; channelIds: bigint[] }> {
  // No FROM: always exactly one row.
  const [row] = onlyServerId === undefined ? await visibleAll(tx, [userId, null]) : await visibleInServer(tx, [userId, onlyServerId]);
  return fromRow(row!, userId);
}

/**
 * At a socket's connect: everything the person sees, and whether the session whose token
 * is given still holds, read in the same statement (auth/session.ts `sessionHoldsSql`),
 * so a cached session needs no round trip of its own. Without a token `held` is true.
 */
export async function visibleAtConnect(tx: Tx, userId: string, token: string | null): Promise<{ held: boolean; serverIds: bigint[]; channelIds: bigint[] }> {
  const [row] = await visibleAll(tx, [userId, token]);
  return { held: row!.held !== false, ...fromRow(row!, userId) };
}

function fromRow(row: VisibleRow, userId: string): { serverIds: bigint[]; channelIds: bigint[] } {
  const serverIds: bigint[] = [];
  const channelIds: bigint[] = [];
  const now = Date.now();
  for (const s of json(row.servers)) {
    const serverId = BigInt(s.id);
    const roleRows = s.roles.map((r) => ({ id: BigInt(r.id), permissions: BigInt(r.p) }));
    const inputs: ServerInputs = {
      serverId,
      ownerId: s.owner,
      rolePermissions: new Map(roleRows.map((r) => [r.id, r.permissions])),
      channels: s.channels.map((c) => ({
        id: BigInt(c.id),
        overwrites: c.o.map((o) => ({ roleId: o.r === null ? null : BigInt(o.r), userId: o.u, allow: BigInt(o.a), deny: BigInt(o.d) })),
      })),
    };
    const member: MemberInputs = {
      userId,
      roleIds: roleRows.map((r) => r.id).filter((id) => id !== serverId),
      timedOut: s.timeout !== null && s.timeout > now,
    };
    serverIds.push(serverId);
    for (const id of channelsVisibleTo(inputs, member)) channelIds.push(BigInt(id));
  }
  for (const id of json(row.conversations)) channelIds.push(BigInt(id));
  return { serverIds, channelIds };
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

/**
 * Whom a change can move between rooms:
 * - `server`: everyone (the everyone role's permissions or one of its overwrites);
 * - `role`: the holders of a role (its permissions, its deletion, one of its overwrites);
 * - `member`: one member (their roles, a timeout, an overwrite of their own).
 */
export type VisibilityScope = { server: true } | { roleId: bigint } | { userId: string };

/** The scope of a change to a role's permissions: the everyone role's reaches everyone. */
export function roleScope(serverId: bigint, roleId: bigint): VisibilityScope {
  return roleId === serverId ? { server: true } : { roleId };
}

/** The shape of the event a sync records (one of the domain events). */
export interface VisibilityChanged {
  type: "visibility.changed";
  serverId: string;
  diffs: VisibilityDiff[];
  /** Presented channels for the `shown` ids. */
  channels: Record<string, Channel>;
}

/** What a sync needs of a command's context. */
export interface VisibilitySyncContext {
  tx: Tx;
  record(event: VisibilityChanged): void;
}

/** The people in scope, resolved before the change (a deleted role loses its holders); undefined: all. */
async function peopleIn(tx: Tx, serverId: bigint, scope: VisibilityScope): Promise<string[] | undefined> {
  if ("server" in scope) return undefined;
  if ("userId" in scope) return [scope.userId];
  const holders = await tx
    .select({ userId: memberRoles.userId })
    .from(memberRoles)
    .where(and(eq(memberRoles.serverId, serverId), eq(memberRoles.roleId, scope.roleId)));
  return holders.map((h) => h.userId);
}

/** Channels as everyone sees them (without anyone's own permissions), by id. */
async function presentChannels(tx: Tx, ids: string[]): Promise<Record<string, Channel>> {
  const result: Record<string, Channel> = {};
  if (!ids.length) return result;
  const wanted = ids.map(BigInt);
  const [rows, overwriteRows] = await inSequence([
    () => tx.select().from(channels).where(inArray(channels.id, wanted)),
    () => tx.select().from(channelOverwrites).where(inArray(channelOverwrites.channelId, wanted)),
  ]);
  const byId = new Map(rows.map((r) => [r.id.toString(), r]));
  for (const id of ids) {
    const row = byId.get(id);
    if (row) result[id] = presentChannel(row, overwriteRows.filter((o) => o.channelId === row.id));
  }
  return result;
}

/**
 * Runs a change that may alter who sees what, between two snapshots of the people in
 * `scope`, and records who gained or lost sight of which channels.
 */
export async function withVisibilitySync<T>(
  ctx: VisibilitySyncContext,
  serverId: bigint,
  scope: VisibilityScope,
  change: () => Promise<T>,
): Promise<T> {
  const userIds = await peopleIn(ctx.tx, serverId, scope);
  if (userIds?.length === 0) return change();
  const before = await serverVisibility(ctx.tx, serverId, userIds);
  const result = await change();
  const diffs = diffVisibility(before, await serverVisibility(ctx.tx, serverId, userIds));
  if (diffs.length) {
    const shown = [...new Set(diffs.flatMap((d) => d.shown))];
    ctx.record({ type: "visibility.changed", serverId: serverId.toString(), diffs, channels: await presentChannels(ctx.tx, shown) });
  }
  return result;
}
