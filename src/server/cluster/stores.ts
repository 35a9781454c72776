/**
 * The state several nodes must share, picked in one place: in this process's memory by
 * default, in Redis when REDIS_URL is set — presence, voice places, the typing gate, the
 * person-wide flood count, the sign-in attempt counts and the calls' rings, all on one
 * ioredis command connection, plus this node's heartbeat (node.ts) and the lease of the
 * background work (leader.ts). Call sites see the same interfaces
 * either way.
 */
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import { type AttemptStore, MemoryAttemptStore, RedisAttemptStore } from "../auth/attempt-store";
import type { Config } from "../config";
import type { Rule } from "../limits";
import type { VoiceStateStore } from "../media/types";
import { MemoryVoiceStateStore } from "../media/voice-state";
import { RedisVoiceStateStore } from "../media/voice-state-redis";
import { type FloodCounter, MemoryFloodCounter, RedisFloodCounter } from "../realtime/flood-counter";
import { MemoryPresenceStore, type PresenceStore } from "../realtime/presence";
import { RedisPresenceStore } from "../realtime/presence-redis";
import { MemoryTypingGate, RedisTypingGate, type TypingGate } from "../realtime/typing-gate";
import { MemoryRingingStore, type RingingStore } from "../domain/calls/ringing";
import { type FocusStore, MemoryFocusStore, RedisFocusStore } from "../realtime/focus";
import { RedisRingingStore } from "../domain/calls/ringing-redis";
import { type Leadership, RedisLeadership, SoleLeadership } from "./leader";
import { type ClusterNode, LocalNode, RedisNode } from "./node";

/** The gap between two typing announcements of one person in one channel. */
export const TYPING_GAP_MS = 2_000;

export interface SharedState {
  node: ClusterNode;
  presence: PresenceStore;
  voice: VoiceStateStore;
  typing: TypingGate;
  flood: FloodCounter;
  attempts: AttemptStore;
  /** Who has a focused tab (they get no push). */
  focus: FocusStore;
  /** Who rings for each open call, with the rings' ends. */
  ringing: RingingStore;
  /** Whether this process runs the background work now (one process of the cluster at a time). */
  leadership: Leadership;
  /** The command connection, when there is Redis (tests look at keys through it). */
  redis: Redis | null;
  close(): Promise<void>;
}

export async function createSharedState(config: Config, log: Logger, floodRule: Rule): Promise<SharedState> {
  if (!config.REDIS_URL) {
    return {
      node: new LocalNode(),
      presence: new MemoryPresenceStore(),
      voice: new MemoryVoiceStateStore(),
      typing: new MemoryTypingGate(TYPING_GAP_MS),
      flood: new MemoryFloodCounter(),
      attempts: new MemoryAttemptStore(),
      focus: new MemoryFocusStore(),
      ringing: new MemoryRingingStore(config.CALL_RING_SECONDS * 1000),
      leadership: new SoleLeadership(),
      redis: null,
      close: async () => {},
    };
  }
  const prefix = config.REDIS_KEY_PREFIX;
  // ioredis loads only with REDIS_URL: a single process never needs it.
  const { Redis: RedisClient } = await import("ioredis");
  const redis = new RedisClient(config.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 3 });
  redis.on("error", (err) => log.warn({ err }, "redis connection error (shared state)"));
  await redis.connect();
  const node = new RedisNode(redis, prefix, log, { ttlMs: config.NODE_HEARTBEAT_TTL_SECONDS * 1000 });
  const flood = new RedisFloodCounter(redis, prefix, floodRule, log);
  const leadership = new RedisLeadership({ redis, keyPrefix: prefix, nodeId: node.id, log });
  return {
    node,
    presence: new RedisPresenceStore(redis, prefix, node.id),
    voice: new RedisVoiceStateStore(redis, prefix, node.id),
    typing: new RedisTypingGate(redis, prefix, TYPING_GAP_MS),
    flood,
    attempts: new RedisAttemptStore(redis, prefix, log),
    focus: new RedisFocusStore(redis, prefix, node.id),
    ringing: new RedisRingingStore({ redis, keyPrefix: prefix, ringMs: config.CALL_RING_SECONDS * 1000, log }),
    leadership,
    redis,
    close: async () => {
      await leadership.stop();
      await flood.close();
      await node.stop();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
