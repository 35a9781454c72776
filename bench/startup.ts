/**
 * Production start on existing data: how long `node dist/server.mjs` takes to its first
 * `/api/health` 200 (listening, alive), its first API answer that needs the database and
 * a session (`GET /api/v1/users/@me` 200), its first `/api/ready` 200 (everything it
 * needs prepared) and its first page (`GET /sign-in` 200: what a person sees first;
 * Next.js may prepare after listening, so a page can come later than the API). PGlite,
 * then PostgreSQL in a database of its own (created and dropped here). Needs `npm run build`.
 *
 *   npm run bench:startup
 *   BENCH_RUNS=5 BENCH_MESSAGES=200 BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres
 *   BENCH_SKIP=postgres|pglite   # measure one of the two
 *   BENCH_PROFILE=dir            # each measured start writes a V8 CPU profile there
 *   BENCH_SERVER=a/server.mjs,dist/server.mjs  # builds to compare, their runs interleaved
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { freePort } from "../src/server/testing/free-port";
import { TestClient } from "../src/server/testing/harness";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 200);
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const SKIP = process.env.BENCH_SKIP;
const PROFILE = process.env.BENCH_PROFILE;
const SERVERS = (process.env.BENCH_SERVER ?? "dist/server.mjs").split(",");
/** Before listening a poll is a refused connection; after, a request the server answers: not too often. */
const POLL_MS = 10;

interface Run {
  health: number;
  api: number;
  ready: number;
  page: number;
  /** What the server itself logged as its time to listening. */
  listening: number | null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function startServer(server: string, env: Record<string, string>, port: number, profile: boolean): { child: ChildProcess; logged: Promise<number | null> } {
  const child = spawn(process.execPath, [...(profile && PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${PROFILE}`] : []), server], {
    env: { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1", BASE_URL: `http://127.0.0.1:${port}`, LOG_LEVEL: "info", NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  child.once("exit", (code) => {
    if (code && code !== 0) console.error(`server exited with ${code}:\n${stderr}`);
  });
  const logged = new Promise<number | null>((resolve) => {
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const line = out.split("\n").find((l) => l.includes("is listening"));
      if (line) resolve((JSON.parse(line) as { ms?: number }).ms ?? null);
    });
    child.once("exit", () => resolve(null));
  });
  return { child, logged };
}

/** Polls until `url` answers 200; the time is from `t0`. */
async function firstOk(url: string, t0: number, child: ChildProcess, cookie?: string): Promise<number> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}) before ${url} answered`);
    try {
      const res = await fetch(url, { redirect: "manual", headers: cookie ? { cookie } : {} });
      await res.arrayBuffer();
      if (res.status === 200) return performance.now() - t0;
    } catch {
      /* not listening yet */
    }
    await sleep(POLL_MS);
  }
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null) return;
  child.kill("SIGTERM");
  await new Promise((r) => child.once("exit", r));
}

/** First start on an empty database: migrations, one person, a server, some messages. */
async function prepare(env: Record<string, string>): Promise<string> {
  const port = await freePort();
  // Sends in a row, past the anti-flood limit that a person would meet.
  const { child } = startServer(SERVERS[0]!, { ...env, SEND_BURST: "1000000" }, port, false);
  try {
    const base = `http://127.0.0.1:${port}`;
    await firstOk(`${base}/api/health`, performance.now(), child);
    const c = new TestClient(base, { origin: base });
    await c.signUp("Startup Bench");
    const server = (await c.post<{ id: string }>("/api/v1/servers", { name: "Start" })).body;
    const [channel] = (await c.get<{ id: string }[]>(`/api/v1/servers/${server.id}/channels`)).body;
    for (let i = 0; i < MESSAGES; i++) {
      const res = await c.post(`/api/v1/channels/${channel!.id}/messages`, { content: `message ${i}` });
      if (res.status !== 200 && res.status !== 201) throw new Error(`send failed: ${res.status} ${JSON.stringify(res.body)}`);
    }
    return c.cookie;
  } finally {
    await stop(child);
  }
}

/** Each build's runs, taken in turns so that the machine's load weighs on them alike. */
async function measure(env: Record<string, string>): Promise<Run[][]> {
  const cookie = await prepare(env);
  const runs: Run[][] = SERVERS.map(() => []);
  for (let i = 0; i < RUNS * SERVERS.length; i++) {
    const which = i % SERVERS.length;
    const port = await freePort();
    const t0 = performance.now();
    const { child, logged } = startServer(SERVERS[which]!, env, port, true);
    try {
      const base = `http://127.0.0.1:${port}`;
      const health = await firstOk(`${base}/api/health`, t0, child);
      // Asked at once, as a client app, a balancer's probe and a person's browser would.
      const [api, ready, page] = await Promise.all([
        firstOk(`${base}/api/v1/users/@me`, t0, child, cookie),
        firstOk(`${base}/api/ready`, t0, child),
        firstOk(`${base}/sign-in`, t0, child),
      ]);
      runs[which]!.push({ health, api, ready, page, listening: await logged });
    } finally {
      await stop(child);
    }
  }
  return runs;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const ms = (n: number) => String(Math.round(n));

if (SERVERS.some((s) => !existsSync(s)) || !existsSync(".next/BUILD_ID")) {
  console.error("No production build: run `npm run build` first.");
  process.exit(1);
}

const results: [string, Run[][]][] = [];
if (SKIP !== "pglite") {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "giga-startup-"));
  try {
    results.push(["PGlite", await measure({ DATA_DIR: dataDir })]);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
if (SKIP !== "postgres") {
  const dbName = `giga_bench_startup_${process.pid}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${dbName}`;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "giga-startup-"));
  try {
    results.push(["PostgreSQL", await measure({ DATA_DIR: dataDir, DATABASE_URL: url.toString() })]);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }
}

console.log(`\nProduction start on existing data (${MESSAGES} messages), ${RUNS} runs, ${os.cpus().length} cores; ms from spawn\n`);
console.log("| database | build | measure | median | runs |");
console.log("|---|---|---|---:|---|");
for (const [name, perServer] of results) for (const [which, runs] of perServer.entries()) {
  const rows: [string, number[]][] = [
    ["first /api/health 200", runs.map((r) => r.health)],
    ["first API answer (GET /api/v1/users/@me) 200", runs.map((r) => r.api)],
    ["first /api/ready 200", runs.map((r) => r.ready)],
    ["first page (GET /sign-in) 200", runs.map((r) => r.page)],
  ];
  const listening = runs.map((r) => r.listening).filter((x): x is number => x !== null);
  if (listening.length) rows.push(["its log line \"is listening\" (ms from its main())", listening]);
  for (const [measure, xs] of rows) console.log(`| ${name} | ${SERVERS[which]} | ${measure} | ${ms(median(xs))} | ${xs.map(ms).join(", ")} |`);
}
