/**
 * Redis for tests that need it (TEST_REDIS_URL): one connection per file and a key
 * prefix per test, with every key under it removed at the end.
 */
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";

export const testRedisUrl = process.env.TEST_REDIS_URL;

export interface TestRedis {
  redis: Redis;
  /** A fresh key prefix (a deployment of its own). */
  prefix(): string;
  close(): Promise<void>;
}

export function connectTestRedis(url: string): TestRedis {
  const redis = new Redis(url);
  const root = `giga-test-${randomBytes(6).toString("hex")}`;
  return {
    redis,
    prefix: () => `${root}:${randomBytes(3).toString("hex")}`,
    close: async () => {
      const keys = await redis.keys(`${root}:*`);
      if (keys.length) await redis.del(...keys);
      await redis.quit();
    },
  };
}
