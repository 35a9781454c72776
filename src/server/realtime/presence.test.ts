/**
 * The presence store's rules, the same cases for both drivers: memory, and Redis (when
 * TEST_REDIS_URL is set, each run under its own key prefix). Then what only Redis has:
 * two nodes on one person, and a dead node's sockets.
 */
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RedisNode, heartbeatKey } from "../cluster/node";
import { MemoryPresenceStore, type PresenceStore } from "./presence";
import { RedisPresenceStore } from "./presence-redis";

const redisUrl = process.env.TEST_REDIS_URL;
const log = pino({ level: "silent" });

let redis: Redis | null = null;
const prefix = `giga-test-${randomBytes(6).toString("hex")}`;
beforeAll(async () => {
  if (redisUrl) redis = new Redis(redisUrl);
});
afterAll(async () => {
  if (!redis) return;
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
});

const drivers: Array<[string, () => PresenceStore]> = [["memory", () => new MemoryPresenceStore()]];
if (redisUrl) drivers.push(["redis", () => new RedisPresenceStore(redis!, `${prefix}:${randomBytes(3).toString("hex")}`, "node-a")]);

describe.each(drivers)("PresenceStore (%s)", (_, make) => {
  it("is online while any device is active, idle when all are, offline when none", async () => {
    const p = make();
    expect(await p.connect("u", "a")).toBe("online");
    expect(await p.connect("u", "b")).toBeNull();
    expect(await p.setIdle("u", "a", true)).toBeNull(); // b still active
    expect(await p.setIdle("u", "b", true)).toBe("idle");
    expect(await p.setIdle("u", "a", false)).toBe("online");
    expect(await p.disconnect("u", "a")).toBe("idle"); // only the idle device is left
    expect(await p.disconnect("u", "b")).toBe("offline");
    expect(await p.disconnect("u", "b")).toBeNull();
  });

  it("shows the chosen status on every device; invisible looks offline", async () => {
    const p = make();
    await p.connect("u", "a");
    expect(await p.choose("u", "dnd")).toBe("dnd");
    expect(await p.connect("u", "b")).toBeNull();
    expect(await p.choose("u", "invisible")).toBe("offline");
    expect(await p.statusOf("u")).toBe("offline");
    expect(await p.choose("u", "online")).toBe("online");
    expect(await p.statusOf("nobody")).toBe("offline");
  });

  it("keeps a choice made with no device for the next connect", async () => {
    const p = make();
    expect(await p.choose("v", "dnd")).toBeNull(); // offline either way
    expect(await p.connect("v", "a")).toBe("dnd");
  });

  it("reads many people at once", async () => {
    const p = make();
    await p.connect("x", "a");
    await p.connect("y", "b");
    await p.choose("y", "dnd");
    const many = await p.statusOfMany(["x", "y", "z", "x"]);
    expect(Object.fromEntries(many)).toEqual({ x: "online", y: "dnd", z: "offline" });
    expect((await p.statusOfMany([])).size).toBe(0);
  });
});

describe.runIf(redisUrl)("PresenceStore in Redis across nodes", () => {
  const nodes: RedisNode[] = [];
  afterAll(async () => {
    for (const n of nodes) await n.stop();
  });
  const node = async (ns: string, ttlMs = 600) => {
    const n = new RedisNode(redis!, ns, log, { ttlMs, everyMs: 100_000 });
    await n.start();
    nodes.push(n);
    return n;
  };

  it("two nodes on one person agree on who announces", async () => {
    const ns = `${prefix}:${randomBytes(3).toString("hex")}`;
    const [na, nb] = [await node(ns), await node(ns)];
    const a = new RedisPresenceStore(redis!, ns, na.id);
    const b = new RedisPresenceStore(redis!, ns, nb.id);
    const first = await Promise.all([a.connect("u", "s1"), b.connect("u", "s2")]);
    expect(first.filter((s) => s === "online")).toHaveLength(1); // one of them says it
    expect(await b.statusOf("u")).toBe("online");
    expect(await a.disconnect("u", "s1")).toBeNull();
    expect(await b.disconnect("u", "s2")).toBe("offline");
  });

  it("a dead node's sockets stop counting when its heartbeat runs out, and its sweep says who went offline", async () => {
    const ns = `${prefix}:${randomBytes(3).toString("hex")}`;
    const dying = await node(ns, 300);
    const living = await node(ns, 60_000);
    const onDying = new RedisPresenceStore(redis!, ns, dying.id);
    const onLiving = new RedisPresenceStore(redis!, ns, living.id);
    await onDying.connect("gone", "s1");
    await onDying.connect("both", "s2");
    await onLiving.connect("both", "s3");
    await onLiving.setIdle("both", "s3", true);
    expect(await onLiving.statusOf("gone")).toBe("online");
    expect(await onLiving.statusOf("both")).toBe("online");

    const swept: string[] = [];
    living.onDead(async (id) => void swept.push(id));
    dying.halt(); // as if killed: no clean-up, the heartbeat just stops
    await expect.poll(() => redis!.exists(heartbeatKey(ns, dying.id)), { timeout: 3000 }).toBe(0);
    expect(await onLiving.statusOf("gone")).toBe("offline");
    expect(await onLiving.statusOf("both")).toBe("idle");

    expect(await living.sweep()).toEqual([dying.id]);
    expect(await living.sweep()).toEqual([]); // claimed once
    expect(swept).toEqual([dying.id]);
    const changes = await onLiving.dropNode(dying.id);
    expect(changes.sort((x, y) => x.userId.localeCompare(y.userId))).toEqual([
      { userId: "both", status: "idle" },
      { userId: "gone", status: "offline" },
    ]);
    expect(await redis!.exists(`${ns}:presence:gone`)).toBe(0); // nothing left behind
    expect(await redis!.hkeys(`${ns}:presence:both`)).toEqual(["s:s3"]);
  });

  it("a node swept while alive (stalled) finds out at its next beat", async () => {
    const ns = `${prefix}:${randomBytes(3).toString("hex")}`;
    const stalled = await node(ns, 300);
    const other = await node(ns, 60_000);
    let swept = 0;
    stalled.onSwept(() => swept++);
    stalled.halt();
    await expect.poll(() => redis!.exists(heartbeatKey(ns, stalled.id)), { timeout: 3000 }).toBe(0);
    expect(await other.sweep()).toEqual([stalled.id]);
    await stalled.start(); // beating again
    expect(swept).toBe(1);
  });

  it("a live node is never claimed", async () => {
    const ns = `${prefix}:${randomBytes(3).toString("hex")}`;
    await node(ns, 60_000);
    const other = await node(ns, 60_000);
    expect(await other.sweep()).toEqual([]);
  });
});
