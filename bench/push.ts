/**
 * Web Push delivery latency: from a message's commit (the moment its `message.created`
 * event is published, after the transaction) to its push request arriving at a local
 * push service on 127.0.0.1 that checks the VAPID signature and decrypts the body
 * (src/server/testing/push-service.ts), one clock, this process. That span is the
 * fan-out (who, settings, the notification row and the queued job in one transaction),
 * the worker's claim, encryption and the HTTP request.
 *
 * Two shapes, `BENCH_PUSH_COUNT` (default 1,000) notifications each:
 * - **one at a time**: a DM, then wait for its push before the next;
 * - **burst**: the same number sent by 16 concurrent senders, each DM one push (as fast as
 *   this one process, which also runs the senders and the push service, can go);
 * - **steady**: the same number at 50 messages a second from the 16 senders in turn.
 * PGlite by default, PostgreSQL when BENCH_DATABASE_URL is set. Run: `npm run bench:push`.
 */
import { performance } from "node:perf_hooks";
import { randomBytes } from "node:crypto";
import { createGigaServer } from "../src/server/app-server";
import { AttemptLimiter } from "../src/server/auth/attempt-limits";
import { parseConfig } from "../src/server/config";
import { pushSubscriptions } from "../src/server/db/schema";
import { newId } from "../src/server/db/snowflake";
import { roomyRules } from "../src/server/limits";
import { PushServiceStandIn } from "../src/server/testing/push-service";
import { TestClient } from "../src/server/testing/harness";
import type { DmChannel, Message } from "../src/shared/api";
import type { PushPayload } from "../src/shared/api/notifications";
import { openBenchDatabase } from "./database";

const COUNT = Number(process.env.BENCH_PUSH_COUNT ?? 1000);
const SENDERS = 16;

const now = () => performance.timeOrigin + performance.now();

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { p50: at(0.5), p99: at(0.99), max: sorted.at(-1)! };
}

async function main() {
  const url = process.env.BENCH_DATABASE_URL;
  const database = await openBenchDatabase(url, "giga_bench_push");
  const config = parseConfig({ HOST: "127.0.0.1", PORT: "0", LOG_LEVEL: "silent", DATA_DIR: "/nonexistent", PUSH_ALLOW_HTTP: "true" });
  const server = await createGigaServer({
    config,
    database,
    authSecret: randomBytes(32).toString("hex"),
    authRateLimit: false,
    limits: roomyRules(),
    attemptLimiter: new AttemptLimiter(1_000_000, 1_000_000, 60_000),
  });
  const push = await new PushServiceStandIn().start();
  // When each message's event was published: the bus calls an idle subscriber at once.
  const committedAt = new Map<string, number>();
  const fannedOutAt = new Map<string, number>();
  server.services.events.subscribe({
    name: "bench",
    handle: (events) => {
      const at = now();
      for (const e of events) {
        if (e.type === "message.created") committedAt.set(e.message.id, at);
        if (e.type === "notification.created") fannedOutAt.set(e.notification.messageId, at);
      }
    },
  });
  const { port } = await server.listen(0, "127.0.0.1");
  const base = `http://127.0.0.1:${port}`;
  const client = () => new TestClient(base, { origin: config.BASE_URL });
  try {
    const ben = client();
    await ben.signUp("Ben");
    const sub = push.newSubscription();
    await server.services.db
      .insert(pushSubscriptions)
      .values({ id: newId(), userId: ben.user!.id, endpoint: sub.endpoint, p256dh: sub.keys.p256dh, auth: sub.keys.auth });
    const invite = async (owner: TestClient) => {
      const s = (await owner.post<{ id: string }>("/api/v1/servers", { name: "Bench" })).body;
      const code = (await owner.post<{ code: string }>(`/api/v1/servers/${s.id}/invites`, {})).body.code;
      await ben.post(`/api/v1/invites/${code}`);
    };
    const senders: Array<{ c: TestClient; dm: string }> = [];
    for (let i = 0; i < SENDERS; i++) {
      const c = client();
      await c.signUp(`Sender ${i}`);
      await invite(c);
      senders.push({ c, dm: (await c.post<DmChannel>("/api/v1/users/@me/channels", { recipientId: ben.user!.id })).body.id });
    }
    const latencies = () =>
      push.deliveries.flatMap((d) => {
        const p = d.payload as PushPayload;
        const at = p.type === "notification" ? committedAt.get(p.notification.messageId) : undefined;
        return at === undefined ? [] : [d.at - at];
      });
    const waitForDeliveries = async (n: number) => {
      const deadline = Date.now() + 120_000;
      while (push.deliveries.length < n) {
        if (Date.now() > deadline) throw new Error(`only ${push.deliveries.length} of ${n} pushes arrived`);
        await new Promise((r) => setTimeout(r, 2));
      }
    };

    const rows: [string, number[], number][] = [];
    for (let i = 0; i < COUNT; i++) {
      const { c, dm } = senders[0]!;
      await c.post<Message>(`/api/v1/channels/${dm}/messages`, { content: `one ${i}` });
      await waitForDeliveries(i + 1);
    }
    rows.push(["one at a time", latencies(), NaN]);

    push.deliveries.length = 0;
    committedAt.clear();
    fannedOutAt.clear();
    const started = performance.now();
    let next = 0;
    await Promise.all(
      senders.map(async ({ c, dm }) => {
        while (next < COUNT) {
          next++;
          await c.post<Message>(`/api/v1/channels/${dm}/messages`, { content: `burst ${next}` });
        }
      }),
    );
    await waitForDeliveries(COUNT);
    rows.push([`burst, ${SENDERS} senders`, latencies(), (COUNT / (performance.now() - started)) * 1000]);
    rows.push(["burst: commit -> fanned out", [...fannedOutAt].flatMap(([id, at]) => (committedAt.has(id) ? [at - committedAt.get(id)!] : [])), NaN]);

    // Steady: 50 notifying messages a second from the 16 senders in turn, not waiting on each other.
    push.deliveries.length = 0;
    committedAt.clear();
    fannedOutAt.clear();
    const RATE = 50;
    const sends: Promise<unknown>[] = [];
    const t0 = performance.now();
    for (let i = 0; i < COUNT; i++) {
      const wait = t0 + (i * 1000) / RATE - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const { c, dm } = senders[i % SENDERS]!;
      sends.push(c.post<Message>(`/api/v1/channels/${dm}/messages`, { content: `steady ${i}` }));
    }
    await Promise.all(sends);
    await waitForDeliveries(COUNT);
    rows.push([`steady, ${RATE} messages/s`, latencies(), NaN]);
    rows.push(["steady: commit -> fanned out", [...fannedOutAt].flatMap(([id, at]) => (committedAt.has(id) ? [at - committedAt.get(id)!] : [])), NaN]);

    console.log(`\nmessage commit -> push request at the push service (${COUNT} notifications each, ${database.kind})\n`);
    console.log("| shape | p50 ms | p99 ms | max ms | pushes/s |");
    console.log("|---|---:|---:|---:|---:|");
    for (const [name, samples, rate] of rows) {
      const s = stats(samples);
      console.log(`| ${name} | ${s.p50.toFixed(1)} | ${s.p99.toFixed(1)} | ${s.max.toFixed(1)} | ${Number.isNaN(rate) ? "" : rate.toFixed(0)} |`);
    }
    if (push.rejected.length) throw new Error(`the push service refused ${push.rejected.length} pushes`);
  } finally {
    await server.close();
    await push.close();
    await database.destroy();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
