/**
 * Presence in Redis, shared by every node. Per person one hash: `chosen` (absent means
 * online) and one field per socket, `s:<socket id>` -> `<node id>|<0 or 1 idle>`; per
 * node one set of its `<user id>|<socket id>` entries, so a dead node's sockets can be
 * found. Each change is one Lua script that computes the shown status before and after,
 * so two nodes changing one person never both announce (or both miss) a change.
 *
 * The scripts spell the node keys of cluster/node.ts themselves (`<prefix>:node:<id>`,
 * `<prefix>:nodes`). Sockets of a node whose heartbeat expired (cluster/node.ts) do not count, so a killed
 * process's people look offline as soon as its heartbeat runs out; the sweep that claims
 * the node then removes its entries and says so (dropNode). A person's hash lives while
 * they have sockets and a day after, for a chosen status with no device.
 */
import type { Redis } from "ioredis";
import type { PresenceStatus } from "@/shared/api";
import { type RedisScript, redisScript } from "../cluster/redis-script";
import type { PresenceChange, PresenceStore, Shown } from "./presence";

/** How long a chosen status outlives a person's last device. */
const CHOICE_TTL_MS = 24 * 60 * 60_000;

/**
 * shown(key, alsoAlive): the shown status of a person's hash, counting sockets of live
 * nodes only (`alsoAlive`: a node to count as live, the caller itself or a node being
 * dropped). Sockets of nodes that are dead and already out of the registry are deleted
 * on the way (nobody is left to sweep them).
 */
const SHOWN = `
local prefix = ARGV[1]
local function nodeAlive(cache, node, alsoAlive)
  local ok = cache[node]
  if ok == nil then
    if node == alsoAlive or redis.call('EXISTS', prefix .. ':node:' .. node) == 1 then ok = 1
    elseif redis.call('SISMEMBER', prefix .. ':nodes', node) == 1 then ok = 0
    else ok = -1 end
    cache[node] = ok
  end
  return ok
end
local function shown(key, alsoAlive)
  local h = redis.call('HGETALL', key)
  local chosen = 'online'
  local any, allIdle = false, true
  local cache = {}
  for i = 1, #h, 2 do
    local f, v = h[i], h[i + 1]
    if f == 'chosen' then
      chosen = v
    elseif string.sub(f, 1, 2) == 's:' then
      local sep = string.find(v, '|', 1, true)
      local alive = nodeAlive(cache, string.sub(v, 1, sep - 1), alsoAlive)
      if alive == 1 then
        any = true
        if string.sub(v, sep + 1) ~= '1' then allIdle = false end
      elseif alive == -1 then
        redis.call('HDEL', key, f)
      end
    end
  end
  if not any or chosen == 'invisible' then return 'offline' end
  if chosen ~= 'online' then return chosen end
  if allIdle then return 'idle' end
  return 'online'
end
local function tidy(key)
  local fields = redis.call('HKEYS', key)
  local sockets, choice = 0, false
  for _, f in ipairs(fields) do
    if f == 'chosen' then choice = true else sockets = sockets + 1 end
  end
  if sockets > 0 then redis.call('PERSIST', key)
  elseif choice then redis.call('PEXPIRE', key, ${CHOICE_TTL_MS})
  else redis.call('DEL', key) end
end
`;

/**
 * KEYS: the person's hash, this node's set. ARGV: prefix, op, user id, socket id, node
 * id, value. Returns { before, after }.
 */
const CHANGE = `${SHOWN}
local op, user, socket, node, value = ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6]
local key = KEYS[1]
local before = shown(key, node)
if op == 'connect' then
  redis.call('HSET', key, 's:' .. socket, node .. '|0')
  redis.call('SADD', KEYS[2], user .. '|' .. socket)
elseif op == 'disconnect' then
  local held = redis.call('HGET', key, 's:' .. socket)
  redis.call('HDEL', key, 's:' .. socket)
  if held then
    local sep = string.find(held, '|', 1, true)
    redis.call('SREM', prefix .. ':presence-node:' .. string.sub(held, 1, sep - 1), user .. '|' .. socket)
  end
elseif op == 'choose' then
  if value == 'online' then redis.call('HDEL', key, 'chosen') else redis.call('HSET', key, 'chosen', value) end
elseif op == 'idle' then
  local held = redis.call('HGET', key, 's:' .. socket)
  if held then
    local sep = string.find(held, '|', 1, true)
    redis.call('HSET', key, 's:' .. socket, string.sub(held, 1, sep) .. value)
  end
end
local after = shown(key, node)
tidy(key)
return { before, after }
`;

