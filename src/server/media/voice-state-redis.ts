/**
 * Voice state in Redis, shared by every node. Per person a hash (`state`: the place as
 * JSON, `node`, `channel`, `socket`); per channel and per node a set of user ids, and
 * one set of everyone in a room, so no read scans the keyspace. Each write is one Lua
 * script, so the indexes never disagree with the places. A place keeps the node of its
 * socket when another node changes it (a moderator's mute), since that node holds the
 * peer. Rooms count places on live nodes only (cluster/node.ts heartbeats); a dead node's
 * places are ended by the sweep, which reads them with `ofNode`. The keys are removed as
 * places end (and by that sweep), so nothing is left behind.
 */
import type { Redis } from "ioredis";
import type { VoiceState } from "@/shared/voice";
import { type RedisScript, redisScript } from "../cluster/redis-script";
import type { VoiceStateStore } from "./types";

type Held = VoiceState & { socketId: string };

/** KEYS: the person's hash. ARGV: prefix, user id, the place (JSON), node, channel, socket. */
const SET = `
local prefix, user, node = ARGV[1], ARGV[2], ARGV[4]
local old = redis.call('HMGET', KEYS[1], 'node', 'channel', 'socket')
if old[1] then
  if old[2] ~= ARGV[5] then redis.call('SREM', prefix .. ':voice:channel:' .. old[2], user) end
  if old[3] == ARGV[6] then node = old[1]
  elseif old[1] ~= node then redis.call('SREM', prefix .. ':voice:node:' .. old[1], user) end
end
redis.call('HSET', KEYS[1], 'state', ARGV[3], 'node', node, 'channel', ARGV[5], 'socket', ARGV[6])
redis.call('SADD', prefix .. ':voice:channel:' .. ARGV[5], user)
redis.call('SADD', prefix .. ':voice:node:' .. node, user)
redis.call('SADD', prefix .. ':voice:everyone', user)
return 1
`;

/** KEYS: the person's hash. ARGV: prefix, user id, socket ("" = any). */
const REMOVE = `
local prefix, user = ARGV[1], ARGV[2]
local old = redis.call('HMGET', KEYS[1], 'node', 'channel', 'socket')
if not old[1] then return 0 end
if ARGV[3] ~= '' and old[3] ~= ARGV[3] then return 0 end
redis.call('SREM', prefix .. ':voice:channel:' .. old[2], user)
redis.call('SREM', prefix .. ':voice:node:' .. old[1], user)
redis.call('SREM', prefix .. ':voice:everyone', user)
redis.call('DEL', KEYS[1])
return 1
`;

/**
 * KEYS: sets of user ids. ARGV: prefix, the field each set is an index of ('channel',
 * 'node' or '' for none), '1' for live nodes only, this node (live: it is asking), then
 * per set the value that field must have. Returns the places (JSON), each person once.
 */
const LIST = `
local prefix, field, aliveOnly = ARGV[1], ARGV[2], ARGV[3] == '1'
local out, alive, seen = {}, { [ARGV[4]] = true }, {}
for i, set in ipairs(KEYS) do
  for _, user in ipairs(redis.call('SMEMBERS', set)) do
    local h = redis.call('HMGET', prefix .. ':voice:user:' .. user, 'state', 'node', 'channel')
    local ok = h[1] and not seen[user]
    if ok and field == 'channel' and h[3] ~= ARGV[4 + i] then ok = false end
    if ok and field == 'node' and h[2] ~= ARGV[4 + i] then ok = false end
    if ok and aliveOnly then
      if alive[h[2]] == nil then alive[h[2]] = redis.call('EXISTS', prefix .. ':node:' .. h[2]) == 1 end
      ok = alive[h[2]]
    end
    if ok then
      seen[user] = true
      table.insert(out, h[1])
    end
  end
end
return out
`;


export class RedisVoiceStateStore implements VoiceStateStore {
  private readonly setScript: RedisScript<unknown>;
  private readonly removeScript: RedisScript<unknown>;
  private readonly listScript: RedisScript<string[]>;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly nodeId: string,
  ) {
    this.setScript = redisScript(redis, "voiceSet", SET);
    this.removeScript = redisScript(redis, "voiceRemove", REMOVE);
    this.listScript = redisScript(redis, "voiceList", LIST);
  }

  private userKey(userId: string) {
    return `${this.prefix}:voice:user:${userId}`;
  }

  async get(userId: string): Promise<Held | null> {
    const json = await this.redis.hget(this.userKey(userId), "state");
    return json ? (JSON.parse(json) as Held) : null;
  }

  inRoom(channelId: string): Promise<VoiceState[]> {
    return this.inChannels([channelId]);
  }

  async inChannels(channelIds: string[]): Promise<VoiceState[]> {
    if (channelIds.length === 0) return [];
    const keys = channelIds.map((id) => `${this.prefix}:voice:channel:${id}`);
    return (await this.list(keys, "channel", true, channelIds)).map(publicOf);
  }

  async set(state: Held): Promise<void> {
    await this.setScript([this.userKey(state.userId)], this.prefix, state.userId, JSON.stringify(state), this.nodeId, state.channelId, state.socketId);
  }

  async remove(userId: string, socketId?: string): Promise<void> {
    await this.removeScript([this.userKey(userId)], this.prefix, userId, socketId ?? "");
  }

  all(): Promise<Held[]> {
    return this.list([`${this.prefix}:voice:everyone`], "", false, [""]);
  }

  mine(): Promise<Held[]> {
    return this.ofNode(this.nodeId);
  }

  ofNode(nodeId: string): Promise<Held[]> {
    return this.list([`${this.prefix}:voice:node:${nodeId}`], "node", false, [nodeId]);
  }

  private async list(keys: string[], field: string, aliveOnly: boolean, expected: string[]): Promise<Held[]> {
    const out = await this.listScript(keys, this.prefix, field, aliveOnly ? "1" : "0", this.nodeId, ...expected);
    return out.map((json) => JSON.parse(json) as Held);
  }
}

function publicOf(held: Held): VoiceState {
  const { socketId: _socketId, ...state } = held;
  return state;
}
