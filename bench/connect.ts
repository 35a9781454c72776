/**
 * Socket connections accepted per second, Giga Chat against the bare baseline in the
 * same run: `BENCH_CONNECT_CONCURRENCY` clients (default 16) each connect, wait for
 * `ready` and disconnect, over and over for `BENCH_SECONDS` (default 5); with the
 * server's CPU time per connect over the same window. The Giga Chat person is a member
 * of `BENCH_SERVERS` servers (default 1) of the default channels each.
 * `BENCH_PROFILE=dir` writes a V8 CPU profile of each server there.
 * `BENCH_TRANSPORT=polling` opens each socket as the web app does (long-polling, then
 * the upgrade) instead of WebSocket only. PGlite, or BENCH_DATABASE_URL.
 *
 *   npx tsx bench/connect.ts
 */
import { type ChildProcess, fork } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { io as connect } from "socket.io-client";
import { BENCH_ORIGIN, json } from "./http";
import { ON_POSTGRES, type Place, newPlace, serverEnv } from "./place";
import type { FromChild, ToChild } from "./servers/common";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONNECT_CONCURRENCY ?? 16);
const SERVERS = Number(process.env.BENCH_SERVERS ?? 1);
const POLLING = process.env.BENCH_TRANSPORT === "polling";
const PROFILE = process.env.BENCH_PROFILE;
const ORIGIN = BENCH_ORIGIN;

type Stats = Extract<FromChild, { type: "stats" }>;

function stats(child: ChildProcess): Promise<Stats> {
  return new Promise((resolve) => {
    const on = (m: FromChild) => {
      if (m.type !== "stats") return;
      child.off("message", on);
      resolve(m);
    };
    child.on("message", on);
    child.send({ type: "stats" } satisfies ToChild);
  });
}

async function startChild(file: string, place: Place): Promise<{ child: ChildProcess; url: string }> {
  const child = fork(path.join(import.meta.dirname, "servers", file), {
    execArgv: ["--import", "tsx", "--expose-gc", ...(PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${PROFILE}`] : [])],
    env: serverEnv(place),
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once("message", (m: FromChild) => (m.type === "ready" ? resolve(m.url) : reject(new Error("unexpected"))));
    child.once("exit", (code) => reject(new Error(`${file} exited with ${code}`)));
  });
  return { child, url };
}

function once(url: string, cookie: string, query: Record<string, string>): Promise<void> {
  const s = connect(url, {
    transports: POLLING ? ["polling", "websocket"] : ["websocket"],
    extraHeaders: { origin: ORIGIN, ...(cookie ? { cookie } : {}) },
    query,
    forceNew: true,
    reconnection: false,
  });
  return new Promise((resolve, reject) => {
    s.once("ready", () => {
      // With polling, `ready` may arrive before the upgrade: count the whole path.
      const done = () => {
        s.disconnect();
        resolve();
      };
      if (!POLLING || s.io.engine.transport.name === "websocket") done();
      else s.io.engine.once("upgrade", done);
    });
    s.once("connect_error", (err) => {
      s.disconnect();
      reject(err);
    });
  });
}

async function measure(child: ChildProcess, url: string, cookie: string, query: Record<string, string>) {
  for (let i = 0; i < 50; i++) await once(url, cookie, query);
  const cpu0 = await stats(child);
  let n = 0;
  const t0 = performance.now();
  const until = t0 + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < until) {
        await once(url, cookie, query);
        n++;
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  const cpu1 = await stats(child);
  return { perSec: n / elapsed, cpuMs: (cpu1.cpuMicros - cpu0.cpuMicros) / 1000 / n };
}

async function stop(child: ChildProcess) {
  child.disconnect();
  await new Promise((r) => child.once("exit", r));
}

console.log(
  `\nSocket connects — ${ON_POSTGRES ? "PostgreSQL" : "PGlite"}, ${POLLING ? "polling then upgrade" : "WebSocket"}, ${CONCURRENCY} clients for ${SECONDS} s, ${SERVERS} server(s), ${os.cpus().length} cores\n`,
);

const places = { bare: await newPlace("connect_bare"), giga: await newPlace("connect_giga") };
const bare = await startChild("bare.ts", places.bare);
const b = await measure(bare.child, bare.url, "", { channelId: "1" });
await stop(bare.child);

const giga = await startChild("giga.ts", places.giga);
const signUp = async (name: string) => {
  const email = `${name}.${Math.random().toString(36).slice(2)}@bench.test`;
  const r = await json<{ user: { id: string } }>(`${giga.url}/api/auth/sign-up/email`, {
    method: "POST",
    body: JSON.stringify({ email, password: "bench password", name }),
  });
  return r.cookie;
};
const owner = await signUp("owner");
const person = await signUp("person");
for (let i = 0; i < SERVERS; i++) {
  const server = (await json<{ id: string }>(`${giga.url}/api/v1/servers`, { method: "POST", cookie: owner, body: JSON.stringify({ name: `Bench ${i}` }) })).body;
  const invite = (await json<{ code: string }>(`${giga.url}/api/v1/servers/${server.id}/invites`, { method: "POST", cookie: owner, body: "{}" })).body;
  await json(`${giga.url}/api/v1/invites/${invite.code}`, { method: "POST", cookie: person, body: "{}" });
}
const g = await measure(giga.child, giga.url, person, {});
await stop(giga.child);
await Promise.all([places.bare.remove(), places.giga.remove()]);

console.log("| measure | bare baseline | giga chat | ratio |");
console.log("|---|---:|---:|---:|");
console.log(`| connects per second | ${b.perSec.toFixed(0)} | ${g.perSec.toFixed(0)} | ${(g.perSec / b.perSec).toFixed(2)}× |`);
console.log(`| server CPU per connect (ms) | ${b.cpuMs.toFixed(2)} | ${g.cpuMs.toFixed(2)} | ${(g.cpuMs / b.cpuMs).toFixed(2)}× |`);
process.exit(0);
