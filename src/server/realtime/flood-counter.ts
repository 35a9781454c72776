/**
 * The person-wide half of the flood guard (flood.ts): socket events counted per person
 * across all their sockets and nodes. The guard asks without waiting (no round trip on
 * the hot path), and is told later when the person went over.
 *
 * - In memory (one node): no person-wide count; each socket's own sliding window in the
 *   guard is the limit, as it always was.
 * - In Redis: each node adds up its people's events and flushes them at most every
 *   250 ms, in one script for all of them, into a fixed window per person (INCRBY, with
 *   the window's expiry, on Redis's clock). A total over the limit cuts the sockets that
 *   sent in that flush at once, and any of the person's sockets here that sends again
 *   before the window ends.
 */
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import { type RedisScript, redisScript } from "../cluster/redis-script";
import type { Rule } from "../limits";

export interface FloodCounter {
  /**
   * Counts one event of the person; false when they are over the limit as far as this
   * node knows now. `over` may be called later, when a count shows they went over.
   */
  count(userId: string, over: () => void): boolean;
  close(): Promise<void>;
}

export class MemoryFloodCounter implements FloodCounter {
  count(): boolean {
    return true;
  }
  async close(): Promise<void> {}
}

export const FLUSH_EVERY_MS = 250;

/**
 * KEYS: none. ARGV: prefix, window ms, then user id and count pairs. The window is the
 * current one on Redis's clock; returns each person's total and the ms left in it.
 */
const FLUSH = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[2])
local index = math.floor(now / window)
local left = (index + 1) * window - now
local out = { left }
for i = 3, #ARGV, 2 do
  local key = ARGV[1] .. ':flood:' .. ARGV[i] .. ':' .. index
  local total = redis.call('INCRBY', key, tonumber(ARGV[i + 1]))
  redis.call('PEXPIRE', key, left + 1000)
  table.insert(out, total)
end
return out
`;

interface Pending {
  count: number;
  over: Set<() => void>;
}

export class RedisFloodCounter implements FloodCounter {
  private readonly flushScript: RedisScript<number[]>;
  private pending = new Map<string, Pending>();
  /** People over the limit, until (epoch ms on this node's clock) their window ends. */
  private readonly overUntil = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    redis: Redis,
    private readonly prefix: string,
    private readonly rule: Rule,
    private readonly log: Logger,
  ) {
    this.flushScript = redisScript(redis, "floodFlush", FLUSH);
  }

  count(userId: string, over: () => void): boolean {
    const until = this.overUntil.get(userId);
    if (until !== undefined) {
      if (until > Date.now()) return false;
      this.overUntil.delete(userId);
    }
    let p = this.pending.get(userId);
    if (!p) this.pending.set(userId, (p = { count: 0, over: new Set() }));
    p.count++;
    p.over.add(over);
    if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), FLUSH_EVERY_MS);
      this.timer.unref();
    }
    return true;
  }

  /** Sends what was counted since the last flush; acts on the totals. */
  async flush(): Promise<void> {
    this.timer = null;
    const batch = this.pending;
    this.pending = new Map();
    if (batch.size === 0) return;
    const people = [...batch.keys()];
    try {
      const out = await this.flushScript([], this.prefix, this.rule.windowMs, ...people.flatMap((id) => [id, batch.get(id)!.count]));
      const left = Number(out[0]);
      for (const [i, userId] of people.entries()) {
        if (Number(out[i + 1]) <= this.rule.limit) continue;
        this.overUntil.set(userId, Date.now() + left);
        for (const cut of batch.get(userId)!.over) cut();
      }
    } catch (err) {
      // The per-socket window in the guard still holds meanwhile.
      this.log.warn({ err }, "socket flood: redis unavailable, counting per socket only");
    }
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending.clear();
  }
}
