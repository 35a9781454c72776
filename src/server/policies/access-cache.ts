/**
 * Permission inputs held in the process, so a channel access check on the hot path (a
 * send, a history page, a socket event) runs no query.
 *
 * Per server: its owner, its roles (permissions and positions), its channels with their
 * overwrites, and, loaded one person at a time, members' role ids and timeouts. An
 * entry is never patched: any committed event that touches the server drops it whole
 * (`drop`, fed by cluster/invalidation.ts on this process and on every other one), and
 * the next check loads it again. A load that began before a drop is not kept after it
 * (per-server generations), and nothing is kept longer than `ENTRY_TTL_MS`, a bound on
 * any change that would reach the database without an event.
 *
 * Only reads made outside a transaction use it (`accessCacheOf` answers for the
 * database handle alone): a command that writes and checks in one transaction reads its
 * own writes from the database, as before.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "../db/client";
import { type channels, memberRoles, members } from "../db/schema";
import { jsonColumn as json } from "../db/json-column";

/** How long an entry may serve checks without an event dropping it. */
export const ENTRY_TTL_MS = 30_000;
const MAX_SERVERS = 2_000;
const MAX_MEMBERS_PER_SERVER = 20_000;
const MAX_CHANNEL_INDEX = 100_000;

export interface CachedOverwrite {
  roleId: bigint | null;
  userId: string | null;
  allow: bigint;
  deny: bigint;
}

export interface CachedMember {
  /** The member's own roles (the everyone role not included). */
  roleIds: bigint[];
  /** Epoch ms, or null: whether it is still running is decided at each check. */
  timeoutUntil: number | null;
}

export interface ServerInputs {
  serverId: bigint;
  ownerId: string;
  roles: Map<bigint, { permissions: bigint; position: number }>;
  channels: Map<bigint, typeof channels.$inferSelect>;
  overwrites: Map<bigint, CachedOverwrite[]>;
}

interface Entry {
  inputs: ServerInputs;
  loadedAt: number;
  generation: number;
  /** Per person; null: not a member (a join drops the whole entry). */
  members: Map<string, { member: CachedMember | null; loadedAt: number }>;
}

interface ServerRow extends Record<string, unknown> {
  owner_id: string;
  roles: string | Array<{ id: string; p: string; pos: number }>;
  channels:
    | string
    | Array<{
        id: string;
        parent: string | null;
        name: string;
        type: (typeof channels.$inferSelect)["type"];
        topic: string | null;
        pos: number;
        slow: number;
        at: string;
        owner: string | null;
        icon: string | null;
        key: string | null;
      }>;
  overwrites: string | Array<{ c: string; r: string | null; u: string | null; a: string; d: string }>;
}

interface Loading {
  generation: number;
  promise: Promise<Entry | null>;
}

export class AccessCache {
  private readonly entries = new Map<bigint, Entry>();
  private readonly loading = new Map<bigint, Loading>();
  private readonly generations = new Map<bigint, number>();
  /** Bumped by `dropAll`: loads begun before it are not kept either. */
  private epoch = 0;
  /** Which server a channel is in (null: a conversation). A fact that never changes while the channel exists. */
  private readonly channelServer = new Map<bigint, bigint | null>();

  constructor(private readonly db: Db) {}

  private generation(serverId: bigint): number {
    return this.epoch * 1_000_000_000 + (this.generations.get(serverId) ?? 0);
  }

  /** Forgets a server's inputs; a load in flight is not kept. */
  drop(serverId: bigint): void {
    this.generations.set(serverId, (this.generations.get(serverId) ?? 0) + 1);
    this.entries.delete(serverId);
    this.loading.delete(serverId);
  }

  dropAll(): void {
    this.epoch++;
    this.entries.clear();
    this.loading.clear();
    this.generations.clear();
  }

  /** The server a channel belongs to, when known (undefined: ask the database). */
  serverOf(channelId: bigint): bigint | null | undefined {
    return this.channelServer.get(channelId);
  }

  rememberChannel(channelId: bigint, serverId: bigint | null): void {
    if (this.channelServer.size >= MAX_CHANNEL_INDEX) this.channelServer.clear();
    this.channelServer.set(channelId, serverId);
  }

  /** The server's inputs; null when there is no such server. */
  async server(serverId: bigint): Promise<ServerInputs | null> {
    return (await this.entry(serverId))?.inputs ?? null;
  }

  /** A person's place in the server; null when they are not a member (or there is no server). */
  async member(serverId: bigint, userId: string): Promise<{ inputs: ServerInputs; member: CachedMember } | null> {
    const entry = await this.entry(serverId);
    if (!entry) return null;
    const now = Date.now();
    const known = entry.members.get(userId);
    if (known && now - known.loadedAt < ENTRY_TTL_MS) return known.member ? { inputs: entry.inputs, member: known.member } : null;
    const member = await this.loadMember(serverId, userId);
    // Kept only if no event touched the server meanwhile (the entry is then gone or newer).
    if (this.entries.get(serverId) === entry && entry.generation === this.generation(serverId)) {
      if (entry.members.size >= MAX_MEMBERS_PER_SERVER) entry.members.clear();
      entry.members.set(userId, { member, loadedAt: now });
    }
    return member ? { inputs: entry.inputs, member } : null;
  }

