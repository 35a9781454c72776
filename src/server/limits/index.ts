/**
 * The one limiter: every per-person limit (sends, edits, reactions, typing, uploads,
 * invites) is a take from a sliding-window log, checked and recorded in one atomic step
 * (memory, or Redis when REDIS_URL is set, so all nodes count together). A command
 * takes its slot before it writes, and gives it back when the write did not happen.
 *
 * A refusal is answered as Discord does: 429 with Retry-After (seconds),
 * X-RateLimit-Limit, -Remaining, -Reset (epoch seconds), -Reset-After (seconds),
 * -Bucket (the route's bucket name), and `retry_after` (seconds) in the JSON body next
 * to the usual error; `details.retryAfterMs` stays for the web client.
 */
import { randomBytes } from "node:crypto";
import type { Logger } from "pino";
import type { Config } from "../config";
import { type AppError, errors } from "../errors";
import { MemoryLimitStore } from "./memory";
import type { LimitStore, Rule, Slot, Verdict } from "./types";

/**
 * A take's id (what `giveBack` removes): unique across processes by a random prefix drawn
 * once, then a counter. Random bytes per take cost more than the rest of a take in memory.
 */
const takeIdPrefix = randomBytes(6).toString("base64url");
let takeSeq = 0;
const nextTakeId = () => `${takeIdPrefix}${(++takeSeq).toString(36)}`;

export type { LimitStore, Rule, Slot } from "./types";
export { MemoryLimitStore } from "./memory";

/**
 * The routes with a limit of their own; `message.slowmode` takes its rule from the
 * channel. `socket.events` is counted per socket by the flood guard (realtime/flood.ts).
 */
export const buckets = ["message.send", "message.edit", "reaction", "typing", "upload", "invite.create", "socket.events"] as const;
export type Bucket = (typeof buckets)[number];
export const SLOWMODE_BUCKET = "message.slowmode";

export type LimitRules = Record<Bucket, Rule>;

/** The rules from the environment (config.ts holds the defaults). */
export function rulesFromConfig(config: Config): LimitRules {
  return {
    "message.send": { limit: config.SEND_BURST, windowMs: config.SEND_WINDOW_SECONDS * 1000 },
    "message.edit": config.LIMIT_EDITS,
    reaction: config.LIMIT_REACTIONS,
    typing: config.LIMIT_TYPING,
    upload: config.LIMIT_UPLOADS,
    "invite.create": config.LIMIT_INVITES,
    "socket.events": config.LIMIT_SOCKET_EVENTS,
  };
}

/** Limits no test or benchmark reaches: for those that act in bulk. */
export function roomyRules(): LimitRules {
  const roomy = { limit: 1_000_000_000, windowMs: 1000 };
  return Object.fromEntries(buckets.map((b) => [b, roomy])) as LimitRules;
}

const doing: Record<string, string> = {
  "message.send": "You're sending too fast",
  "message.edit": "You're editing too fast",
  reaction: "You're reacting too fast",
  typing: "You're doing that too fast",
  upload: "You're uploading too fast",
  "invite.create": "You're creating invites too fast",
  "socket.events": "You're sending too many events",
  "notification.test": "You're sending test notifications too fast",
};

export interface Granted {
  allowed: true;
  bucket: string;
  limit: number;
  remaining: number;
  resetAfterMs: number;
  /** Frees what this take recorded: the work it paid for did not happen. */
  giveBack(): Promise<void>;
}

export interface Refused {
  allowed: false;
  /** The bucket that refused (the channel's slowmode, or the route's own). */
  bucket: string;
  limit: number;
  remaining: number;
  retryAfterMs: number;
  resetAfterMs: number;
  /** When it was refused (epoch ms), for X-RateLimit-Reset. */
  now: number;
}

export interface TakeOptions {
  /** More logs that must allow it too (a channel's slowmode), taken in the same atomic step. */
  also?: Slot[];
  now?: number;
}

export class Limiter {
  constructor(
    readonly rules: LimitRules,
    private readonly store: LimitStore,
  ) {}

