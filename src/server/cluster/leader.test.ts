/**
 * The background-work lead: alone a process always leads; with Redis exactly one of
 * several leads, another takes over when it stops or dies, a leader cut off from Redis
 * steps down, and jobs run only on the leader, never overlapping. The Redis cases run
 * when TEST_REDIS_URL is set (CI sets it).
 */
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import pino from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import webPush from "web-push";
import type { DmChannel } from "@/shared/api";
import { pushSubscriptions } from "../db/schema";
import { newId } from "../db/snowflake";
import { pendingPushes } from "../notify";
import { type TestClient, type TestServer, serverWithPeople, startTestServer, waitFor } from "../testing/harness";
import { PushServiceStandIn } from "../testing/push-service";
import { until } from "../testing/until";
import { type Leadership, RedisLeadership, SoleLeadership, runWhileLeading } from "./leader";

const redisUrl = process.env.TEST_REDIS_URL;
const log = pino({ level: "silent" });

describe("the lead without Redis", () => {
  it("a lone process leads from start to stop and runs its jobs", async () => {
    const lead = new SoleLeadership();
    const seen: boolean[] = [];
    lead.onChange((l) => seen.push(l));
    let runs = 0;
    const stopJobs = runWhileLeading(lead, [{ name: "count", everyMs: 10, firstAfterMs: 0, run: async () => void runs++ }], log);
    expect(runs).toBe(0);
    await lead.start();
    expect(lead.leading).toBe(true);
    await waitFor(() => runs >= 3);
    await lead.stop();
    await stopJobs();
    const after = runs;
    await new Promise((r) => setTimeout(r, 50));
    expect(runs).toBe(after);
    expect(seen).toEqual([true, false]);
  });
});

describe.runIf(redisUrl)("the lead with Redis", () => {
  const clients: Redis[] = [];
  const leads: Leadership[] = [];
  let keyPrefix = "";

  function node(name: string, opts: { ttlMs?: number; tickMs?: number } = {}) {
    const redis = new Redis(redisUrl!, { maxRetriesPerRequest: 1, retryStrategy: () => 50 });
    redis.on("error", () => undefined);
    clients.push(redis);
    const lead = new RedisLeadership({ redis, keyPrefix, nodeId: name, log, ttlMs: opts.ttlMs ?? 600, tickMs: opts.tickMs ?? 100 });
    leads.push(lead);
    return { redis, lead };
  }

  beforeAll(() => {
    keyPrefix = `giga-test-${randomBytes(6).toString("hex")}`;
  });
  afterEach(async () => {
    await Promise.allSettled(leads.splice(0).map((l) => l.stop()));
    for (const c of clients.splice(0)) c.disconnect();
    keyPrefix = `giga-test-${randomBytes(6).toString("hex")}`;
  });

  it("exactly one of three leads; when it stops another takes over at its next tick", async () => {
    const nodes = [node("a"), node("b"), node("c")];
    await Promise.all(nodes.map((n) => n.lead.start()));
    await waitFor(() => nodes.filter((n) => n.lead.leading).length === 1);
    const first = nodes.find((n) => n.lead.leading)!;
    await first.lead.stop();
    await waitFor(() => nodes.filter((n) => n.lead.leading).length === 1);
    expect(first.lead.leading).toBe(false);
  });

  it("a leader that dies without a word is replaced once its lease runs out", async () => {
    const a = node("a");
    const b = node("b");
    await a.lead.start();
    await b.lead.start();
    expect(a.lead.leading).toBe(true);
    expect(b.lead.leading).toBe(false);
    // Dead: its connection gone and its timer never heard from again.
    a.redis.disconnect();
    const died = Date.now();
    await waitFor(() => b.lead.leading, 3000);
    // Not before the lease had run out (600 ms), within a tick after.
    expect(Date.now() - died).toBeGreaterThanOrEqual(400);
  });

  it("a leader cut off from Redis steps down before its lease could run out", async () => {
    const a = node("a");
    await a.lead.start();
    expect(a.lead.leading).toBe(true);
    a.redis.disconnect();
    const cut = Date.now();
    await waitFor(() => !a.lead.leading, 3000);
    expect(Date.now() - cut).toBeLessThan(600);
  });

  it("jobs run only on the leader and never on two processes at once", async () => {
    const nodes = [node("a"), node("b")];
    let running = 0;
    let overlap = 0;
    const ran = new Map<string, number>();
    const stops = nodes.map((n, i) =>
      runWhileLeading(
        n.lead,
        [
          {
            name: "work",
            everyMs: 20,
            firstAfterMs: 0,
            run: async () => {
              if (++running > 1) overlap++;
              ran.set(String(i), (ran.get(String(i)) ?? 0) + 1);
              await new Promise((r) => setTimeout(r, 10));
              running--;
            },
          },
        ],
        log,
      ),
    );
    await Promise.all(nodes.map((n) => n.lead.start()));
    const leader = nodes.findIndex((n) => n.lead.leading);
    await waitFor(() => (ran.get(String(leader)) ?? 0) >= 3);
    expect(ran.get(String(1 - leader)) ?? 0).toBe(0);
    // The leader goes: the other takes the work up.
    await nodes[leader]!.lead.stop();
    await stops[leader]!();
    await waitFor(() => (ran.get(String(1 - leader)) ?? 0) >= 3, 3000);
    await stops[1 - leader]!();
    expect(overlap).toBe(0);
  });
});

