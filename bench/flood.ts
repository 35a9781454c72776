/**
 * A flood in a busy room, measured: 21 people in one server, each with a socket. 20 chat
 * at a normal pace (one message every BENCH_INTERVAL_MS ± 20 %, under the send limit of
 * 5 per 5 s) while one person sends at 10× the limit (10 a second, each send started
 * on time whether or not the last was answered). The send → receive latency of the 20's messages (HTTP send to the socket
 * event's arrival at each of the other members) is measured without the flood, then
 * with it, on a real server with the configured limits. Prints a table; asserts nothing.
 * The target: the flood's p99 within 2× of the quiet p99.
 *
 *   npx tsx bench/flood.ts                                 # PGlite
 *   BENCH_DATABASE_URL=postgres://... npx tsx bench/flood.ts
 *   BENCH_SECONDS=20 BENCH_INTERVAL_MS=1500 ...
 */
import { randomBytes } from "node:crypto";
import { createGigaServer } from "../src/server/app-server";
import { AttemptLimiter } from "../src/server/auth/attempt-limits";
import { parseConfig } from "../src/server/config";
import { openBenchDatabase } from "./database";
import { type ChatRun, chat, chatRoom, percentile } from "../src/server/limits/chat-flood";
import { TestClient } from "../src/server/testing/harness";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const INTERVAL_MS = Number(process.env.BENCH_INTERVAL_MS ?? 1500);
const CHATTERS = 20;

async function main() {
  const url = process.env.BENCH_DATABASE_URL;
  const database = await openBenchDatabase(url, "giga_bench_flood");
  // The configured limits (sends: 5 per 5 s per person and channel), as in production.
  const config = parseConfig({ HOST: "127.0.0.1", PORT: "0", LOG_LEVEL: "silent", DATA_DIR: "/nonexistent" });
  const server = await createGigaServer({
    config,
    database,
    authSecret: randomBytes(32).toString("hex"),
    authRateLimit: false,
    attemptLimiter: new AttemptLimiter(1_000_000, 1_000_000, 60_000),
  });
  const { port } = await server.listen(0, "127.0.0.1");
  const base = `http://127.0.0.1:${port}`;
  const limit = server.services.limiter.rules["message.send"];
  const perSecond = limit.limit / (limit.windowMs / 1000);
  const rows: [string, ChatRun, number][] = [];
  /** A run, and this process's CPU time during it (server and clients: the same clients in both runs). */
  const measured = async (name: string, work: () => Promise<ChatRun>) => {
    const before = process.cpuUsage();
    const run = await work();
    const cpu = process.cpuUsage(before);
    rows.push([name, run, (cpu.user + cpu.system) / 1000]);
  };
  try {
    const room = await chatRoom(() => new TestClient(base, { origin: config.BASE_URL }), CHATTERS + 1);
    const chatters = Array.from({ length: CHATTERS }, (_, i) => i + 1);
    const messagesEach = Math.max(2, Math.round((SECONDS * 1000) / INTERVAL_MS));
    const plan = { chatters, messagesEach, intervalMs: INTERVAL_MS, jitterMs: INTERVAL_MS * 0.2 };
    // Warm-up (JIT, pools, statement caches), not reported.
    await chat(room, { ...plan, messagesEach: 2 });
    // Another window, so the warm-up's sends have left every chatter's limit.
    await new Promise((r) => setTimeout(r, limit.windowMs));
    await measured("quiet: 20 people chatting", () => chat(room, plan));
    await new Promise((r) => setTimeout(r, limit.windowMs));
    const floodIntervalMs = 1000 / (perSecond * 10);
    const floodSends = Math.round((messagesEach * INTERVAL_MS) / floodIntervalMs);
    await measured("flood: the same, and 1 person at 10× the limit", () => chat(room, { ...plan, flooder: 0, floodSends, floodIntervalMs }));
  } finally {
    await server.close();
    await database.destroy();
  }

  console.log(
    `\nA flood among ${CHATTERS} chatters — ${url ? "PostgreSQL" : "PGlite"}; send limit ${limit.limit} per ${limit.windowMs / 1000} s; ` +
      `chatters send every ${INTERVAL_MS} ms ± 20 %, the flooder ${perSecond * 10} a second; 2 cores\n`,
  );
  console.log("| run | chatter sends | chatters refused | flooder sends | flooder accepted | flooder refused | deliveries | duplicates | missing | p50 (ms) | p99 (ms) | CPU (ms) |");
  console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const [name, run, cpuMs] of rows) {
    const deliveries = run.arrivals.reduce((n, a) => n + [...a.values()].reduce((x, y) => x + y, 0), 0);
    const duplicates = run.arrivals.reduce((n, a) => n + [...a.values()].filter((c) => c > 1).length, 0);
    const missing = run.arrivals.reduce((n, a) => n + [...run.accepted.keys()].filter((id) => !a.has(id)).length, 0);
    console.log(
      `| ${name} | ${run.chatterStatuses.length} | ${run.chatterStatuses.filter((s) => s !== 201).length} | ${run.flooderStatuses.length} | ` +
        `${run.flooderStatuses.filter((s) => s === 201).length} | ${run.flooderStatuses.filter((s) => s === 429).length} | ${deliveries} | ${duplicates} | ${missing} | ` +
        `${percentile(run.chatterLatenciesMs, 0.5).toFixed(1)} | ${percentile(run.chatterLatenciesMs, 0.99).toFixed(1)} | ${cpuMs.toFixed(0)} |`,
    );
  }
  const [quiet, flood] = rows.map(([, run]) => percentile(run.chatterLatenciesMs, 0.99)) as [number, number];
  const ratio = flood / quiet;
  console.log(`\np99 with the flood / p99 without: ${ratio.toFixed(2)} (target: at most 2) — ${ratio <= 2 ? "within" : "OUTSIDE"} the target`);
  const [quietRun, floodRun] = rows as [[string, ChatRun, number], [string, ChatRun, number]];
  const refused = floodRun[1].flooderStatuses.filter((x) => x === 429).length;
  console.log(`CPU added by the flood: ${(floodRun[2] - quietRun[2]).toFixed(0)} ms, ${((floodRun[2] - quietRun[2]) / Math.max(1, floodRun[1].flooderStatuses.length)).toFixed(2)} ms per flooder send (${refused} refused)\n`);
}

await main();
