/**
 * The voice state store's rules, the same cases for memory and Redis (TEST_REDIS_URL),
 * then what only Redis has: a place seen from another node, and a dead node's places.
 */
import pino from "pino";
import { afterAll, describe, expect, it } from "vitest";
import type { VoiceState } from "@/shared/voice";
import { RedisNode } from "../cluster/node";
import { type TestRedis, connectTestRedis, testRedisUrl } from "../testing/redis";
import type { VoiceStateStore } from "./types";
import { MemoryVoiceStateStore } from "./voice-state";
import { RedisVoiceStateStore } from "./voice-state-redis";

const t: TestRedis | null = testRedisUrl ? connectTestRedis(testRedisUrl) : null;
afterAll(() => t?.close());

function place(userId: string, channelId: string, socketId = `sock-${userId}`, more: Partial<VoiceState> = {}) {
  return {
    userId,
    channelId,
    serverId: "9",
    selfMute: false,
    selfDeaf: false,
    serverMute: false,
    serverDeaf: false,
    camera: false,
    screen: false,
    joinedAt: "2026-01-01T00:00:00.000Z",
    socketId,
    ...more,
  };
}

const drivers: Array<[string, () => VoiceStateStore]> = [["memory", () => new MemoryVoiceStateStore()]];
if (t) drivers.push(["redis", () => new RedisVoiceStateStore(t.redis, t.prefix(), "node-a")]);

const byUser = (a: { userId: string }, b: { userId: string }) => a.userId.localeCompare(b.userId);

describe.each(drivers)("VoiceStateStore (%s)", (_, make) => {
  it("keeps one place per person, indexed by room", async () => {
    const v = make();
    await v.set(place("ann", "1"));
    await v.set(place("bob", "1"));
    await v.set(place("cat", "2"));
    expect(await v.get("ann")).toEqual(place("ann", "1"));
    expect((await v.inRoom("1")).sort(byUser).map((s) => s.userId)).toEqual(["ann", "bob"]);
    expect(await v.inRoom("1")).not.toContainEqual(expect.objectContaining({ socketId: expect.anything() }));
    await v.set(place("ann", "2", "sock-ann", { selfMute: true })); // moved
    expect((await v.inRoom("1")).map((s) => s.userId)).toEqual(["bob"]);
    expect((await v.inChannels(["1", "2", "3"])).sort(byUser).map((s) => [s.userId, s.channelId, s.selfMute])).toEqual([
      ["ann", "2", true],
      ["bob", "1", false],
      ["cat", "2", false],
    ]);
    expect((await v.all()).length).toBe(3);
    expect((await v.mine()).length).toBe(3);
    expect(await v.inChannels([])).toEqual([]);
  });

  it("removes a place, or only while a given socket still holds it", async () => {
    const v = make();
    await v.set(place("ann", "1", "first"));
    await v.remove("ann", "other");
    expect(await v.get("ann")).toMatchObject({ socketId: "first" });
    await v.remove("ann", "first");
    expect(await v.get("ann")).toBeNull();
    await v.set(place("bob", "1"));
    await v.remove("bob");
    await v.remove("bob");
    expect(await v.inRoom("1")).toEqual([]);
    expect(await v.all()).toEqual([]);
  });
});

describe.runIf(testRedisUrl)("VoiceStateStore in Redis across nodes", () => {
  const log = pino({ level: "silent" });

  it("a place set on one node is seen from another; a change there keeps the holder's node", async () => {
    const prefix = t!.prefix();
    const a = new RedisVoiceStateStore(t!.redis, prefix, "node-a");
    const b = new RedisVoiceStateStore(t!.redis, prefix, "node-b");
    await a.set(place("ann", "1"));
    expect(await b.get("ann")).toEqual(place("ann", "1"));
    await b.set(place("ann", "1", "sock-ann", { serverMute: true })); // a moderator on B
    expect(await a.get("ann")).toMatchObject({ serverMute: true });
    expect((await a.mine()).map((s) => s.userId)).toEqual(["ann"]);
    expect(await b.mine()).toEqual([]);
    expect((await b.ofNode("node-a")).map((s) => s.userId)).toEqual(["ann"]);
  });

  it("rooms leave out places of nodes whose heartbeat ran out", async () => {
    const prefix = t!.prefix();
    const alive = new RedisNode(t!.redis, prefix, log, { ttlMs: 60_000 });
    const dying = new RedisNode(t!.redis, prefix, log, { ttlMs: 300 });
    await alive.start();
    await dying.start();
    const onAlive = new RedisVoiceStateStore(t!.redis, prefix, alive.id);
    const onDying = new RedisVoiceStateStore(t!.redis, prefix, dying.id);
    await onAlive.set(place("ann", "1"));
    await onDying.set(place("bob", "1"));
    expect((await onAlive.inRoom("1")).length).toBe(2);
    dying.halt();
    await expect.poll(async () => (await onAlive.inRoom("1")).map((s) => s.userId), { timeout: 3000 }).toEqual(["ann"]);
    // Still held until the sweep ends it, as a disconnect would.
    expect((await onAlive.ofNode(dying.id)).map((s) => s.userId)).toEqual(["bob"]);
    await alive.stop();
  });
});
