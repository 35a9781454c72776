/**
 * Benchmarks Giga Chat against a bare Node + Socket.IO + database baseline in the same
 * run, with the same workload, and prints each figure with its ratio and the budget's
 * target (DESIGN.md §13): send path, throughput with the CPU it costs the app and the
 * database, fan-out to a full room, history pages, socket connects, memory per socket,
 * and the production build's start on existing data. Asserts nothing.
 *
 *   npm run bench                                      # PGlite (embedded)
 *   BENCH_DATABASE_URL=postgres://... npm run bench    # PostgreSQL, on this machine
 *   BENCH_MESSAGES=10000 BENCH_SECONDS=2 BENCH_LATENCY_SENDS=200 npm run bench  # quick
 *   BENCH_JSON=file.json   # also write the results as JSON
 *   BENCH_PROFILE=dir      # write a V8 CPU profile of each server process into dir
 *
 * bench/README.md lists every variable; docs/benchmarks.md explains each figure.
 */
import { type ChildProcess, execFileSync, fork, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { build } from "esbuild";
import pg from "pg";
import { io as connect, type Socket } from "socket.io-client";
import { json } from "./http";
import { ADMIN_URL, ON_POSTGRES, type Place, adminQuery, newPlace, serverEnv } from "./place";
import type { FromChild, ToChild } from "./servers/common";

const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const MESSAGES = num("BENCH_MESSAGES", 1_000_000);
const RECEIVERS = num("BENCH_RECEIVERS", 20);
const SECONDS = num("BENCH_SECONDS", 5);
const LATENCY_SENDS = num("BENCH_LATENCY_SENDS", 1000);
const SENDERS = num("BENCH_SENDERS", 10);
const FANOUT = num("BENCH_FANOUT", 200);
const FANOUT_SENDS = num("BENCH_FANOUT_SENDS", 100);
const CONNECTS = num("BENCH_CONNECTS", 300);
const CONNECTS_AT_ONCE = 20;
const IDLE_SOCKETS = num("BENCH_IDLE_SOCKETS", 500);
const STARTS = 3;

// Each server's data (bench/place.ts) outlives the measurement, so the start on existing
// data runs on the million messages seeded there.

// ---------------------------------------------------------------------------------
// CPU time from /proc: user + system time of a process in clock ticks, so it counts
// the database's backends (other processes) the same way as the server process.

const CLK_TCK = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

/** A process's CPU time so far in ms, or null when /proc cannot tell (gone, other OS). */
function cpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name, in parentheses, may hold spaces: fields are counted after it.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
  } catch {
    return null;
  }
}

/** Reads the CPU time of the PostgreSQL processes serving one database. */
class Backends {
  private constructor(
    private client: pg.Client,
    private database: string,
  ) {}

  static async watch(database: string): Promise<Backends> {
    // A connection of its own to the admin database, so it is not one of those counted.
    const client = new pg.Client({ connectionString: ADMIN_URL });
    await client.connect();
    return new Backends(client, database);
  }

  /** CPU ms per backend pid, or null if any of them cannot be read (PostgreSQL elsewhere). */
  async sample(): Promise<Map<number, number> | null> {
    const { rows } = await this.client.query<{ pid: number }>("select pid from pg_stat_activity where datname = $1", [this.database]);
    const out = new Map<number, number>();
    for (const { pid } of rows) {
      const ms = cpuMs(pid);
      if (ms === null) return null;
      out.set(pid, ms);
    }
    return out;
  }

  close() {
    return this.client.end();
  }
}

/**
 * The backends' CPU between two samples. A backend that started in between counts whole
 * (all its time is in the window); one that ended in between is lost, which the warm-up
 * before the window (filling the pool) avoids.
 */
function backendDelta(before: Map<number, number> | null, after: Map<number, number> | null): number | null {
  if (!before || !after) return null;
  let sum = 0;
  for (const [pid, ms] of after) sum += ms - (before.get(pid) ?? 0);
  return sum;
}

// ---------------------------------------------------------------------------------
// The two servers, driven the same way.

