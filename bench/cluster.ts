/**
 * Cross-process fan-out: two app processes from the production build (`npm run build`)
 * on one fresh PostgreSQL database and one Redis (the Socket.IO Redis adapter), as in
 * compose.yaml. One person sends `BENCH_CLUSTER_SENDS` messages (default 1,000) one at a
 * time through process 1's API; another person has a socket on process 1 and one on
 * process 2. Each send is timed from the request leaving this process to the
 * `message.created` event arriving on each socket (one clock, this process), so the
 * table shows what the trip through Redis to the other process adds. Prints a table;
 * asserts nothing.
 *
 *   npm run bench:cluster
 *   BENCH_DATABASE_URL=postgres://... BENCH_REDIS_URL=redis://... BENCH_CLUSTER_SENDS=5000 npm run bench:cluster
 */
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { type ClientSocket, TestClient } from "../src/server/testing/harness";
import type { Channel, Invite, Message, Server } from "../src/shared/api";
import { type OwnServer, freePort, startServer } from "../e2e/server";
import webPush from "web-push";

const SENDS = Number(process.env.BENCH_CLUSTER_SENDS ?? 1000);
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const REDIS_URL = process.env.BENCH_REDIS_URL ?? process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
/** How long one send waits for both sockets before it counts as not delivered there. */
const WAIT_MS = 5_000;

const now = () => performance.timeOrigin + performance.now();

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  const mean = sorted.reduce((s, v) => s + v, 0) / (sorted.length || 1);
  return { p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? NaN, mean };
}

async function main() {
  const admin = new pg.Client({ connectionString: DATABASE_URL });
  await admin.connect();
  const name = `giga_bench_cluster_${randomBytes(6).toString("hex")}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(DATABASE_URL);
  url.pathname = `/${name}`;
  const servers: OwnServer[] = [];
  const sockets: ClientSocket[] = [];
  try {
    const port1 = await freePort();
    // Every process of a cluster shares its keys (a process refuses generated ones with REDIS_URL).
    const vapid = webPush.generateVAPIDKeys();
    const env = {
      VAPID_PUBLIC_KEY: vapid.publicKey,
      VAPID_PRIVATE_KEY: vapid.privateKey,
      DATABASE_URL: url.toString(),
      REDIS_URL,
      REDIS_KEY_PREFIX: `giga-bench-${randomBytes(6).toString("hex")}`,
      BETTER_AUTH_SECRET: randomBytes(32).toString("hex"),
      BASE_URL: `http://127.0.0.1:${port1}`,
      SEND_BURST: "1000000",
      AUTH_IP_LIMIT: "100000",
      LIMIT_SOCKET_EVENTS: "1000000/1",
      LOG_LEVEL: "warn",
    };
    const app1 = await startServer({ port: port1, env: { ...env, WORKER_ID: "1" } });
    servers.push(app1);
    const app2 = await startServer({ env: { ...env, WORKER_ID: "2" } });
    servers.push(app2);

    // The origin a browser on the site sends (both processes' BASE_URL).
    const origin = { origin: env.BASE_URL };
    const sender = new TestClient(app1.baseUrl, origin);
    await sender.signUp("Sender");
    const server = (await sender.post<Server>("/api/v1/servers", { name: "Bench" })).body;
    const channel = (await sender.get<Channel[]>(`/api/v1/servers/${server.id}/channels`)).body[0]!;
    await sender.request("PATCH", `/api/v1/servers/${server.id}`, { systemChannelId: null });
    const invite = (await sender.post<Invite>(`/api/v1/servers/${server.id}/invites`, {})).body;
    const receiver = new TestClient(app1.baseUrl, origin);
    await receiver.signUp("Receiver");
    await receiver.post(`/api/v1/invites/${invite.code}`);
    // The same person's second device, connected to the other process.
    const elsewhere = new TestClient(app2.baseUrl, origin);
    elsewhere.cookie = receiver.cookie;

    const receivers = [
      { label: "same process (1 → 1)", socket: await receiver.socket() },
      { label: "other process (1 → 2, via Redis)", socket: await elsewhere.socket() },
    ];
    sockets.push(...receivers.map((r) => r.socket));
    const arrivals = receivers.map(() => new Map<string, number>());
    const waiting = new Map<string, () => void>();
    receivers.forEach((r, i) =>
      r.socket.on("message.created", ({ message }) => {
        arrivals[i]!.set(message.content, now());
        if (arrivals.every((a) => a.has(message.content))) waiting.get(message.content)?.();
      }),
    );

    // A few untimed sends first: connections, JIT and the database's caches warm up.
    for (let i = 0; i < 20; i++) await sender.post(`/api/v1/channels/${channel.id}/messages`, { content: `warm-up ${i}` });

    const sentAt = new Map<string, number>();
    const started = now();
    for (let i = 0; i < SENDS; i++) {
      const content = `bench ${i}`;
      const both = new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, WAIT_MS);
        waiting.set(content, () => {
          clearTimeout(timer);
          resolve();
        });
      });
      sentAt.set(content, now());
      const res = await sender.post<Message>(`/api/v1/channels/${channel.id}/messages`, { content });
      if (res.status !== 201) throw new Error(`send ${i}: ${res.status} ${JSON.stringify(res.body)}`);
      await both;
      waiting.delete(content);
    }
    const seconds = (now() - started) / 1000;

    console.log(`\nsend (POST on process 1) -> message.created on a socket: ${SENDS} sequential sends, PostgreSQL + Redis, ${seconds.toFixed(1)} s\n`);
    console.log("| receiver | delivered | p50 ms | p99 ms | max ms | mean ms |");
    console.log("|---|---:|---:|---:|---:|---:|");
    receivers.forEach((r, i) => {
      const samples = [...sentAt].flatMap(([content, t]) => {
        const at = arrivals[i]!.get(content);
        return at === undefined ? [] : [at - t];
      });
      const s = stats(samples);
      console.log(`| ${r.label} | ${samples.length}/${SENDS} | ${s.p50.toFixed(1)} | ${s.p99.toFixed(1)} | ${s.max.toFixed(1)} | ${s.mean.toFixed(1)} |`);
    });
    // What the hop adds, send by send: the other process's arrival minus the same process's.
    const extra = [...sentAt.keys()].flatMap((content) => {
      const [a, b] = [arrivals[0]!.get(content), arrivals[1]!.get(content)];
      return a === undefined || b === undefined ? [] : [b - a];
    });
    const e = stats(extra);
    console.log(`\nother process minus same process, per send: p50 ${e.p50.toFixed(2)} ms, p99 ${e.p99.toFixed(2)} ms\n`);
  } finally {
    for (const s of sockets) s.disconnect();
    for (const s of servers.reverse()) await s.stop();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
