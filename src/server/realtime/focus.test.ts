/**
 * The focus store, the same cases for memory and Redis (TEST_REDIS_URL); with Redis a tab
 * focused on one process counts on every other, until its process dies.
 */
import { afterAll, describe, expect, it } from "vitest";
import { heartbeatKey } from "../cluster/node";
import { type TestRedis, connectTestRedis, testRedisUrl } from "../testing/redis";
import { type FocusStore, MemoryFocusStore, RedisFocusStore } from "./focus";

const t: TestRedis | null = testRedisUrl ? connectTestRedis(testRedisUrl) : null;
afterAll(() => t?.close());

/** A live node: its heartbeat key is there (cluster/node.ts writes it). */
async function liveNode(prefix: string, nodeId: string) {
  await t!.redis.set(heartbeatKey(prefix, nodeId), "1", "PX", 60_000);
}

const drivers: Array<[string, () => Promise<FocusStore>]> = [["memory", async () => new MemoryFocusStore()]];
if (t) {
  drivers.push([
    "redis",
    async () => {
      const prefix = t.prefix();
      await liveNode(prefix, "n1");
      return new RedisFocusStore(t.redis, prefix, "n1");
    },
  ]);
}

describe.each(drivers)("FocusStore (%s)", (_, make) => {
  it("a person is focused while any of their tabs is", async () => {
    const focus = await make();
    expect(await focus.focusedAmong([])).toEqual(new Set());
    await focus.set("ann", "s1", true);
    await focus.set("ann", "s2", true);
    expect(await focus.focusedAmong(["ann", "ben"])).toEqual(new Set(["ann"]));
    await focus.set("ann", "s1", false);
    expect(await focus.focusedAmong(["ann"])).toEqual(new Set(["ann"]));
    await focus.drop("ann", "s2");
    expect(await focus.focusedAmong(["ann"])).toEqual(new Set());
  });
});

describe.runIf(testRedisUrl)("FocusStore in Redis", () => {
  it("a tab focused on one process holds back pushes decided on another, until its process dies", async () => {
    const prefix = t!.prefix();
    await liveNode(prefix, "a");
    await liveNode(prefix, "b");
    const onA = new RedisFocusStore(t!.redis, prefix, "a");
    const onB = new RedisFocusStore(t!.redis, prefix, "b");
    await onB.set("ann", "sb", true);
    expect(await onA.focusedAmong(["ann"])).toEqual(new Set(["ann"]));
    // Process B's heartbeat runs out: its tab counts no more (and is cleaned away).
    await t!.redis.del(heartbeatKey(prefix, "b"));
    expect(await onA.focusedAmong(["ann"])).toEqual(new Set());
    expect(await t!.redis.hlen(`${prefix}:focus:ann`)).toBe(0);
  });
});