interface Target {
  name: string;
  child: ChildProcess;
  place: Place;
  send(content: string): Promise<void>;
  page(before: bigint, gzip?: boolean): Promise<void>;
  socket(): Promise<Socket>;
  seedSql(n: number): string;
  /**
   * What a start is timed to, in order: the process alive (its health route), then the
   * first answer read from the database (what a person's first request needs).
   */
  startProbes: { live: string; answer: string };
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

async function startChild(file: string, place: Place): Promise<{ child: ChildProcess; url: string }> {
  const child = fork(path.join(import.meta.dirname, "servers", file), {
    execArgv: [
      "--import",
      "tsx",
      "--expose-gc",
      ...(process.env.BENCH_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : []),
    ],
    env: serverEnv(place),
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once("message", (m: FromChild) => (m.type === "ready" ? resolve(m.url) : reject(new Error("unexpected"))));
    child.once("exit", (code) => reject(new Error(`${file} exited with ${code}`)));
  });
  return { child, url };
}

/** A socket once the server says it is `ready` (Giga Chat: after joining its rooms). */
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

async function giga(place: Place): Promise<Target> {
  const { child, url } = await startChild("giga.ts", place);
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
    name: "Giga Chat",
    child,
    place,
    send: async (content) => {
      await json(`${url}/api/v1/channels/${channelId}/messages`, {
        method: "POST",
        cookie: owner.cookie,
        body: JSON.stringify({ content, nonce: `b${++n}` }),
      });
    },
    page: async (before, gzip) => {
      await json(`${url}/api/v1/channels/${channelId}/messages?limit=50&before=${before}`, { cookie: receiver.cookie, gzip });
    },
    // Every receiver socket is the same person's: the room broadcast costs the same.
    socket: () => socketTo(url, { cookie: receiver.cookie }),
    // An invite's preview: public, read from the database, no session needed (the
    // production server signs sessions with its own secret, not this child's).
    startProbes: { live: "/api/health", answer: `/api/v1/invites/${invite.code}` },
    seedSql: (count) =>
      `insert into messages (id, channel_id, author_id, content) select g, ${channelId}, '${owner.id}', 'seeded message ' || g from generate_series(1, ${count}) g`,
  };
}

async function bare(place: Place): Promise<Target> {
  const { child, url } = await startChild("bare.ts", place);
  const channelId = "1";
  return {
    name: "bare",
    child,
    place,
    send: async (content) => {
      await json(`${url}/send`, { method: "POST", body: JSON.stringify({ content, channelId }) });
    },
    page: async (before) => {
      await json(`${url}/history?channelId=${channelId}&before=${before}`);
    },
    socket: () => socketTo(url, { query: { channelId } }),
    startProbes: { live: "/health", answer: `/history?channelId=${channelId}&before=100` },
    seedSql: (count) =>
      `insert into bare_messages (channel_id, author_id, content) select ${channelId}, 'u1', 'seeded message ' || g from generate_series(1, ${count}) g`,
  };
}

// ---------------------------------------------------------------------------------
// The measurement.

const pct = (xs: number[], p: number) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => pct(xs, 50);

interface Result {
  sendP50: number;
  sendP99: number;
  sendsPerSec: number;
  sent: number;
  delivered: number;
  loadedP99: number;
  appCpuMsPerSend: number | null;
  dbCpuMsPerSend: number | null;
  fanoutP50: number;
  fanoutP99: number;
  fanoutPerSec: number;
  fanoutComplete: string;
  pageP50: number;
  pageP99: number;
  pageGzipP50: number;
  connectsPerSec: number;
  bytesPerSocket: number;
  seedMs: number;
  firstStartMs: number | null;
  startMs: number[] | null;
  liveMs: number[] | null;
}

type Content = { message: { content: string } };

/** Opens `n` sockets, `CONNECTS_AT_ONCE` connecting at a time. */
async function openSockets(t: Target, n: number): Promise<Socket[]> {
  const opened: Socket[] = [];
  let started = 0;
  await Promise.all(
    Array.from({ length: Math.min(CONNECTS_AT_ONCE, n) }, async () => {
      while (started < n) {
        started++;
        opened.push(await t.socket());
      }
    }),
  );
  return opened;
}

