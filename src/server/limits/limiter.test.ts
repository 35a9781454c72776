/**
 * The limiter on each store: memory always, Redis when TEST_REDIS_URL is set (CI sets
 * it). Parallel takes never exceed the limit, several slots are taken all or nothing,
 * a slot given back is free again, and two nodes on one Redis count together.
 */
import { randomBytes } from "node:crypto";
import pino from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { type Granted, Limiter, type LimitRules, type LimitStore, MemoryLimitStore, type Refused, roomyRules } from ".";
import { RedisLimitStore } from "./redis";

const redisUrl = process.env.TEST_REDIS_URL;
const log = pino({ level: "silent" });
const rules = (): LimitRules => ({ ...roomyRules(), "message.edit": { limit: 5, windowMs: 60_000 }, reaction: { limit: 3, windowMs: 1000 } });

const stores: LimitStore[] = [];
async function redisStore(prefix: string) {
  const store = new RedisLimitStore(redisUrl!, prefix, log);
  await store.connect();
  stores.push(store);
  return store;
}
afterAll(async () => {
  await Promise.all(stores.map((s) => s.close()));
});

const kinds: [string, () => Promise<LimitStore>][] = [["memory", async () => new MemoryLimitStore()]];
if (redisUrl) kinds.push(["redis", () => redisStore(`giga-test-${randomBytes(6).toString("hex")}`)]);

describe.each(kinds)("the limiter on %s", (_, makeStore) => {
  it("lets exactly the limit through 200 parallel takes, and says when to come back", async () => {
    const limiter = new Limiter(rules(), await makeStore());
    const results = await Promise.all(Array.from({ length: 200 }, () => limiter.take("message.edit", "u1")));
    const granted = results.filter((r): r is Granted => r.allowed);
    const refused = results.filter((r): r is Refused => !r.allowed);
    expect(granted).toHaveLength(5);
    expect(granted.map((g) => g.remaining).sort()).toEqual([0, 1, 2, 3, 4]);
    expect(refused).toHaveLength(195);
    for (const r of refused) {
      expect(r).toMatchObject({ bucket: "message.edit", limit: 5, remaining: 0 });
      expect(r.retryAfterMs).toBeGreaterThan(0);
      expect(r.retryAfterMs).toBeLessThanOrEqual(60_000);
      expect(r.resetAfterMs).toBeGreaterThanOrEqual(r.retryAfterMs);
    }
    expect((await limiter.take("message.edit", "u2")).allowed).toBe(true); // another person
  });

  it("slides: an entry leaves the window exactly one window after it was taken", async () => {
    const limiter = new Limiter(rules(), await makeStore());
    const t0 = 1_000_000;
    for (let i = 0; i < 3; i++) expect((await limiter.take("reaction", "u", 1, { now: t0 + i * 100 })).allowed).toBe(true);
    const refused = (await limiter.take("reaction", "u", 1, { now: t0 + 500 })) as Refused;
    expect([refused.allowed, refused.retryAfterMs, refused.resetAfterMs]).toEqual([false, 500, 700]);
    expect((await limiter.take("reaction", "u", 1, { now: t0 + 999 })).allowed).toBe(false);
    expect((await limiter.take("reaction", "u", 1, { now: t0 + 1000 })).allowed).toBe(true);
    expect((await limiter.take("reaction", "u", 1, { now: t0 + 1050 })).allowed).toBe(false);
    expect((await limiter.take("reaction", "u", 2, { now: t0 + 1200 })).allowed).toBe(true);
  });

  it("takes several slots all or nothing, and reports the slowmode refusal first", async () => {
    const limiter = new Limiter(rules(), await makeStore());
    const slowmode = { bucket: "message.slowmode", key: "u:1", limit: 1, windowMs: 10_000 };
    const t0 = 5_000_000;
    expect((await limiter.take("message.edit", "u:1", 1, { also: [slowmode], now: t0 })).allowed).toBe(true);
    for (let i = 1; i <= 10; i++) {
      const r = (await limiter.take("message.edit", "u:1", 1, { also: [slowmode], now: t0 + i })) as Refused;
      expect([r.allowed, r.bucket, r.retryAfterMs]).toEqual([false, "message.slowmode", 10_000 - i]);
    }
    // The refused takes recorded nothing in the edit log: 4 more fit without the slowmode.
    for (let i = 0; i < 4; i++) expect((await limiter.take("message.edit", "u:1", 1, { now: t0 + 20 })).allowed).toBe(true);
    expect((await limiter.take("message.edit", "u:1", 1, { now: t0 + 20 })).allowed).toBe(false);
  });

  it("frees a slot given back, and only that take's", async () => {
    const limiter = new Limiter(rules(), await makeStore());
    const taken = await Promise.all(Array.from({ length: 5 }, () => limiter.take("message.edit", "g")));
    expect((await limiter.take("message.edit", "g")).allowed).toBe(false);
    await (taken[1] as Granted).giveBack();
    const again = await Promise.all(Array.from({ length: 10 }, () => limiter.take("message.edit", "g")));
    expect(again.filter((r) => r.allowed)).toHaveLength(1);
  });
});

describe("the memory store", () => {
  it("forgets logs whose entries have all left their window", async () => {
    const store = new MemoryLimitStore();
    const limiter = new Limiter(rules(), store);
    for (let i = 0; i < 100; i++) await limiter.take("reaction", `person-${i}`, 1, { now: 0 });
    expect(store.size).toBe(100);
    await limiter.take("reaction", "late", 1, { now: 999 });
    store.sweep(1000);
    expect(store.size).toBe(1);
  });
});

describe.runIf(redisUrl)("the Redis store", () => {
  it("counts for two nodes together", async () => {
    const prefix = `giga-test-${randomBytes(6).toString("hex")}`;
    const [a, b] = [new Limiter(rules(), await redisStore(prefix)), new Limiter(rules(), await redisStore(prefix))];
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).take("message.edit", "shared")));
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
  });

  it("keeps limiting in this process's memory while Redis cannot be reached", async () => {
    const store = new RedisLimitStore("redis://127.0.0.1:1", "giga-test-unreachable", log);
    await store.connect();
    stores.push(store);
    const limiter = new Limiter(rules(), store);
    const results = await Promise.all(Array.from({ length: 20 }, () => limiter.take("message.edit", "offline")));
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
  });
});