/** KEYS: the hashes. ARGV: prefix, this node. Returns each one's shown status. */
const READ = `${SHOWN}
local out = {}
for i, key in ipairs(KEYS) do out[i] = shown(key, ARGV[2]) end
return out
`;

/**
 * KEYS: the node's set. ARGV: prefix, the node id. Removes every socket it held; returns
 * { user, status, ... } for the people whose shown status changed.
 */
const DROP = `${SHOWN}
local node = ARGV[2]
local byUser = {}
local order = {}
for _, entry in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local sep = string.find(entry, '|', 1, true)
  local user = string.sub(entry, 1, sep - 1)
  if not byUser[user] then byUser[user] = {}; table.insert(order, user) end
  table.insert(byUser[user], string.sub(entry, sep + 1))
end
local out = {}
for _, user in ipairs(order) do
  local key = prefix .. ':presence:' .. user
  local before = shown(key, node)
  for _, socket in ipairs(byUser[user]) do
    local held = redis.call('HGET', key, 's:' .. socket)
    if held and string.sub(held, 1, string.len(node) + 1) == node .. '|' then redis.call('HDEL', key, 's:' .. socket) end
  end
  local after = shown(key, '')
  tidy(key)
  if before ~= after then table.insert(out, user); table.insert(out, after) end
end
redis.call('DEL', KEYS[1])
return out
`;


export class RedisPresenceStore implements PresenceStore {
  private readonly changeScript: RedisScript<[Shown, Shown]>;
  private readonly readScript: RedisScript<Shown[]>;
  private readonly dropScript: RedisScript<string[]>;

  constructor(
    redis: Redis,
    private readonly prefix: string,
    private readonly nodeId: string,
  ) {
    this.changeScript = redisScript(redis, "presenceChange", CHANGE);
    this.readScript = redisScript(redis, "presenceRead", READ);
    this.dropScript = redisScript(redis, "presenceDrop", DROP);
  }

  private personKey(userId: string) {
    return `${this.prefix}:presence:${userId}`;
  }

  private nodeKey(nodeId: string) {
    return `${this.prefix}:presence-node:${nodeId}`;
  }

  private async change(op: string, userId: string, socketId: string, value = ""): Promise<Shown | null> {
    const [before, after] = await this.changeScript(
      [this.personKey(userId), this.nodeKey(this.nodeId)],
      this.prefix,
      op,
      userId,
      socketId,
      this.nodeId,
      value,
    );
    return before === after ? null : after;
  }

  connect(userId: string, socketId: string) {
    return this.change("connect", userId, socketId);
  }

  disconnect(userId: string, socketId: string) {
    return this.change("disconnect", userId, socketId);
  }

  choose(userId: string, status: PresenceStatus) {
    return this.change("choose", userId, "", status);
  }

  setIdle(userId: string, socketId: string, idle: boolean) {
    return this.change("idle", userId, socketId, idle ? "1" : "0");
  }

  async statusOf(userId: string): Promise<Shown> {
    return (await this.statusOfMany([userId])).get(userId) ?? "offline";
  }

  async statusOfMany(userIds: readonly string[]): Promise<Map<string, Shown>> {
    const ids = [...new Set(userIds)];
    if (ids.length === 0) return new Map();
    const shown = await this.readScript(ids.map((id) => this.personKey(id)), this.prefix, this.nodeId);
    return new Map(ids.map((id, i) => [id, shown[i]!]));
  }

  async dropNode(nodeId: string): Promise<PresenceChange[]> {
    const flat = await this.dropScript([this.nodeKey(nodeId)], this.prefix, nodeId);
    const changes: PresenceChange[] = [];
    for (let i = 0; i < flat.length; i += 2) changes.push({ userId: flat[i]!, status: flat[i + 1] as Shown });
    return changes;
  }
}