describe.runIf(redisUrl)("background work across two app processes", () => {
  let a: TestServer;
  let b: TestServer;
  let aClosed = false;
  let push: PushServiceStandIn;
  beforeAll(async () => {
    push = await new PushServiceStandIn().start();
    const keys = webPush.generateVAPIDKeys();
    const env = {
      REDIS_URL: redisUrl!,
      REDIS_KEY_PREFIX: `giga-test-${randomBytes(6).toString("hex")}`,
      PUSH_ALLOW_HTTP: "true",
      VAPID_PUBLIC_KEY: keys.publicKey,
      VAPID_PRIVATE_KEY: keys.privateKey,
    };
    a = await startTestServer("pglite", { env });
    b = await startTestServer("pglite", { env, database: a.database });
  });
  afterAll(async () => {
    await b?.close();
    if (!aClosed) await a?.close();
    await push?.close();
  });

  it("a push queued on the process that does not lead is sent by the one that does", async () => {
    expect(a.server.services.leadership.leading).toBe(true); // the first to start
    expect(b.server.services.leadership.leading).toBe(false);
    const { people } = await serverWithPeople(b, ["Ann", "Ben"]);
    const [ann, ben] = people as [TestClient, TestClient];
    const phone = push.newSubscription();
    await b.server.services.db
      .insert(pushSubscriptions)
      .values({ id: newId(), userId: ben.user!.id, endpoint: phone.endpoint, p256dh: phone.keys.p256dh, auth: phone.keys.auth });
    const dm = (await ann.post<DmChannel>("/api/v1/users/@me/channels", { recipientId: ben.user!.id })).body.id;
    expect((await ann.post(`/api/v1/channels/${dm}/messages`, { content: "lunch?" })).status).toBe(201);
    await waitFor(() => push.deliveriesTo(phone.endpoint).length === 1, 10_000);
    await until(async () => (await pendingPushes(b.server.services)) === 0);
    expect(push.deliveriesTo(phone.endpoint)).toHaveLength(1);
  });

  it("one of the two leads; when it shuts down the other takes the lead", async () => {
    const leading = () => [a, b].filter((t) => t.server.services.leadership.leading);
    expect(leading()).toHaveLength(1);
    expect(a.server.services.node.id).not.toBe(b.server.services.node.id);
    await a.close();
    aClosed = true;
    // Given up at shutdown: taken at the other's next tick (5 s).
    await waitFor(() => b.server.services.leadership.leading, 8000);
  });
});
