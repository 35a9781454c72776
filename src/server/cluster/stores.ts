/**
 * The state several nodes must share, picked in one place: in this process's memory by
 * default, in Redis when REDIS_URL is set — presence, voice places, the typing gate, the
 * person-wide flood count and the sign-in attempt counts, all on one ioredis command
 * connection, plus this node's heartbeat (node.ts). Call sites see the same interfaces
 * either way.
 */
import { Redis } from "ioredis";
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
      redis: null,
      close: async () => {},
    };
  }
  const prefix = config.REDIS_KEY_PREFIX;
  const redis = new Redis(config.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 3 });
  redis.on("error", (err) => log.warn({ err }, "redis connection error (shared state)"));
  await redis.connect();
  const node = new RedisNode(redis, prefix, log, { ttlMs: config.NODE_HEARTBEAT_TTL_SECONDS * 1000 });
  const flood = new RedisFloodCounter(redis, prefix, floodRule, log);
  return {
    node,
    presence: new RedisPresenceStore(redis, prefix, node.id),
    voice: new RedisVoiceStateStore(redis, prefix, node.id),
    typing: new RedisTypingGate(redis, prefix, TYPING_GAP_MS),
    flood,
    attempts: new RedisAttemptStore(redis, prefix, log),
    redis,
    close: async () => {
      await flood.close();
      await node.stop();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
