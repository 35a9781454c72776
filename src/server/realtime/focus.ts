/**
 * Which people have a focused tab right now: per person, the sockets whose tab said
 * `client.focus {focused: true}` last. A person looking at the app on any device gets
 * no push (their open tab shows it). Two drivers: this process's memory, and Redis
 * (with REDIS_URL), where a tab focused on one process holds back the push a message
 * sent through another would make; a socket of a process that died (its heartbeat ran
 * out) counts no more.
 */
import type { Redis } from "ioredis";
import { heartbeatKey } from "../cluster/node";
import { type RedisScript, redisScript } from "../cluster/redis-script";

export interface FocusStore {
  set(userId: string, socketId: string, focused: boolean): Promise<void>;
  /** The socket went away: it is focused no more. */
  drop(userId: string, socketId: string): Promise<void>;
  /** Of these people, those with a focused tab now (one round trip). */
  focusedAmong(userIds: readonly string[]): Promise<Set<string>>;
}

export class MemoryFocusStore implements FocusStore {
  private readonly focused = new Map<string, Set<string>>();

  async set(userId: string, socketId: string, focused: boolean): Promise<void> {
    let sockets = this.focused.get(userId);
    if (focused) {
      if (!sockets) this.focused.set(userId, (sockets = new Set()));
      sockets.add(socketId);
    } else if (sockets) {
      sockets.delete(socketId);
      if (sockets.size === 0) this.focused.delete(userId);
    }
  }

  drop(userId: string, socketId: string): Promise<void> {
    return this.set(userId, socketId, false);
  }

  async focusedAmong(userIds: readonly string[]): Promise<Set<string>> {
    return new Set(userIds.filter((id) => this.focused.has(id)));
  }
}

/**
 * KEYS: each person's focus hash (socket id -> node id). ARGV[1]: the heartbeat key's
 * prefix. Returns 1 or 0 per person; entries of dead nodes are removed on the way.
 */
const FOCUSED_AMONG = `
local out = {}
for i, key in ipairs(KEYS) do
  local focused = 0
  local entries = redis.call('HGETALL', key)
  for j = 1, #entries, 2 do
    if redis.call('EXISTS', ARGV[1] .. entries[j + 1]) == 1 then
      focused = 1
    else
      redis.call('HDEL', key, entries[j])
    end
  end
  out[i] = focused
end
return out`;

export class RedisFocusStore implements FocusStore {
  private readonly focusedScript: RedisScript<number[]>;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly nodeId: string,
  ) {
    this.focusedScript = redisScript(redis, "focusedAmong", FOCUSED_AMONG);
  }

  private key(userId: string): string {
    return `${this.prefix}:focus:${userId}`;
  }

  async set(userId: string, socketId: string, focused: boolean): Promise<void> {
    if (focused) await this.redis.hset(this.key(userId), socketId, this.nodeId);
    else await this.redis.hdel(this.key(userId), socketId);
  }

  drop(userId: string, socketId: string): Promise<void> {
    return this.set(userId, socketId, false);
  }

  async focusedAmong(userIds: readonly string[]): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const nodePrefix = heartbeatKey(this.prefix, "");
    const answers = await this.focusedScript(userIds.map((id) => this.key(id)), nodePrefix);
    return new Set(userIds.filter((_, i) => answers[i] === 1));
  }
}
