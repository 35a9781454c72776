/** Fixed-window attempt counts, the same cases for memory and Redis (TEST_REDIS_URL). */
import pino from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { type TestRedis, connectTestRedis, testRedisUrl } from "../testing/redis";
import { AttemptLimiter } from "./attempt-limits";
import { type AttemptStore, MemoryAttemptStore, RedisAttemptStore } from "./attempt-store";

const t: TestRedis | null = testRedisUrl ? connectTestRedis(testRedisUrl) : null;
afterAll(() => t?.close());

const drivers: Array<[string, () => AttemptStore]> = [["memory", () => new MemoryAttemptStore()]];
if (t) drivers.push(["redis", () => new RedisAttemptStore(t.redis, t.prefix(), pino({ level: "silent" }))]);

describe.each(drivers)("AttemptStore (%s)", (_, make) => {
  it("counts per key in a window that starts with the first attempt, and starts over after it", async () => {
    const store = make();
    const first = await store.hit("ip:a", 400);
    expect(first.count).toBe(1);
    expect(first.resetAfterMs).toBeGreaterThan(0);
    expect(first.resetAfterMs).toBeLessThanOrEqual(400);
    expect((await store.hit("ip:a", 400)).count).toBe(2);
    expect((await store.hit("ip:b", 400)).count).toBe(1);
    await new Promise((r) => setTimeout(r, 450));
    expect((await store.hit("ip:a", 400)).count).toBe(1);
  });

  it("the limiter answers the wait once over the limit", async () => {
    const limiter = new AttemptLimiter(2, 1, 60_000, make());
    expect(await limiter.hit("ip:x", 2)).toBe(0);
    expect(await limiter.hit("ip:x", 2)).toBe(0);
    const wait = await limiter.hit("ip:x", 2);
    expect(wait).toBeGreaterThan(59_000);
    expect(wait).toBeLessThanOrEqual(60_000);
  });
});
