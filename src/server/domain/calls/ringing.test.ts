/**
 * The ringing store's two drivers answer alike: this process's memory, and Redis (when
 * TEST_REDIS_URL is set), where two processes also share the rings and each ring's end
 * is told by exactly one of them. Short rings (400 ms) and waits on conditions.
 */
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { waitFor } from "../../testing/harness";
import { MemoryRingingStore, type RingExpiry, type RingingStore } from "./ringing";
import { RedisRingingStore } from "./ringing-redis";

const RING_MS = 400;
const redisUrl = process.env.TEST_REDIS_URL;
const log = pino({ level: "silent" });

const redisClients: Redis[] = [];
const stores: RingingStore[] = [];

afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  for (const c of redisClients.splice(0)) c.disconnect();
});

function memoryStores(): () => RingingStore {
  return () => {
    const store = new MemoryRingingStore(RING_MS);
    stores.push(store);
    return store;
  };
}

/** Stores on one Redis key prefix: separate processes of one deployment. */
function redisStores(): () => RingingStore {
  const keyPrefix = `giga-test-${randomBytes(6).toString("hex")}`;
  return () => {
    const redis = new Redis(redisUrl!);
    redisClients.push(redis);
    const store = new RedisRingingStore({ redis, keyPrefix, ringMs: RING_MS, log, pollMs: 50 });
    stores.push(store);
    return store;
  };
}

const drivers: Array<[string, () => () => RingingStore]> = [["memory", memoryStores]];
if (redisUrl) drivers.push(["redis", redisStores]);

describe.each(drivers)("the ringing store (%s)", (_name, make) => {
  function open() {
    const store = make()();
    const expired: RingExpiry[] = [];
    store.onExpire((e) => expired.push(e));
    return { store, expired };
  }

  it("rings each person until their timer runs out, then tells it once", async () => {
    const { store, expired } = open();
    await store.ring("c1", "ch", ["ben", "cy"]);
    expect(await store.ringing("ch", "c1")).toEqual(["ben", "cy"]);
    await waitFor(() => expired.length === 2);
    expect(expired.sort((a, b) => a.userId.localeCompare(b.userId))).toEqual([
      { callId: "c1", channelId: "ch", userId: "ben" },
      { callId: "c1", channelId: "ch", userId: "cy" },
    ]);
    expect(await store.ringing("ch", "c1")).toEqual([]);
    // Told once: a later ring's end arrives alone.
    await store.ring("c9", "other", ["zed"]);
    await waitFor(() => expired.length === 3);
    expect(expired[2]!.userId).toBe("zed");
  });

  it("a stop (join or decline) ends one ring silently; rung again, a person goes to the end of the list", async () => {
    const { store, expired } = open();
    await store.ring("c1", "ch", ["ben", "cy", "dee"]);
    expect(await store.stop("ch", "ben")).toBe(true);
    expect(await store.stop("ch", "ben")).toBe(false);
    await store.ring("c1", "ch", ["cy"]);
    expect(await store.ringing("ch", "c1")).toEqual(["dee", "cy"]);
    await waitFor(() => expired.length === 2);
    expect(expired.map((e) => e.userId).sort()).toEqual(["cy", "dee"]);
  });

  it("answers only for the call it was asked about; a new call replaces the old one's rings; an ended call rings nobody", async () => {
    const { store, expired } = open();
    await store.ring("c1", "ch", ["ben"]);
    expect(await store.ringing("ch", "c0")).toEqual([]);
    expect(await store.stop("ch", "ben", "c0")).toBe(false);
    await store.ring("c2", "ch", ["cy"]);
    expect(await store.ringing("ch", "c1")).toEqual([]);
    expect(await store.ringing("ch", "c2")).toEqual(["cy"]);
    await store.end("ch");
    expect(await store.ringing("ch", "c2")).toEqual([]);
    await store.ring("c3", "other", ["zed"]);
    await waitFor(() => expired.length >= 1);
    expect(expired).toEqual([{ callId: "c3", channelId: "other", userId: "zed" }]);
  });

  it("a hold keeps a call waiting for its starter until released or run out (told with no person)", async () => {
    const { store, expired } = open();
    await store.hold("c1", "ch");
    expect(await store.held("ch", "c1")).toBe(true);
    expect(await store.held("ch", "c2")).toBe(false);
    await store.release("ch", "c2");
    expect(await store.held("ch", "c1")).toBe(true);
    await store.release("ch", "c1");
    expect(await store.held("ch", "c1")).toBe(false);
    await store.hold("c1", "ch");
    await waitFor(() => expired.length === 1);
    expect(expired).toEqual([{ callId: "c1", channelId: "ch", userId: "" }]);
    expect(await store.held("ch", "c1")).toBe(false);
  });
});

describe.runIf(redisUrl)("rings shared by two processes", () => {
  it("a ring made on one is seen and stopped on the other, and each end is told by exactly one", async () => {
    const make = redisStores();
    const a = make();
    const b = make();
    const expired: RingExpiry[] = [];
    a.onExpire((e) => expired.push(e));
    b.onExpire((e) => expired.push(e));
    await a.ring("c1", "ch", ["ben", "cy", "dee"]);
    expect(await b.ringing("ch", "c1")).toEqual(["ben", "cy", "dee"]);
    expect(await b.stop("ch", "ben", "c1")).toBe(true);
    expect(await a.ringing("ch", "c1")).toEqual(["cy", "dee"]);
    await waitFor(() => expired.length === 2);
    await a.ring("c9", "other", ["zed"]);
    await waitFor(() => expired.length === 3);
    expect(expired.map((e) => e.userId).sort()).toEqual(["cy", "dee", "zed"]);
  });
});
