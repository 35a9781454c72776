/**
 * The rings in Redis, shared by every app process: a call started on one process rings
 * there, is declined on another and answered on a third, and each sees the same list.
 *
 * Per conversation, `<prefix>:ring:<channel>` is a hash: `callId`, and one field per
 * person ringing whose value is a sequence number (the order they were rung; rung again,
 * last). `<prefix>:ringhold:<channel>` holds the call waiting for its starter. Every
 * ring's and hold's end is a member `channel|call|user` (user empty for a hold) of the
 * sorted set `<prefix>:ring-due`, scored by when it runs out. Each process looks for ends
 * that are due a few times a second; the script that finds one removes it, so exactly
 * one process hears each end (and tells the call's people). Times are Redis's clock.
 */
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import { type RedisScript, redisScript } from "../../cluster/redis-script";
import { type RingExpiry, type RingingStore, holdMsOf } from "./ringing";

/** Lua: Redis's clock in ms. */
const NOW = `local t = redis.call('TIME') local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/** Lua: forgets the conversation's rings (KEYS[1] the hash, KEYS[2] the due set, channel in `ch`). */
const FORGET_RINGS = `
local function forgetRings(ch)
  local cur = redis.call('HGET', KEYS[1], 'callId')
  if not cur then return end
  local fields = redis.call('HKEYS', KEYS[1])
  for _, f in ipairs(fields) do
    if string.sub(f, 1, 2) == 'u:' then redis.call('ZREM', KEYS[2], ch .. '|' .. cur .. '|' .. string.sub(f, 3)) end
  end
  redis.call('DEL', KEYS[1])
end`;

/** Lua: releases the conversation's hold (KEYS[3]), when it is `callId` or any (''). */
const FORGET_HOLD = `
local function forgetHold(ch, callId)
  local held = redis.call('GET', KEYS[3])
  if not held or (callId ~= '' and held ~= callId) then return end
  redis.call('DEL', KEYS[3])
  redis.call('ZREM', KEYS[2], ch .. '|' .. held .. '|')
end`;

/** KEYS: ring hash, due set, hold. ARGV: channel, call, ring ms, user ids... */
const RING = `${NOW}${FORGET_RINGS}${FORGET_HOLD}
local ch, callId, ms = ARGV[1], ARGV[2], tonumber(ARGV[3])
if redis.call('HGET', KEYS[1], 'callId') ~= callId then
  forgetRings(ch)
  forgetHold(ch, '')
  redis.call('HSET', KEYS[1], 'callId', callId)
end
for i = 4, #ARGV do
  local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
  redis.call('HSET', KEYS[1], 'u:' .. ARGV[i], seq)
  redis.call('ZADD', KEYS[2], now + ms, ch .. '|' .. callId .. '|' .. ARGV[i])
end
redis.call('PEXPIRE', KEYS[1], ms + 60000)
return 1`;

/** KEYS: ring hash, due set. ARGV: channel, user, call ('' = any). 1 when they were ringing. */
const STOP = `
local ch, userId, callId = ARGV[1], ARGV[2], ARGV[3]
local cur = redis.call('HGET', KEYS[1], 'callId')
if not cur or (callId ~= '' and cur ~= callId) then return 0 end
if redis.call('HDEL', KEYS[1], 'u:' .. userId) == 0 then return 0 end
redis.call('ZREM', KEYS[2], ch .. '|' .. cur .. '|' .. userId)
local left = 0
for _, f in ipairs(redis.call('HKEYS', KEYS[1])) do
  if string.sub(f, 1, 2) == 'u:' then left = left + 1 end
end
if left == 0 then redis.call('DEL', KEYS[1]) end
return 1`;

/** KEYS: ring hash, due set, hold. ARGV: channel, call, hold ms. */
const HOLD = `${NOW}${FORGET_HOLD}
local ch, callId, ms = ARGV[1], ARGV[2], tonumber(ARGV[3])
forgetHold(ch, '')
redis.call('SET', KEYS[3], callId, 'PX', ms + 60000)
redis.call('ZADD', KEYS[2], now + ms, ch .. '|' .. callId .. '|')
return 1`;

/** KEYS: ring hash, due set, hold. ARGV: channel, call ('' = any). */
const RELEASE = `${FORGET_HOLD}
forgetHold(ARGV[1], ARGV[2])
return 1`;

/** KEYS: ring hash, due set, hold. ARGV: channel. */
const END = `${FORGET_RINGS}${FORGET_HOLD}
forgetRings(ARGV[1])
forgetHold(ARGV[1], '')
return 1`;

/**
 * KEYS[1]: the due set. ARGV: key prefix, at most how many. Takes the ends that are due
 * and still stand; returns them as `channel|call|user` strings.
 */
const CLAIM = `${NOW}
local prefix = ARGV[1]
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, tonumber(ARGV[2]))
local out = {}
for _, member in ipairs(due) do
  redis.call('ZREM', KEYS[1], member)
  local ch, callId, userId = string.match(member, '^([^|]*)|([^|]*)|(.*)$')
  if userId == '' then
    local hold = prefix .. ':ringhold:' .. ch
    if redis.call('GET', hold) == callId then
      redis.call('DEL', hold)
      table.insert(out, member)
    end
  else
    local ring = prefix .. ':ring:' .. ch
    if redis.call('HGET', ring, 'callId') == callId and redis.call('HDEL', ring, 'u:' .. userId) == 1 then
      local left = 0
      for _, f in ipairs(redis.call('HKEYS', ring)) do
        if string.sub(f, 1, 2) == 'u:' then left = left + 1 end
      end
      if left == 0 then redis.call('DEL', ring) end
      table.insert(out, member)
    end
  end
