/** The person-wide socket event count in Redis (TEST_REDIS_URL): two nodes count one person together. */
import pino from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { type TestRedis, connectTestRedis, testRedisUrl } from "../testing/redis";
import { MemoryFloodCounter, RedisFloodCounter } from "./flood-counter";

const t: TestRedis | null = testRedisUrl ? connectTestRedis(testRedisUrl) : null;
afterAll(() => t?.close());
const log = pino({ level: "silent" });

describe("MemoryFloodCounter", () => {
  it("leaves the limit to each socket's own window", () => {
    expect(new MemoryFloodCounter().count()).toBe(true);
  });
});

describe.runIf(testRedisUrl)("RedisFloodCounter", () => {
  it("adds up a person's events from two nodes, and cuts their sockets once over", async () => {
    const prefix = t!.prefix();
    const rule = { limit: 10, windowMs: 60_000 };
    const a = new RedisFloodCounter(t!.redis, prefix, rule, log);
    const b = new RedisFloodCounter(t!.redis, prefix, rule, log);
    const cut: string[] = [];
    // One callback per socket, as the guard gives.
    const [onA, onB, onV] = [() => cut.push("a"), () => cut.push("b"), () => cut.push("other person")];
    for (let i = 0; i < 6; i++) expect(a.count("u", onA)).toBe(true);
    await a.flush();
    expect(cut).toEqual([]);
    for (let i = 0; i < 5; i++) b.count("u", onB);
    b.count("v", onV);
    await b.flush(); // 11 for u: over
    expect(cut).toEqual(["b"]);
    expect(b.count("u", () => {})).toBe(false); // known over until the window ends, no round trip
    expect(b.count("v", () => {})).toBe(true);
    await Promise.all([a.close(), b.close()]);
  });

  it("flushes by itself within a quarter second", async () => {
    const c = new RedisFloodCounter(t!.redis, t!.prefix(), { limit: 1, windowMs: 60_000 }, log);
    let cut = false;
    c.count("u", () => (cut = true));
    c.count("u", () => (cut = true));
    await expect.poll(() => cut, { timeout: 2000 }).toBe(true);
    await c.close();
  });
});