  private async entry(serverId: bigint): Promise<Entry | null> {
    const generation = this.generation(serverId);
    const entry = this.entries.get(serverId);
    if (entry && entry.generation === generation && Date.now() - entry.loadedAt < ENTRY_TTL_MS) {
      // Most recently used last: the oldest go first when the cache is full.
      this.entries.delete(serverId);
      this.entries.set(serverId, entry);
      return entry;
    }
    const inFlight = this.loading.get(serverId);
    if (inFlight && inFlight.generation === generation) return inFlight.promise;
    const promise = this.loadServer(serverId, generation);
    this.loading.set(serverId, { generation, promise });
    try {
      return await promise;
    } finally {
      if (this.loading.get(serverId)?.promise === promise) this.loading.delete(serverId);
    }
  }

  private async loadServer(serverId: bigint, generation: number): Promise<Entry | null> {
    const loadedAt = Date.now();
    // One statement, so one snapshot: a change committed meanwhile cannot mix in.
    const result = await this.db.execute<ServerRow>(sql`
      select s.owner_id,
        coalesce((
          select json_agg(json_build_object('id', r.id::text, 'p', r.permissions::text, 'pos', r.position))
          from roles r where r.server_id = s.id
        ), '[]') as roles,
        coalesce((
          select json_agg(json_build_object('id', c.id::text, 'parent', c.parent_id::text, 'name', c.name, 'type', c.type,
            'topic', c.topic, 'pos', c.position, 'slow', c.slowmode_seconds, 'at', c.created_at, 'owner', c.owner_id,
            'icon', c.icon, 'key', c.dm_key))
          from channels c where c.server_id = s.id
        ), '[]') as channels,
        coalesce((
          select json_agg(json_build_object('c', o.channel_id::text, 'r', o.role_id::text, 'u', o.user_id, 'a', o.allow::text, 'd', o.deny::text))
          from channel_overwrites o join channels c on c.id = o.channel_id where c.server_id = s.id
        ), '[]') as overwrites
      from servers s where s.id = ${serverId}`);
    const server = (result as unknown as { rows: ServerRow[] }).rows[0];
    if (!server) return null;
    const channelRows: Array<typeof channels.$inferSelect> = json(server.channels).map((c) => ({
      id: BigInt(c.id),
      serverId,
      parentId: c.parent === null ? null : BigInt(c.parent),
      name: c.name,
      type: c.type,
      topic: c.topic,
      position: c.pos,
      slowmodeSeconds: c.slow,
      createdAt: new Date(c.at),
      ownerId: c.owner,
      icon: c.icon,
      dmKey: c.key,
    }));
    const inputs: ServerInputs = {
      serverId,
      ownerId: server.owner_id,
      roles: new Map(json(server.roles).map((r) => [BigInt(r.id), { permissions: BigInt(r.p), position: r.pos }])),
      channels: new Map(channelRows.map((c) => [c.id, c])),
      overwrites: new Map(),
    };
    for (const o of json(server.overwrites)) {
      const channelId = BigInt(o.c);
      const list = inputs.overwrites.get(channelId) ?? [];
      list.push({ roleId: o.r === null ? null : BigInt(o.r), userId: o.u, allow: BigInt(o.a), deny: BigInt(o.d) });
      inputs.overwrites.set(channelId, list);
    }
    for (const c of channelRows) this.rememberChannel(c.id, serverId);
    const entry: Entry = { inputs, loadedAt, generation, members: new Map() };
    if (generation === this.generation(serverId)) {
      if (!this.entries.has(serverId) && this.entries.size >= MAX_SERVERS) {
        this.entries.delete(this.entries.keys().next().value!);
      }
      this.entries.set(serverId, entry);
    }
    return entry;
  }

  private async loadMember(serverId: bigint, userId: string): Promise<CachedMember | null> {
    const rows = await this.db
      .select({ timeoutUntil: members.timeoutUntil, roleId: memberRoles.roleId })
      .from(members)
      .leftJoin(memberRoles, and(eq(memberRoles.serverId, members.serverId), eq(memberRoles.userId, members.userId)))
      .where(and(eq(members.serverId, serverId), eq(members.userId, userId)));
    const first = rows[0];
    if (!first) return null;
    return {
      roleIds: rows.flatMap((r) => (r.roleId === null ? [] : [r.roleId])),
      timeoutUntil: first.timeoutUntil === null ? null : new Date(first.timeoutUntil).getTime(),
    };
  }
}

/** One cache per database handle (the processes' nodes each have their own handle). */
const caches = new WeakMap<object, AccessCache>();

/** The cache for a database handle, made on first use. */
export function accessCacheFor(db: Db): AccessCache {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new AccessCache(db)));
  return cache;
}

/** The cache when `tx` is the database handle itself; none inside a transaction. */
export function accessCacheOf(tx: Tx): AccessCache | undefined {
  return caches.get(tx);
}