async function sendLatency(t: Target) {
  const watched = await t.socket();
  for (let i = 1; i < RECEIVERS; i++) await t.socket();
  const started = new Map<string, number>();
  const latencies: number[] = [];
  watched.on("message.created", (p: Content) => {
    const t0 = started.get(p.message.content);
    if (t0 !== undefined) latencies.push(performance.now() - t0);
  });
  for (let i = 0; i < 50; i++) await t.send(`warm ${i}`);
  for (let i = 0; i < LATENCY_SENDS; i++) {
    const content = `lat ${i}`;
    started.set(content, performance.now());
    await t.send(content);
  }
  while (latencies.length < LATENCY_SENDS) await sleep(5);
  return { watched, p50: pct(latencies, 50), p99: pct(latencies, 99) };
}

/** SENDERS concurrent senders for SECONDS: rate, delivery to the watched socket, CPU. */
async function throughput(t: Target, watched: Socket, backends: Backends | null) {
  const started = new Map<string, number>();
  const latencies: number[] = [];
  watched.on("message.created", (p: Content) => {
    const t0 = started.get(p.message.content);
    if (t0 !== undefined) latencies.push(performance.now() - t0);
  });
  const run = async (prefix: string, seconds: number) => {
    let sent = 0;
    const until = performance.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: SENDERS }, async (_, w) => {
        while (performance.now() < until) {
          const content = `${prefix} ${w} ${sent++}`;
          started.set(content, performance.now());
          await t.send(content);
        }
      }),
    );
    return sent;
  };
  // One second at the same concurrency first: the connection pool fills, so the same
  // backends serve the whole window and each is read before and after it.
  await run("tpwarm", 1);
  const settled = performance.now() + 10_000;
  while (latencies.length < started.size && performance.now() < settled) await sleep(5);
  started.clear();
  latencies.length = 0;

  const app0 = cpuMs(t.child.pid!);
  const db0 = (await backends?.sample()) ?? null;
  const t0 = performance.now();
  const sent = await run("tp", SECONDS);
  const elapsed = (performance.now() - t0) / 1000;
  const app1 = cpuMs(t.child.pid!);
  const db1 = (await backends?.sample()) ?? null;
  // Every message sent must reach the watched socket; give the stragglers 10 s.
  const deadline = performance.now() + 10_000;
  while (latencies.length < sent && performance.now() < deadline) await sleep(10);
  const dbMs = backendDelta(db0, db1);
  return {
    sendsPerSec: sent / elapsed,
    sent,
    delivered: latencies.length,
    loadedP99: pct(latencies, 99),
    appCpuMsPerSend: app0 === null || app1 === null ? null : (app1 - app0) / sent,
    dbCpuMsPerSend: dbMs === null ? null : dbMs / sent,
  };
}

/** One sender, FANOUT receivers: time until the last one has it, and the rate it keeps. */
async function fanOut(t: Target) {
  const receivers = await openSockets(t, FANOUT);
  const counts = new Map<string, number>();
  const whenAll = new Map<string, () => void>();
  let lastArrival = 0;
  for (const s of receivers) {
    s.on("message.created", (p: Content) => {
      const c = p.message.content;
      const n = (counts.get(c) ?? 0) + 1;
      counts.set(c, n);
      if (n === receivers.length) {
        lastArrival = performance.now();
        whenAll.get(c)?.();
      }
    });
  }
  const everyone = (c: string) => new Promise<void>((resolve) => whenAll.set(c, resolve));
  for (let i = 0; i < 10; i++) {
    const all = everyone(`fan warm ${i}`);
    await t.send(`fan warm ${i}`);
    await all;
  }
  // Latency: each send waits for the last receiver before the next.
  const latencies: number[] = [];
  for (let i = 0; i < FANOUT_SENDS; i++) {
    const c = `fan lat ${i}`;
    const all = everyone(c);
    const t0 = performance.now();
    await t.send(c);
    await all;
    latencies.push(performance.now() - t0);
  }
  // Rate: one sequential sender (each send waits for its answer only) for SECONDS,
  // counted up to the moment the last receiver has the last message.
  const pending: Promise<void>[] = [];
  let sent = 0;
  const t0 = performance.now();
  const until = t0 + SECONDS * 1000;
  while (performance.now() < until) {
    const c = `fan rate ${sent++}`;
    pending.push(everyone(c));
    await t.send(c);
  }
  const complete = await Promise.race([Promise.all(pending).then(() => true), sleep(30_000).then(() => false)]);
  const done = [...counts.entries()].filter(([c, n]) => c.startsWith("fan rate ") && n === receivers.length).length;
  for (const s of receivers) s.disconnect();
  return {
    fanoutP50: pct(latencies, 50),
    fanoutP99: pct(latencies, 99),
    fanoutPerSec: complete ? sent / ((lastArrival - t0) / 1000) : NaN,
    fanoutComplete: `${done}/${sent}`,
  };
}

