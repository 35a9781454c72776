/**
 * Sending limits, per person and channel: a burst limit (5 messages per 5 seconds) and
 * the channel's slowmode. Kept in this process's memory: with several app processes a
 * person could send up to the limit on each; a Redis-backed limiter can replace this
 * class behind the same two methods.
 */
import { limits } from "@/shared/limits";
import { errors } from "../../errors";

export class SendLimiter {
  private readonly recent = new Map<string, number[]>();
  private sweeps = 0;

  constructor(
    private readonly burst: number = limits.sendBurst,
    private readonly windowMs: number = limits.sendWindowSeconds * 1000,
  ) {}

  /** Throws RATE_LIMITED or SLOWMODE with the time to wait; records nothing. */
  check(userId: string, channelId: bigint, slowmodeSeconds: number, now = Date.now()): void {
    const times = this.recent.get(`${channelId}:${userId}`) ?? [];
    const inWindow = times.filter((t) => now - t < this.windowMs);
    const last = times.at(-1);
    if (slowmodeSeconds > 0 && last !== undefined && now - last < slowmodeSeconds * 1000) {
      const retryAfterMs = slowmodeSeconds * 1000 - (now - last);
      throw errors.slowmode(retryAfterMs);
    }
    if (inWindow.length >= this.burst) {
      const retryAfterMs = this.windowMs - (now - inWindow[0]!);
      throw errors.rateLimited(retryAfterMs);
    }
  }

  record(userId: string, channelId: bigint, now = Date.now()): void {
    const key = `${channelId}:${userId}`;
    const keep = Math.max(this.windowMs, limits.slowmodeMaxSeconds * 1000);
    const times = (this.recent.get(key) ?? []).filter((t) => now - t < keep).slice(-this.burst + 1);
    times.push(now);
    this.recent.set(key, times);
    if (++this.sweeps % 10_000 === 0) this.sweep(now, keep);
  }

  private sweep(now: number, keep: number) {
    for (const [key, times] of this.recent) if (now - (times.at(-1) ?? 0) >= keep) this.recent.delete(key);
  }
}
