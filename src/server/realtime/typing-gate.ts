/**
 * "May this person announce typing in this channel now?": at most once per gap per
 * person and channel, whichever device and node they type on, so two devices never
 * announce twice. In memory (a Map of when each pair may speak again, swept as it grows),
 * or in Redis with REDIS_URL (SET NX PX: the first node to ask wins the gap).
 */
import type { Redis } from "ioredis";

export interface TypingGate {
  mayAnnounce(userId: string, channelId: string): Promise<boolean>;
}

/** Sweep passed gaps once the map holds this many. */
const SWEEP_AT = 10_000;

export class MemoryTypingGate implements TypingGate {
  private readonly until = new Map<string, number>();

  constructor(private readonly gapMs: number) {}

  async mayAnnounce(userId: string, channelId: string, now = Date.now()): Promise<boolean> {
    const key = `${userId}:${channelId}`;
    if ((this.until.get(key) ?? 0) > now) return false;
    if (this.until.size >= SWEEP_AT) for (const [k, t] of this.until) if (t <= now) this.until.delete(k);
    this.until.set(key, now + this.gapMs);
    return true;
  }
}

export class RedisTypingGate implements TypingGate {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly gapMs: number,
  ) {}

  /** While Redis cannot answer, typing is said (the person's typing limit still holds). */
  async mayAnnounce(userId: string, channelId: string): Promise<boolean> {
    try {
      const set = await this.redis.set(`${this.prefix}:typing:${userId}:${channelId}`, "1", "PX", this.gapMs, "NX");
      return set === "OK";
    } catch {
      return true;
    }
  }
}