async function measure(t: Target): Promise<Omit<Result, "firstStartMs" | "startMs" | "liveMs">> {
  const backends = t.place.database ? await Backends.watch(t.place.database) : null;
  try {
    const latency = await sendLatency(t);
    const load = await throughput(t, latency.watched, backends);
    for (const s of sockets.splice(0)) s.disconnect();
    const fan = await fanOut(t);

    // Connects: CONNECTS sockets, CONNECTS_AT_ONCE at a time, from the first connect to
    // the last `ready`.
    const c0 = performance.now();
    const opened = await openSockets(t, CONNECTS);
    const connectsPerSec = CONNECTS / ((performance.now() - c0) / 1000);
    for (const s of opened) s.disconnect();

    // Memory per idle connection: live JS heap plus native buffers after a full GC (RSS
    // hides the cost, since new sockets reuse pages the GC just freed).
    type Stats = Extract<FromChild, { type: "stats" }>;
    const live = async () => {
      await sleep(300);
      const s = (await request(t.child, { type: "stats" }, "stats")) as Stats;
      return s.heapUsed + s.external;
    };
    const mem0 = await live();
    const idle: Socket[] = [];
    for (let i = 0; i < IDLE_SOCKETS; i++) idle.push(await t.socket());
    const mem1 = await live();
    for (const s of idle) s.disconnect();

    // History pages at random depths of a large channel.
    const seeded = (await request(t.child, { type: "seed", sql: t.seedSql(MESSAGES) }, "seeded")) as Extract<FromChild, { type: "seeded" }>;
    const pages: number[] = [];
    const gzipped: number[] = [];
    for (let i = 0; i < 600; i++) {
      const before = BigInt(50 + Math.floor(Math.random() * (MESSAGES - 50)));
      const p0 = performance.now();
      // Every other page as a browser asks for it (gzip accepted), timed apart.
      await t.page(before, i % 2 === 1);
      if (i >= 40) (i % 2 === 1 ? gzipped : pages).push(performance.now() - p0);
    }
    return {
      sendP50: latency.p50,
      sendP99: latency.p99,
      ...load,
      ...fan,
      pageP50: pct(pages, 50),
      pageP99: pct(pages, 99),
      pageGzipP50: pct(gzipped, 50),
      connectsPerSec,
      bytesPerSocket: (mem1 - mem0) / IDLE_SOCKETS,
      seedMs: seeded.ms,
    };
  } finally {
    await backends?.close();
  }
}

// ---------------------------------------------------------------------------------
// Start to first answer, both servers as plain JavaScript: Giga Chat's production
// build (dist/server.mjs, Next.js included) and the bare server bundled the same way
// by esbuild, so neither pays for compiling TypeScript at start.

const BARE_BUNDLE = path.join("node_modules", ".cache", "giga-bench", "bare.mjs");

async function bundleBare() {
  await mkdir(path.dirname(BARE_BUNDLE), { recursive: true });
  // Inside the project, so the packages it leaves out resolve from node_modules.
  await build({
    entryPoints: [path.join(import.meta.dirname, "servers", "bare.ts")],
    outfile: BARE_BUNDLE,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    alias: { "@": "./src" },
    logLevel: "warning",
  });
}

interface StartTimes {
  /** ms from spawn to the first 200 from the health route. */
  live: number;
  /** ms from spawn to the first 200 of a request answered from the database. */
  answer: number;
}

