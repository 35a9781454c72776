/**
 * Background work once per cluster. One process at a time holds the lead: with Redis, a
 * lease (`<prefix>:leader`, the holder's node id, 15 s, renewed every 5 s by its holder
 * through a compare-and-extend script); alone, this process always leads. Background
 * jobs (file collection, statistics, push delivery) run only while their process leads,
 * so they never run twice at once, and when the leader dies another process takes the
 * lease within 20 s and starts them.
 *
 * A leader that cannot renew (Redis unreachable) steps down before its lease could have
 * run out, so two processes never both believe they lead; it tries again at the next tick.
 */
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import { type RedisScript, redisScript } from "./redis-script";

export interface Leadership {
  /** Whether this process leads now. */
  readonly leading: boolean;
  /** Called with true when this process takes the lead, false when it loses or gives it up. */
  onChange(listener: (leading: boolean) => void): void;
  /** Starts trying for the lead (at once, then every tick). */
  start(): Promise<void>;
  /** Gives the lead up (at shutdown), so another process takes it at its next tick. */
  stop(): Promise<void>;
}

abstract class BaseLeadership implements Leadership {
  private current = false;
  private readonly listeners: Array<(leading: boolean) => void> = [];

  get leading(): boolean {
    return this.current;
  }

  onChange(listener: (leading: boolean) => void): void {
    this.listeners.push(listener);
  }

  protected set(leading: boolean): void {
    if (leading === this.current) return;
    this.current = leading;
    for (const listener of this.listeners) listener(leading);
  }

  abstract start(): Promise<void>;
  abstract stop(): Promise<void>;
}

/** One process: it leads from start to stop. */
export class SoleLeadership extends BaseLeadership {
  async start(): Promise<void> {
    this.set(true);
  }

  async stop(): Promise<void> {
    this.set(false);
  }
}

/** KEYS[1] the lease; ARGV: node id, ttl ms. Extends it when ours (1), else 0. */
const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0`;

/** KEYS[1] the lease; ARGV: node id. Deletes it when ours. */
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`;

export interface RedisLeadershipOptions {
  redis: Redis;
  keyPrefix: string;
  nodeId: string;
  log: Logger;
  /** How long a lease lasts without renewal. */
  ttlMs?: number;
  /** How often the holder renews and the others try. */
  tickMs?: number;
}

export class RedisLeadership extends BaseLeadership {
  private readonly key: string;
  private readonly ttlMs: number;
  private readonly tickMs: number;
  private timer: NodeJS.Timeout | null = null;
  /** When the lease was last taken or renewed, by this process's clock. */
  private heldSince = 0;
  private ticking: Promise<void> | null = null;
  private stopped = false;
  private readonly renewScript: RedisScript<number>;
  private readonly releaseScript: RedisScript<number>;

  constructor(private readonly opts: RedisLeadershipOptions) {
    super();
    this.renewScript = redisScript(opts.redis, "leaseRenew", RENEW);
    this.releaseScript = redisScript(opts.redis, "leaseRelease", RELEASE);
    this.key = `${opts.keyPrefix}:leader`;
    this.ttlMs = opts.ttlMs ?? 15_000;
    this.tickMs = opts.tickMs ?? 5_000;
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.tick();
    this.timer = setInterval(() => void this.tick(), this.tickMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.ticking;
    if (this.leading) {
      this.set(false);
      await this.releaseScript([this.key], this.opts.nodeId).catch((err: unknown) => this.opts.log.warn({ err }, "could not give up the lead"));
    }
  }

  private tick(): Promise<void> {
    if (this.ticking) return this.ticking;
    this.ticking = this.attempt().finally(() => (this.ticking = null));
    return this.ticking;
  }

  private async attempt(): Promise<void> {
    if (this.stopped) return;
    const { redis, nodeId, log } = this.opts;
    const asked = Date.now();
    try {
      const held = this.leading
        ? (await this.renewScript([this.key], nodeId, this.ttlMs)) === 1
        : (await redis.set(this.key, nodeId, "PX", this.ttlMs, "NX")) === "OK";
      if (this.stopped) return;
      if (held) {
        this.heldSince = asked;
        if (!this.leading) log.info({ nodeId }, "this process leads the background work now");
      } else if (this.leading) {
        log.warn({ nodeId }, "lost the lead for background work to another process");
      }
      this.set(held);
    } catch (err) {
      // Unreachable: keep leading only while the lease surely has not run out for the others.
      if (this.leading && Date.now() - this.heldSince > this.ttlMs - this.tickMs) {
        log.warn({ err, nodeId }, "could not renew the lead for background work; stepping down");
        this.set(false);
      } else {
        log.warn({ err }, "could not reach Redis for the background-work lease");
      }
    }
  }
}

/** A job run every `everyMs` (and `firstAfterMs` after taking the lead) while this process leads. */
export interface LeaderJob {
  name: string;
  everyMs: number;
  firstAfterMs?: number;
  run(): Promise<void>;
}

/**
 * Runs the jobs while leading and stops them when the lead goes. Each run is awaited
 * before the next is planned, so a slow run never overlaps itself. Returns a stop function
 * that waits for runs in flight.
 */
export function runWhileLeading(leadership: Leadership, jobs: LeaderJob[], log: Logger): () => Promise<void> {
  const timers = new Map<string, NodeJS.Timeout>();
  const inFlight = new Set<Promise<void>>();
  let generation = 0;
  const plan = (job: LeaderJob, ms: number, gen: number) => {
    const timer = setTimeout(() => {
      timers.delete(job.name);
      if (gen !== generation) return;
      const run = job
        .run()
        .catch((err: unknown) => log.error({ err, job: job.name }, "background job failed"))
        .finally(() => {
          inFlight.delete(run);
          if (gen === generation) plan(job, job.everyMs, gen);
        });
      inFlight.add(run);
    }, ms);
    timer.unref();
    timers.set(job.name, timer);
  };
  const halt = () => {
    generation++;
    for (const timer of timers.values()) clearTimeout(timer);
    timers.clear();
  };
  const follow = (leading: boolean) => {
    halt();
    if (!leading) return;
    const gen = generation;
    for (const job of jobs) plan(job, job.firstAfterMs ?? job.everyMs, gen);
  };
  leadership.onChange(follow);
  if (leadership.leading) follow(true);
  return async () => {
    halt();
    await Promise.allSettled([...inFlight]);
  };
}
