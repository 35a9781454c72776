/**
 * The limit store in this process's memory: sliding-window logs in a Map. A take runs
 * without awaiting anything, so it is atomic within the process; with several app
 * processes each counts its own (the Redis store counts for all).
 */
import type { LimitStore, Slot, TakeResult, Verdict } from "./types";

interface Log {
  /** Entry times, oldest first, and their ids (parallel arrays). */
  times: number[];
  ids: string[];
  /** The longest window this log was asked about: entries older than it can go. */
  windowMs: number;
}

/** Sweep expired logs every this many takes. */
const SWEEP_EVERY = 10_000;

export class MemoryLimitStore implements LimitStore {
  private readonly logs = new Map<string, Log>();
  private takes = 0;

  take(slots: Slot[], cost: number, id: string, now = Date.now()): Promise<TakeResult> {
    return Promise.resolve(this.takeNow(slots, cost, id, now));
  }

  /** The synchronous take (what makes it atomic). */
  takeNow(slots: Slot[], cost: number, id: string, now = Date.now()): TakeResult {
    if (++this.takes % SWEEP_EVERY === 0) this.sweep(now);
    const logs = slots.map((slot) => this.prune(`${slot.bucket}\u0000${slot.key}`, slot.windowMs, now));
    const verdicts = slots.map((slot, i): Verdict => {
      const { times } = logs[i]!;
      const count = times.length;
      if (count + cost <= slot.limit) {
        return { allowed: true, remaining: slot.limit - count - cost, retryAfterMs: 0, resetAfterMs: slot.windowMs };
      }
      // The entry whose expiry makes room for `cost` more (a cost above the limit waits a whole window).
      const freeing = times[count + cost - slot.limit - 1];
      const retryAfterMs = freeing === undefined ? slot.windowMs : freeing + slot.windowMs - now;
      const newest = times.at(-1) ?? now;
      return { allowed: false, remaining: 0, retryAfterMs, resetAfterMs: newest + slot.windowMs - now };
    });
    const allowed = verdicts.every((v) => v.allowed);
    if (allowed) {
      for (const log of logs) {
        for (let j = 0; j < cost; j++) {
          log.times.push(now);
          log.ids.push(id);
        }
      }
    }
    return { allowed, now, verdicts };
  }

  giveBack(slots: Pick<Slot, "bucket" | "key">[], id: string): Promise<void> {
    for (const slot of slots) {
      const log = this.logs.get(`${slot.bucket}\u0000${slot.key}`);
      if (!log) continue;
      for (let i = log.ids.length - 1; i >= 0; i--) {
        if (log.ids[i] === id) {
          log.ids.splice(i, 1);
          log.times.splice(i, 1);
        }
      }
    }
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.logs.clear();
    return Promise.resolve();
  }

  /** How many logs are held (for tests of the sweep). */
  get size(): number {
    return this.logs.size;
  }

  private prune(name: string, windowMs: number, now: number): Log {
    let log = this.logs.get(name);
    if (!log) {
      log = { times: [], ids: [], windowMs };
      this.logs.set(name, log);
      return log;
    }
    log.windowMs = Math.max(log.windowMs, windowMs);
    let drop = 0;
    while (drop < log.times.length && now - log.times[drop]! >= windowMs) drop++;
    if (drop > 0) {
      log.times.splice(0, drop);
      log.ids.splice(0, drop);
    }
    return log;
  }

  sweep(now = Date.now()) {
    for (const [name, log] of this.logs) {
      const newest = log.times.at(-1);
      if (newest === undefined || now - newest >= log.windowMs) this.logs.delete(name);
    }
  }
}