/** Spawns the server and times it to each probe's first 200, one after the other. */
async function timeStart(script: string, probes: Target["startProbes"], place: Place): Promise<StartTimes> {
  const port = 31000 + Math.floor(Math.random() * 1000);
  const t0 = performance.now();
  const child = spawn(process.execPath, [script], {
    env: { ...serverEnv(place), PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "warn" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const exited = new Promise((r) => child.once("exit", r));
  const firstOk = async (route: string) => {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode}`);
      try {
        if ((await fetch(`http://127.0.0.1:${port}${route}`)).ok) return performance.now() - t0;
      } catch {
        /* not yet listening */
      }
      await sleep(10);
    }
  };
  try {
    const live = await firstOk(probes.live);
    return { live, answer: await firstOk(probes.answer) };
  } finally {
    child.kill("SIGTERM");
    await exited;
  }
}

async function starts(script: string, probes: Target["startProbes"], existing: Place, label: string) {
  const fresh = await newPlace(`${label}_new`);
  try {
    // A new database has no invite yet: its first start is timed to liveness.
    const firstStartMs = (await timeStart(script, { live: probes.live, answer: probes.live }, fresh)).live;
    const runs: StartTimes[] = [];
    for (let i = 0; i < STARTS; i++) runs.push(await timeStart(script, probes, existing));
    return { firstStartMs, startMs: runs.map((r) => r.answer), liveMs: runs.map((r) => r.live) };
  } finally {
    await fresh.remove();
  }
}

// ---------------------------------------------------------------------------------
// The machine, the run, the table.

function machine() {
  const cpuinfo = existsSync("/proc/cpuinfo") ? readFileSync("/proc/cpuinfo", "utf8") : "";
  return {
    cpu: /^model name\s*:\s*(.*)$/m.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? "unknown",
    cores: os.cpus().length,
    ramGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))),
    postgres: null as string | null,
  };
}

const host = machine();
if (ON_POSTGRES) host.postgres = (await adminQuery<{ server_version: string }>("show server_version"))[0]!.server_version;
const db = ON_POSTGRES ? "PostgreSQL" : "PGlite";
console.log(`\nGiga Chat benchmark on ${db}`);
console.log(
  `machine: ${host.cpu}, ${host.cores} cores, ${host.ramGiB} GiB RAM, Node ${host.node}${host.postgres ? `, PostgreSQL ${host.postgres}` : ""}, load average ${host.loadAverage.join(" ")}`,
);
console.log(
  `workload: ${RECEIVERS} sockets in the room, ${LATENCY_SENDS} timed sends, ${SENDERS} senders for ${SECONDS} s, fan-out to ${FANOUT}, ${CONNECTS} connects, ${MESSAGES.toLocaleString("en")} messages in the history channel\n`,
);

const canStart = existsSync("dist/server.mjs") && existsSync(".next/BUILD_ID");
if (canStart) await bundleBare();
const results: Record<string, Result> = {};
const places: Place[] = [];
try {
  for (const [make, label] of [
    [bare, "bare"],
    [giga, "giga"],
  ] as const) {
    const place = await newPlace(label);
    places.push(place);
    const target = await make(place);
    let measured;
    try {
      measured = await measure(target);
    } finally {
      for (const s of sockets.splice(0)) s.disconnect();
      target.child.disconnect();
      await new Promise((r) => target.child.once("exit", r));
    }
    const started = canStart
      ? label === "bare"
        ? await starts(BARE_BUNDLE, target.startProbes, place, label)
        : await starts("dist/server.mjs", target.startProbes, place, label)
      : { firstStartMs: null, startMs: null, liveMs: null };
    results[target.name] = { ...measured, ...started };
  }
} finally {
  for (const place of places) await place.remove();
}

const b = results["bare"]!;
const g = results["Giga Chat"]!;