  /** One atomic check-and-record of `cost` in `bucket` for `key` (and `also`). */
  take(bucket: Bucket, key: string, cost = 1, opts: TakeOptions = {}): Promise<Granted | Refused> {
    return this.takeSlots([{ bucket, key, ...this.rules[bucket] }, ...(opts.also ?? [])], cost, opts.now);
  }

  /** The same for slots with rules of their own (a channel's slowmode); the first one's figures are reported. */
  async takeSlots(slots: Slot[], cost = 1, now?: number): Promise<Granted | Refused> {
    const id = nextTakeId();
    const result = await this.store.take(slots, cost, id, now);
    if (result.allowed) {
      const own = result.verdicts[0]!;
      const store = this.store;
      return {
        allowed: true,
        bucket: slots[0]!.bucket,
        limit: slots[0]!.limit,
        remaining: own.remaining,
        resetAfterMs: own.resetAfterMs,
        giveBack: () => store.giveBack(slots, id, cost),
      };
    }
    // Slowmode first (it has its own code); else the log that asks for the longest wait.
    let pick = -1;
    for (const [i, v] of result.verdicts.entries()) {
      if (v.allowed) continue;
      const better = pick < 0 || slots[i]!.bucket === SLOWMODE_BUCKET || (slots[pick]!.bucket !== SLOWMODE_BUCKET && v.retryAfterMs > result.verdicts[pick]!.retryAfterMs);
      if (better) pick = i;
    }
    const verdict = result.verdicts[pick] as Verdict;
    return {
      allowed: false,
      bucket: slots[pick]!.bucket,
      limit: slots[pick]!.limit,
      remaining: verdict.remaining,
      retryAfterMs: verdict.retryAfterMs,
      resetAfterMs: verdict.resetAfterMs,
      now: result.now,
    };
  }

  /** Like `take`, but a refusal throws its 429 (RATE_LIMITED, or SLOWMODE). */
  async require(bucket: Bucket, key: string, cost = 1, opts: TakeOptions = {}): Promise<Granted> {
    const decision = await this.take(bucket, key, cost, opts);
    if (!decision.allowed) throw refusalError(decision);
    return decision;
  }

  async requireSlots(slots: Slot[], cost = 1, now?: number): Promise<Granted> {
    const decision = await this.takeSlots(slots, cost, now);
    if (!decision.allowed) throw refusalError(decision);
    return decision;
  }

  close(): Promise<void> {
    return this.store.close();
  }
}

/** The Discord-style headers of a refusal. */
export function rateLimitHeaders(r: Refused): Record<string, string> {
  return {
    "Retry-After": String(Math.max(1, Math.ceil(r.retryAfterMs / 1000))),
    "X-RateLimit-Limit": String(r.limit),
    "X-RateLimit-Remaining": String(r.remaining),
    "X-RateLimit-Reset": ((r.now + r.resetAfterMs) / 1000).toFixed(3),
    "X-RateLimit-Reset-After": (r.resetAfterMs / 1000).toFixed(3),
    "X-RateLimit-Bucket": r.bucket,
  };
}

export function refusalError(r: Refused): AppError {
  const headers = rateLimitHeaders(r);
  if (r.bucket === SLOWMODE_BUCKET) return errors.slowmode(r.retryAfterMs, headers);
  return errors.rateLimited(r.retryAfterMs, headers, doing[r.bucket]);
}

/** The limiter the config asks for: Redis-backed with REDIS_URL, else in memory. */
export async function createLimiter(config: Config, log: Logger, rules: LimitRules = rulesFromConfig(config)): Promise<Limiter> {
  if (!config.REDIS_URL) return new Limiter(rules, new MemoryLimitStore());
  // Its module (and ioredis) loads only with REDIS_URL.
  const { RedisLimitStore } = await import("./redis");
  const store = new RedisLimitStore(config.REDIS_URL, config.REDIS_KEY_PREFIX, log);
  await store.connect();
  return new Limiter(rules, store);
}
