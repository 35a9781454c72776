/** The typing gate, the same cases for memory and Redis (TEST_REDIS_URL). */
import { afterAll, describe, expect, it } from "vitest";
import { type TestRedis, connectTestRedis, testRedisUrl } from "../testing/redis";
import { MemoryTypingGate, RedisTypingGate, type TypingGate } from "./typing-gate";

const t: TestRedis | null = testRedisUrl ? connectTestRedis(testRedisUrl) : null;
afterAll(() => t?.close());

const drivers: Array<[string, () => TypingGate]> = [["memory", () => new MemoryTypingGate(300)]];
if (t) drivers.push(["redis", () => new RedisTypingGate(t.redis, t.prefix(), 300)]);

describe.each(drivers)("TypingGate (%s)", (_, make) => {
  it("lets a person announce once per gap per channel", async () => {
    const gate = make();
    expect(await gate.mayAnnounce("u", "1")).toBe(true);
    expect(await gate.mayAnnounce("u", "1")).toBe(false); // another device, same gap
    expect(await gate.mayAnnounce("u", "2")).toBe(true);
    expect(await gate.mayAnnounce("v", "1")).toBe(true);
    await new Promise((r) => setTimeout(r, 350));
    expect(await gate.mayAnnounce("u", "1")).toBe(true);
  });
});

describe.runIf(testRedisUrl)("TypingGate in Redis", () => {
  it("two nodes share the gap", async () => {
    const prefix = t!.prefix();
    const a = new RedisTypingGate(t!.redis, prefix, 2000);
    const b = new RedisTypingGate(t!.redis, prefix, 2000);
    expect(await Promise.all([a.mayAnnounce("u", "1"), b.mayAnnounce("u", "1")])).toEqual(expect.arrayContaining([true, false]));
  });
});