interface Row {
  figure: string;
  bare: number | string | null;
  giga: number | string | null;
  digits: number;
  target: string;
  /** Whether Giga Chat meets the target, when the row has one that can be checked. */
  pass?: boolean | null;
}
const ratioOf = (r: Row) => (typeof r.bare === "number" && typeof r.giga === "number" && r.bare > 0 ? r.giga / r.bare : null);
const within = (r: number | null, ok: (x: number) => boolean) => (r === null || Number.isNaN(r) ? null : ok(r));
const startG = g.startMs ? median(g.startMs) / 1000 : null;
const startB = b.startMs ? median(b.startMs) / 1000 : null;
const cpuSum = (r: Result) => (r.appCpuMsPerSend === null ? null : r.appCpuMsPerSend + (ON_POSTGRES ? (r.dbCpuMsPerSend ?? NaN) : 0));
const rows: Row[] = [
  { figure: "send → receive p50 (ms)", bare: b.sendP50, giga: g.sendP50, digits: 2, target: "≤ 1.5×" },
  { figure: "send → receive p99 (ms)", bare: b.sendP99, giga: g.sendP99, digits: 2, target: "≤ 2×" },
  {
    figure: `sends per second, ${SENDERS} senders`,
    bare: b.sendsPerSec,
    giga: g.sendsPerSec,
    digits: 0,
    target: ON_POSTGRES ? "≥ 0.6×" : "≥ 0.4× of bare on PostgreSQL ¹",
  },
  { figure: "… delivered / sent (watched socket)", bare: `${b.delivered}/${b.sent}`, giga: `${g.delivered}/${g.sent}`, digits: 0, target: "all", pass: g.delivered === g.sent },
  { figure: "delivery under that load, p99 (ms)", bare: b.loadedP99, giga: g.loadedP99, digits: 2, target: "" },
  { figure: "app CPU per message (ms) ²", bare: b.appCpuMsPerSend, giga: g.appCpuMsPerSend, digits: 3, target: "" },
  { figure: "PostgreSQL CPU per message (ms) ³", bare: b.dbCpuMsPerSend, giga: g.dbCpuMsPerSend, digits: 3, target: "" },
  { figure: "app + PostgreSQL CPU per message (ms)", bare: cpuSum(b), giga: cpuSum(g), digits: 3, target: "≤ 2×" },
  { figure: `fan-out to ${FANOUT}: send → last receiver p50 (ms)`, bare: b.fanoutP50, giga: g.fanoutP50, digits: 2, target: "" },
  { figure: `fan-out to ${FANOUT}: send → last receiver p99 (ms)`, bare: b.fanoutP99, giga: g.fanoutP99, digits: 2, target: "" },
  { figure: `fan-out to ${FANOUT}: sends per second, one sender ⁴`, bare: b.fanoutPerSec, giga: g.fanoutPerSec, digits: 0, target: "" },
  { figure: `history page of 50 at ${MESSAGES.toLocaleString("en")}, p50 (ms)`, bare: b.pageP50, giga: g.pageP50, digits: 2, target: "≤ 2×" },
  { figure: `history page of 50 at ${MESSAGES.toLocaleString("en")}, p99 (ms)`, bare: b.pageP99, giga: g.pageP99, digits: 2, target: "" },
  { figure: "… p50 with gzip accepted, as a browser asks (ms) ⁶", bare: b.pageGzipP50, giga: g.pageGzipP50, digits: 2, target: "" },
  { figure: "socket connections accepted per second", bare: b.connectsPerSec, giga: g.connectsPerSec, digits: 0, target: "≥ 0.5×" },
  { figure: "memory per idle socket (KB)", bare: b.bytesPerSocket / 1024, giga: g.bytesPerSocket / 1024, digits: 1, target: "≤ 25 KB", pass: g.bytesPerSocket / 1024 <= 25 },
  {
    figure: `start to first answer on existing data, median of ${STARTS} (s) ⁵`,
    bare: startB,
    giga: startG,
    digits: 2,
    target: ON_POSTGRES ? "≤ 1.0 s" : "≤ 1.5 s",
    pass: within(startG, (s) => s <= (ON_POSTGRES ? 1.0 : 1.5)),
  },
  {
    figure: `start to liveness (health route) on existing data, median (s)`,
    bare: b.liveMs ? median(b.liveMs) / 1000 : null,
    giga: g.liveMs ? median(g.liveMs) / 1000 : null,
    digits: 2,
    target: "",
  },
  {
    figure: `first start on a new ${ON_POSTGRES ? "database" : "data directory"} (s)`,
    bare: b.firstStartMs === null ? null : b.firstStartMs / 1000,
    giga: g.firstStartMs === null ? null : g.firstStartMs / 1000,
    digits: 2,
    target: "",
  },
  { figure: `seeding ${MESSAGES.toLocaleString("en")} messages (s)`, bare: b.seedMs / 1000, giga: g.seedMs / 1000, digits: 1, target: "" },
];
// Ratio targets are checked here; the others carry their own check above.
for (const r of rows) {
  if (r.pass !== undefined) continue;
  const m = /^([≤≥]) ([\d.]+)×$/.exec(r.target);
  if (m) r.pass = within(ratioOf(r), (x) => (m[1] === "≤" ? x <= Number(m[2]) : x >= Number(m[2])));
}

