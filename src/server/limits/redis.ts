/**
 * The limit store in Redis, shared by every app process: each log is a sorted set
 * (score: time in ms, member: the take's id and entry number), checked and recorded by
 * one Lua script, which Redis runs without interleaving anything else. Time is Redis's
 * own clock, so nodes with skewed clocks still agree.
 *
 * When Redis cannot be reached a take falls back to this process's memory store (and
 * says so in the log, at most once a minute): the limits keep holding per process,
 * and chat keeps working.
 */
import { Redis } from "ioredis";
import type { Logger } from "pino";
import { MemoryLimitStore } from "./memory";
import type { LimitStore, Slot, TakeResult, Verdict } from "./types";

/**
 * KEYS: the logs. ARGV: now in ms ("" = Redis's clock), cost, id, then limit and window
 * per key. Returns { allowed (0|1), now, then per key: remaining, retryAfterMs, resetAfterMs }.
 */
const TAKE = `
local now = tonumber(ARGV[1])
if not now then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local cost = tonumber(ARGV[2])
local id = ARGV[3]
local allowed = 1
local counts = {}
local out = {0, now}
for i, key in ipairs(KEYS) do
  local limit = tonumber(ARGV[2 + 2 * i])
  local window = tonumber(ARGV[3 + 2 * i])
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  local count = redis.call('ZCARD', key)
  counts[i] = count
  if count + cost <= limit then
    table.insert(out, limit - count - cost)
    table.insert(out, 0)
    table.insert(out, window)
  else
    allowed = 0
    local k = count + cost - limit - 1
    local freeing = redis.call('ZRANGE', key, k, k, 'WITHSCORES')
    local retry = window
    if freeing[2] then retry = tonumber(freeing[2]) + window - now end
    local newest = redis.call('ZRANGE', key, -1, -1, 'WITHSCORES')
    local reset = window
    if newest[2] then reset = tonumber(newest[2]) + window - now end
    table.insert(out, 0)
    table.insert(out, retry)
    table.insert(out, reset)
  end
end
if allowed == 1 then
  for i, key in ipairs(KEYS) do
    local window = tonumber(ARGV[3 + 2 * i])
    for j = 1, cost do redis.call('ZADD', key, now, id .. ':' .. j) end
    redis.call('PEXPIRE', key, window)
  end
end
out[1] = allowed
return out
`;

/** ARGV: the id, the cost. Removes the take's entries from every log in KEYS. */
const GIVE_BACK = `
for _, key in ipairs(KEYS) do
  for j = 1, tonumber(ARGV[2]) do redis.call('ZREM', key, ARGV[1] .. ':' .. j) end
end
return 1
`;

type Scripted = Redis & {
  limitTake(numKeys: number, ...args: (string | number)[]): Promise<number[]>;
  limitGiveBack(numKeys: number, ...args: (string | number)[]): Promise<number>;
};

export class RedisLimitStore implements LimitStore {
  private readonly redis: Scripted;
  private readonly fallback = new MemoryLimitStore();
  private lastWarning = 0;

  constructor(
    url: string,
    private readonly prefix: string,
    private readonly log: Logger,
  ) {
    // No offline queue: while Redis is away a take fails at once and the fallback answers.
    this.redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false }) as Scripted;
    this.redis.defineCommand("limitTake", { lua: TAKE });
    this.redis.defineCommand("limitGiveBack", { lua: GIVE_BACK });
    this.redis.on("error", (err) => this.warn(err, "redis connection error (limits)"));
  }

  async connect(): Promise<void> {
    try {
      await this.redis.connect();
    } catch (err) {
      this.warn(err, "limits: redis unreachable at start, counting in memory until it is back");
    }
  }

  private keyOf(slot: Pick<Slot, "bucket" | "key">) {
    return `${this.prefix}:limits:${slot.bucket}:${slot.key}`;
  }

  async take(slots: Slot[], cost: number, id: string, now?: number): Promise<TakeResult> {
    try {
      const args = slots.flatMap((s) => [s.limit, s.windowMs]);
      const out = await this.redis.limitTake(slots.length, ...slots.map((s) => this.keyOf(s)), now ?? "", cost, id, ...args);
      const verdicts = slots.map((_, i): Verdict => {
        const [remaining, retryAfterMs, resetAfterMs] = out.slice(2 + 3 * i, 5 + 3 * i) as [number, number, number];
        return { allowed: retryAfterMs === 0, remaining, retryAfterMs, resetAfterMs };
      });
      return { allowed: out[0] === 1, now: Number(out[1]), verdicts };
    } catch (err) {
      this.warn(err, "limits: redis unavailable, counting in memory");
      return this.fallback.take(slots, cost, id, now);
    }
  }

  async giveBack(slots: Pick<Slot, "bucket" | "key">[], id: string, cost: number): Promise<void> {
    await this.fallback.giveBack(slots, id);
    try {
      await this.redis.limitGiveBack(slots.length, ...slots.map((s) => this.keyOf(s)), id, cost);
    } catch (err) {
      this.warn(err, "limits: redis unavailable, a slot was not given back");
    }
  }

  async close(): Promise<void> {
    await this.fallback.close();
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private warn(err: unknown, message: string) {
    const now = Date.now();
    if (now - this.lastWarning < 60_000) return;
    this.lastWarning = now;
    this.log.warn({ err }, message);
  }
}