end
return out`;

export interface RedisRingingOptions {
  redis: Redis;
  keyPrefix: string;
  ringMs: number;
  log: Logger;
  /** How often this process looks for ends that are due. */
  pollMs?: number;
}

export class RedisRingingStore implements RingingStore {
  readonly ringMs: number;
  private readonly redis: Redis;
  private readonly prefix: string;
  private readonly due: string;
  private listener: (expiry: RingExpiry) => void = () => {};
  private readonly timer: NodeJS.Timeout;
  private claiming = false;
  private readonly scripts: {
    ring: RedisScript<unknown>;
    stop: RedisScript<number>;
    hold: RedisScript<unknown>;
    release: RedisScript<unknown>;
    end: RedisScript<unknown>;
    claim: RedisScript<string[]>;
  };

  constructor(private readonly opts: RedisRingingOptions) {
    this.redis = opts.redis;
    this.scripts = {
      ring: redisScript(this.redis, "ringRing", RING),
      stop: redisScript(this.redis, "ringStop", STOP),
      hold: redisScript(this.redis, "ringHold", HOLD),
      release: redisScript(this.redis, "ringRelease", RELEASE),
      end: redisScript(this.redis, "ringEnd", END),
      claim: redisScript(this.redis, "ringClaim", CLAIM),
    };
    this.prefix = opts.keyPrefix;
    this.ringMs = opts.ringMs;
    this.due = `${this.prefix}:ring-due`;
    this.timer = setInterval(() => void this.claim(), opts.pollMs ?? 250);
    this.timer.unref();
  }

  onExpire(listener: (expiry: RingExpiry) => void): void {
    this.listener = listener;
  }

  private keys(channelId: string): [string, string, string] {
    return [`${this.prefix}:ring:${channelId}`, this.due, `${this.prefix}:ringhold:${channelId}`];
  }

  async ring(callId: string, channelId: string, userIds: readonly string[]): Promise<void> {
    await this.scripts.ring(this.keys(channelId), channelId, callId, this.ringMs, ...userIds);
  }

  async stop(channelId: string, userId: string, callId?: string): Promise<boolean> {
    const [ring, due] = this.keys(channelId);
    return (await this.scripts.stop([ring, due], channelId, userId, callId ?? "")) === 1;
  }

  async hold(callId: string, channelId: string): Promise<void> {
    await this.scripts.hold(this.keys(channelId), channelId, callId, holdMsOf(this.ringMs));
  }

  async release(channelId: string, callId?: string): Promise<void> {
    await this.scripts.release(this.keys(channelId), channelId, callId ?? "");
  }

  async held(channelId: string, callId: string): Promise<boolean> {
    return (await this.redis.get(this.keys(channelId)[2])) === callId;
  }

  async ringing(channelId: string, callId: string): Promise<string[]> {
    const all = await this.redis.hgetall(this.keys(channelId)[0]);
    if (all.callId !== callId) return [];
    return Object.entries(all)
      .filter(([field]) => field.startsWith("u:"))
      .sort((a, b) => Number(a[1]) - Number(b[1]))
      .map(([field]) => field.slice(2));
  }

  async end(channelId: string): Promise<void> {
    await this.scripts.end(this.keys(channelId), channelId);
  }

  close(): void {
    clearInterval(this.timer);
  }

  /** Takes the ends that are due (this process's share) and tells them. */
  private async claim(): Promise<void> {
    if (this.claiming) return;
    this.claiming = true;
    try {
      const ended = await this.scripts.claim([this.due], this.prefix, 100);
      for (const member of ended) {
        const [channelId = "", callId = "", userId = ""] = member.split("|");
        this.listener({ channelId, callId, userId });
      }
    } catch (err) {
      this.opts.log.warn({ err }, "calls: could not look for rings that ran out");
    } finally {
      this.claiming = false;
    }
  }
}