const cell = (v: number | string | null, d: number) => (v === null || (typeof v === "number" && Number.isNaN(v)) ? "–" : typeof v === "string" ? v : v.toLocaleString("en", { minimumFractionDigits: d, maximumFractionDigits: d }));
const mark = (r: Row) => (r.pass === true ? " ✓" : r.pass === false ? " ✗" : "");
console.log("| figure | bare | Giga Chat | ratio | target |");
console.log("|---|---:|---:|---:|---|");
for (const r of rows) {
  const ratio = ratioOf(r);
  console.log(`| ${r.figure} | ${cell(r.bare, r.digits)} | ${cell(r.giga, r.digits)} | ${ratio === null || Number.isNaN(ratio) ? "" : `${ratio.toFixed(2)}×`} | ${r.target}${mark(r)} |`);
}
const notes = [
  ...(ON_POSTGRES
    ? []
    : ["¹ On PGlite the target is 0.4× of the bare server's sends per second on PostgreSQL, from a PostgreSQL run on the same machine; the ratio here is to bare on PGlite."]),
  `² User + system time of the server process (/proc/<pid>/stat, ${CLK_TCK} ticks a second) over the throughput window, divided by the messages sent.${ON_POSTGRES ? "" : " On PGlite the database runs inside that process, so this is app and database together."}`,
  ON_POSTGRES
    ? "³ User + system time of the PostgreSQL backends connected to the benchmark's database (pg_stat_activity), over the same window; “–” when /proc does not show them (PostgreSQL on another machine)."
    : "³ PGlite runs inside the app process: there is no PostgreSQL process to read, its CPU is in the app's figure.",
  `⁴ Messages sent one at a time (each waiting for its answer) for ${SECONDS} s, divided by the time until the last of the ${FANOUT} receivers had the last one. All delivered: bare ${b.fanoutComplete}, Giga Chat ${g.fanoutComplete}.`,
  "⁵ From spawning `node` to the first 200 of a request answered from the database (Giga Chat: an invite's public preview; bare: a history page), on the data the run seeded: Giga Chat's production build (dist/server.mjs, Next.js included) and the bare server bundled by esbuild, both plain JavaScript. Giga Chat answers its health route earlier, while it still loads (next row).",
  "⁶ History pages are timed uncompressed (the bare server never compresses); this row is the same page with `Accept-Encoding: gzip`: Giga Chat gzips JSON lists of 1 KB and more, so it includes compressing and the client's decompressing on loopback, which a real network repays in bytes.",
];
if (!canStart) notes.push("Start-up not measured: run `npm run build` first.");
console.log(`\n${notes.join("\n")}`);
if (g.startMs && b.startMs) {
  console.log(`\nstarts on existing data (ms): bare ${b.startMs.map((m) => m.toFixed(0)).join(", ")}; Giga Chat ${g.startMs.map((m) => m.toFixed(0)).join(", ")}`);
}

if (process.env.BENCH_JSON) {
  const settings = { database: db, messages: MESSAGES, receivers: RECEIVERS, seconds: SECONDS, latencySends: LATENCY_SENDS, senders: SENDERS, fanout: FANOUT, fanoutSends: FANOUT_SENDS, connects: CONNECTS, idleSockets: IDLE_SOCKETS };
  const table = rows.map((r) => ({ figure: r.figure, bare: r.bare, giga: r.giga, ratio: ratioOf(r), target: r.target, pass: r.pass ?? null }));
  await writeFile(process.env.BENCH_JSON, `${JSON.stringify({ date: new Date().toISOString(), machine: host, settings, results, table, notes }, null, 2)}\n`);
}
process.exit(0);
