/**
 * Where sign-in attempts are counted: fixed windows per key (an IP, an account). In
 * this process's memory by default; in Redis with REDIS_URL, so every node counts the
 * same attempts (INCR and the window's PEXPIRE in one script, on Redis's clock).
 */
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import { type RedisScript, redisScript } from "../cluster/redis-script";

export interface AttemptCount {
  /** Attempts in the current window, this one included. */
  count: number;
  /** When the window ends, in ms from now. */
  resetAfterMs: number;
}

export interface AttemptStore {
  /** Counts one attempt under `key` in a window of `windowMs` that starts with the first. */
  hit(key: string, windowMs: number, now?: number): Promise<AttemptCount>;
}

export class MemoryAttemptStore implements AttemptStore {
  private readonly buckets = new Map<string, { count: number; resetAt: number }>();
  private lastSweep = 0;

  async hit(key: string, windowMs: number, now = Date.now()): Promise<AttemptCount> {
    this.sweep(now, windowMs);
    let bucket = this.buckets.get(key);
    if (!bucket || bucket.resetAt <= now) {
      bucket = { count: 0, resetAt: now + windowMs };
      this.buckets.set(key, bucket);
    }
    bucket.count++;
    return { count: bucket.count, resetAfterMs: bucket.resetAt - now };
  }

  private sweep(now: number, windowMs: number) {
    if (now - this.lastSweep < windowMs) return;
    this.lastSweep = now;
    for (const [key, bucket] of this.buckets) if (bucket.resetAt <= now) this.buckets.delete(key);
  }
}

/** KEYS: the counter. ARGV: the window in ms. Returns { count, ms left }. */
const HIT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local left = redis.call('PTTL', KEYS[1])
if left < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  left = tonumber(ARGV[1])
end
return { count, left }
`;

/** While Redis cannot be reached, attempts are counted in this process (and that is logged). */
export class RedisAttemptStore implements AttemptStore {
  private readonly hitScript: RedisScript<[number, number]>;
  private readonly fallback = new MemoryAttemptStore();

  constructor(
    redis: Redis,
    private readonly prefix: string,
    private readonly log: Logger,
  ) {
    this.hitScript = redisScript(redis, "attemptHit", HIT);
  }

  /** `now` is Redis's own: the window is kept by the key's expiry. */
  async hit(key: string, windowMs: number): Promise<AttemptCount> {
    try {
      const [count, resetAfterMs] = await this.hitScript([`${this.prefix}:attempts:${key}`], windowMs);
      return { count, resetAfterMs };
    } catch (err) {
      this.log.warn({ err }, "attempt limits: redis unavailable, counting in this process");
      return this.fallback.hit(key, windowMs);
    }
  }
}
