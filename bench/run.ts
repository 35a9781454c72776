/**
 * Benchmarks Giga Chat's send path, history pages and per-connection memory against a
 * bare Node + Socket.IO + database baseline in the same run, and the production build's
 * cold start. Prints tables; asserts nothing.
 *
 *   npm run bench                        # PGlite (embedded)
 *   BENCH_DATABASE_URL=postgres://... npm run bench   # PostgreSQL
 *   BENCH_MESSAGES=1000000 BENCH_RECEIVERS=20 BENCH_SECONDS=5 ...
 *   BENCH_PROFILE=dir  # write a V8 CPU profile of each server process into dir
 */
import { type ChildProcess, fork, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { io as connect, type Socket } from "socket.io-client";
import type { FromChild, ToChild } from "./servers/common";

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 1_000_000);
const RECEIVERS = Number(process.env.BENCH_RECEIVERS ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const LATENCY_SENDS = Number(process.env.BENCH_LATENCY_SENDS ?? 1000);
const IDLE_SOCKETS = Number(process.env.BENCH_IDLE_SOCKETS ?? 500);
const CONCURRENCY = 16;

interface Target {
  name: string;
  child: ChildProcess;
  url: string;
  channelId: string;
  cookie: string;
  authorId: string;
  send(content: string): Promise<void>;
  page(before: bigint): Promise<void>;
  socket(): Promise<Socket>;
  seedSql(n: number): string;
}

const sockets: Socket[] = [];

function request(child: ChildProcess, msg: ToChild, expect: FromChild["type"]): Promise<FromChild> {
  return new Promise((resolve) => {
    const on = (m: FromChild) => {
      if (m.type !== expect) return;
      child.off("message", on);
      resolve(m);
    };
    child.on("message", on);
    child.send(msg);
  });
}

async function startChild(file: string): Promise<{ child: ChildProcess; url: string }> {
  const child = fork(path.join(import.meta.dirname, "servers", file), {
    execArgv: [
      "--import",
      "tsx",
      "--expose-gc",
      ...(process.env.BENCH_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : []),
    ],
    env: { ...process.env, NODE_ENV: "production" },
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once("message", (m: FromChild) => (m.type === "ready" ? resolve(m.url) : reject(new Error("unexpected"))));
    child.once("exit", (code) => reject(new Error(`${file} exited with ${code}`)));
  });
  return { child, url };
}

async function json<T>(url: string, init: RequestInit & { cookie?: string } = {}): Promise<{ body: T; cookie: string }> {
  const res = await fetch(url, {
    ...init,
    // The origin the bench servers trust (their BASE_URL), as a browser would send it.
    headers: { "content-type": "application/json", origin: "http://127.0.0.1:3000", ...(init.cookie ? { cookie: init.cookie } : {}) },
  });
  if (res.status >= 300) throw new Error(`${init.method ?? "GET"} ${url}: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const text = await res.text();
  return { body: (text ? JSON.parse(text) : null) as T, cookie };
}

function socketTo(url: string, opts: { cookie?: string; query?: Record<string, string> }): Promise<Socket> {
  const s = connect(url, {
    transports: ["websocket"],
    extraHeaders: opts.cookie ? { cookie: opts.cookie } : {},
    query: opts.query,
    forceNew: true,
    reconnection: false,
  });
  sockets.push(s);
  return new Promise((resolve, reject) => {
    s.once("ready", () => resolve(s));
    s.once("connect_error", reject);
  });
}

async function giga(): Promise<Target> {
  const { child, url } = await startChild("giga.ts");
  const signUp = async (name: string) => {
    const email = `${name}.${Math.random().toString(36).slice(2)}@bench.test`;
    const r = await json<{ user: { id: string } }>(`${url}/api/auth/sign-up/email`, {
      method: "POST",
      body: JSON.stringify({ email, password: "bench password", name }),
    });
    return { cookie: r.cookie, id: r.body.user.id };
  };
  const owner = await signUp("owner");
  const server = (await json<{ id: string }>(`${url}/api/v1/servers`, { method: "POST", cookie: owner.cookie, body: JSON.stringify({ name: "Bench" }) })).body;
  const channels = (await json<{ id: string }[]>(`${url}/api/v1/servers/${server.id}/channels`, { cookie: owner.cookie })).body;
  const invite = (await json<{ code: string }>(`${url}/api/v1/servers/${server.id}/invites`, { method: "POST", cookie: owner.cookie, body: "{}" })).body;
  const receiver = await signUp("receiver");
  await json(`${url}/api/v1/invites/${invite.code}`, { method: "POST", cookie: receiver.cookie, body: "{}" });
  const channelId = channels[0]!.id;
  let n = 0;
  return {
    name: "giga chat",
    child,
    url,
    channelId,
    cookie: receiver.cookie,
    authorId: owner.id,
    send: async (content) => {
      await json(`${url}/api/v1/channels/${channelId}/messages`, {
        method: "POST",
        cookie: owner.cookie,
        body: JSON.stringify({ content, nonce: `b${++n}` }),
      });
    },
    page: async (before) => {
      await json(`${url}/api/v1/channels/${channelId}/messages?limit=50&before=${before}`, { cookie: receiver.cookie });
    },
    socket: () => socketTo(url, { cookie: receiver.cookie }),
    seedSql: (count) =>
      `insert into messages (id, channel_id, author_id, content) select g, ${channelId}, '${owner.id}', 'seeded message ' || g from generate_series(1, ${count}) g`,
  };
}

async function bare(): Promise<Target> {
  const { child, url } = await startChild("bare.ts");
  const channelId = "1";
  return {
    name: "bare baseline",
    child,
    url,
    channelId,
    cookie: "",
    authorId: "u1",
    send: async (content) => {
      await json(`${url}/send`, { method: "POST", body: JSON.stringify({ content, channelId }) });
    },
    page: async (before) => {
      await json(`${url}/history?channelId=${channelId}&before=${before}`);
    },
    socket: () => socketTo(url, { query: { channelId } }),
    seedSql: (count) =>
      `insert into bare_messages (channel_id, author_id, content) select ${channelId}, 'u1', 'seeded message ' || g from generate_series(1, ${count}) g`,
  };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

interface Result {
  sendP50: number;
  sendP99: number;
  sendsPerSec: number;
  cpuMsPerSend: number;
  bytesPerSocket: number;
  pageP50: number;
  pageP99: number;
  seedMs: number;
}

async function measure(t: Target): Promise<Result> {
  // Receivers: one watched socket plus the rest of the room.
  const watched = await t.socket();
  for (let i = 1; i < RECEIVERS; i++) await t.socket();
  const started = new Map<string, number>();
  const latencies: number[] = [];
  watched.on("message.created", (p: { message: { content: string } }) => {
    const t0 = started.get(p.message.content);
    if (t0 !== undefined) latencies.push(performance.now() - t0);
  });
  for (let i = 0; i < 50; i++) await t.send(`warm ${i}`);
  for (let i = 0; i < LATENCY_SENDS; i++) {
    const content = `lat ${i}`;
    started.set(content, performance.now());
    await t.send(content);
  }
  while (latencies.length < LATENCY_SENDS) await new Promise((r) => setTimeout(r, 5));

  // Throughput with the server's CPU time over the same window.
  const cpu0 = (await request(t.child, { type: "stats" }, "stats")) as Extract<FromChild, { type: "stats" }>;
  let sent = 0;
  const until = performance.now() + SECONDS * 1000;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, w) => {
      while (performance.now() < until) await t.send(`tp ${w} ${sent++}`);
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  const cpu1 = (await request(t.child, { type: "stats" }, "stats")) as Extract<FromChild, { type: "stats" }>;

  // Memory per idle connection: live JS heap plus native buffers after a full GC (RSS
  // hides the cost, since new sockets reuse pages the GC just freed).
  type Stats = Extract<FromChild, { type: "stats" }>;
  const live = async () => {
    await new Promise((r) => setTimeout(r, 300));
    const s = (await request(t.child, { type: "stats" }, "stats")) as Stats;
    return s.heapUsed + s.external;
  };
  const mem0 = await live();
  const idle: Socket[] = [];
  for (let i = 0; i < IDLE_SOCKETS; i++) idle.push(await t.socket());
  const mem1 = await live();
  for (const s of idle) s.disconnect();

  // History pages deep in a large channel.
  const seeded = (await request(t.child, { type: "seed", sql: t.seedSql(MESSAGES) }, "seeded")) as Extract<FromChild, { type: "seeded" }>;
  const pages: number[] = [];
  for (let i = 0; i < 300; i++) {
    const before = BigInt(50 + Math.floor(Math.random() * (MESSAGES - 50)));
    const p0 = performance.now();
    await t.page(before);
    if (i >= 20) pages.push(performance.now() - p0);
  }
  return {
    sendP50: pct(latencies, 50),
    sendP99: pct(latencies, 99),
    sendsPerSec: sent / elapsed,
    cpuMsPerSend: (cpu1.cpuMicros - cpu0.cpuMicros) / 1000 / sent,
    bytesPerSocket: (mem1 - mem0) / IDLE_SOCKETS,
    pageP50: pct(pages, 50),
    pageP99: pct(pages, 99),
    seedMs: seeded.ms,
  };
}

async function coldStart(): Promise<number[] | null> {
  if (!existsSync("dist/server.mjs") || !existsSync(".next/BUILD_ID")) return null;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "giga-bench-"));
  const times: number[] = [];
  try {
    for (let run = 0; run < 3; run++) {
      const port = 31000 + Math.floor(Math.random() * 1000);
      const t0 = performance.now();
      const child = spawn(process.execPath, ["dist/server.mjs"], {
        env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, LOG_LEVEL: "warn", NODE_ENV: "production" },
        stdio: "ignore",
      });
      for (;;) {
        try {
          if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) break;
        } catch {
          /* not yet listening */
        }
        await new Promise((r) => setTimeout(r, 20));
      }
      times.push(performance.now() - t0);
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
  return times;
}

const fmt = (n: number, d = 2) => n.toFixed(d);
const db = process.env.BENCH_DATABASE_URL ? "PostgreSQL" : "PGlite";
console.log(`\nGiga Chat benchmark — ${db}, ${RECEIVERS} receivers, ${CONCURRENCY} concurrent senders for ${SECONDS} s, ${MESSAGES.toLocaleString()} messages in the history channel, ${os.cpus().length} cores\n`);

const results: Record<string, Result> = {};
for (const make of [bare, giga]) {
  const target = await make();
  try {
    results[target.name] = await measure(target);
  } finally {
    for (const s of sockets.splice(0)) s.disconnect();
    target.child.disconnect();
    await new Promise((r) => target.child.once("exit", r));
  }
}
const b = results["bare baseline"]!;
const g = results["giga chat"]!;
const rows: [string, number, number, string, number][] = [
  ["send → receive p50 (ms)", b.sendP50, g.sendP50, "≤ 2.5", 2],
  ["send → receive p99 (ms)", b.sendP99, g.sendP99, "≤ 10", 2],
  ["sends per second", b.sendsPerSec, g.sendsPerSec, "≥ 1500", 0],
  ["server CPU per send (ms)", b.cpuMsPerSend, g.cpuMsPerSend, "≤ 0.4", 3],
  ["history page of 50, p50 (ms)", b.pageP50, g.pageP50, "≤ 2", 2],
  ["history page of 50, p99 (ms)", b.pageP99, g.pageP99, "≤ 10", 2],
  ["server memory per idle socket (KB)", b.bytesPerSocket / 1024, g.bytesPerSocket / 1024, "≤ 80", 1],
  ["seeding the history (s)", b.seedMs / 1000, g.seedMs / 1000, "", 1],
];
console.log("| measure | bare baseline | giga chat | ratio | budget |");
console.log("|---|---:|---:|---:|---|");
for (const [name, bv, gv, budget, d] of rows) console.log(`| ${name} | ${fmt(bv, d)} | ${fmt(gv, d)} | ${fmt(gv / bv, 2)}× | ${budget} |`);

const cold = await coldStart();
if (cold) {
  console.log(`\n| production start to first answer (ms) | first (new data dir) | second | third |\n|---|---:|---:|---:|`);
  console.log(`| dist/server.mjs | ${cold.map((c) => fmt(c, 0)).join(" | ")} |`);
} else {
  console.log("\n(cold start not measured: run npm run build first)");
}
process.exit(0);
