/**
 * The embedded SFU under load, through the real UI: the production build
 * (`dist/server.mjs`, run `npm run build` first) on a fresh data directory, people in one
 * video channel, each a Chromium page with a fake camera (640×480 at 20 fps) and a fake
 * microphone. Measured:
 *
 * 1. for 3 and 6 people (`BENCH_SFU_PEOPLE`), once every page decodes everyone else's
 *    video: the SFU child's CPU over `BENCH_SFU_SECONDS` (user + system time from
 *    /proc, as a share of one core) and its resident memory, and the media the pages
 *    send to it and receive from it (RTP payload bytes from getStats);
 * 2. with one person publishing, the time from a click on Join in a second page to the
 *    first remote video frame decoded there, over `BENCH_SFU_JOINS` leave-and-join rounds.
 *
 * Chromium, the app server and the SFU share the machine's cores, so the browsers' video
 * encoding and decoding weighs on every figure. Run: `npx tsx bench/sfu.ts`.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "../e2e/browser";
import { freePort } from "../e2e/server";
import type { Channel, Invite, Server } from "../src/shared/api";
import { TestClient } from "../src/server/testing/harness";
import { type RtpSample, armJoinTimer, describe, instrument, joinTiming, sample } from "./sfu-page";

const PEOPLE = (process.env.BENCH_SFU_PEOPLE ?? "3,6").split(",").map(Number).filter((n) => n >= 2);
const SECONDS = Number(process.env.BENCH_SFU_SECONDS ?? 10);
const JOINS = Number(process.env.BENCH_SFU_JOINS ?? 7);
/** Two cores: more pages than this starve the encoders and the figures mean little. */
const MAX_PAGES = 6;
const TICK_US = 1_000_000 / Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim() || 100);


async function until<T>(label: string, check: () => Promise<T | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const end = performance.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value) return value;
    if (performance.now() > end) throw new Error(`timed out waiting for ${label}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A process's CPU time (user + system, µs) and resident memory, from /proc. */
async function usage(pid: number): Promise<{ cpuUs: number; rssKb: number; at: number }> {
  const [stat, status] = await Promise.all([readFile(`/proc/${pid}/stat`, "utf8"), readFile(`/proc/${pid}/status`, "utf8")]);
  // Fields after the command name, which may itself hold spaces: state is field 3, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  return { cpuUs: ticks * TICK_US, rssKb: Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0), at: performance.now() };
}

/** The SFU child the server forked (dist/sfu.mjs), once someone has joined a room. */
async function sfuPid(serverPid: number): Promise<number | undefined> {
  const children: number[] = [];
  for (const tid of await readdir(`/proc/${serverPid}/task`)) {
    const list = await readFile(`/proc/${serverPid}/task/${tid}/children`, "utf8").catch(() => "");
    children.push(...list.split(" ").filter(Boolean).map(Number));
  }
  for (const pid of children) {
    const cmdline = await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "");
    if (cmdline.includes("sfu")) return pid;
  }
  return undefined;
}

interface Person {
  page: Page;
  name: string;
  /** The page's errors and warnings, shown when a wait fails. */
  log: string[];
}

async function join(p: Person): Promise<void> {
  await p.page.getByTestId("voice-join").click();
  await p.page.locator('[data-testid="voice-room"][data-status="connected"]').waitFor();
}

async function leave(p: Person): Promise<void> {
  // A person the server already dropped is on the join screen.
  if ((await p.page.getByTestId("voice-leave").count()) > 0) await p.page.getByTestId("voice-leave").click();
  await p.page.getByTestId("voice-join").waitFor();
}

/** Video streams on the page whose decoded frame count grew between two samples. */
function growingVideo(before: RtpSample[], after: RtpSample[]): number {
  const prior = new Map(before.map((s) => [s.key, s.frames]));
  return after.filter((s) => s.direction === "in" && s.kind === "video" && s.frames > (prior.get(s.key) ?? 0)).length;
}

function sum(samples: RtpSample[][], direction: RtpSample["direction"], field: "bytes" | "frames", kind?: RtpSample["kind"]): number {
  let total = 0;
  for (const page of samples) for (const s of page) if (s.direction === direction && (!kind || s.kind === kind)) total += s[field];
  return total;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

interface LoadRow {
  people: number;
  cpu: number;
  appCpu: number;
  rssMb: number;
  forwardedMbit: number;
  publishedMbit: number;
  fps: number;
  size: string;
}

async function measureLoad(people: Person[], serverPid: number, sfu: number): Promise<LoadRow> {
  const n = people.length;
  // Everyone decodes everyone else's video, still moving.
  const sfuStart = await usage(sfu);
  let growing: number[] = [];
  await until(
    `every page of ${n} decoding ${n - 1} videos`,
    async () => {
      const before = await Promise.all(people.map((p) => sample(p.page)));
      await new Promise((r) => setTimeout(r, 1000));
      const after = await Promise.all(people.map((p) => sample(p.page)));
      growing = after.map((page, i) => growingVideo(before[i]!, page));
      return growing.every((g) => g >= n - 1);
    },
    120_000,
  ).catch(async (error: Error) => {
    const [sfuNow, pages] = await Promise.all([usage(sfu), Promise.all(people.map((p) => describe(p.page).catch(() => "?")))]);
    const share = ((sfuNow.cpuUs - sfuStart.cpuUs) / ((sfuNow.at - sfuStart.at) * 1000)) * 100;
    const detail = pages
      .map((d, i) => `  ${people[i]!.name}: ${growing[i] ?? 0} growing; ${d}${people[i]!.log.slice(-5).map((l) => `\n    ${l}`).join("")}`)
      .join("\n");
    throw new Error(`${error.message} (SFU CPU while waiting: ${share.toFixed(0)} % of one core; frames/packets per stream)\n${detail}`);
  });
  const [sfu0, app0] = await Promise.all([usage(sfu), usage(serverPid)]);
  const t0 = performance.now();
  const pages0 = await Promise.all(people.map((p) => sample(p.page)));
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  const [sfu1, app1] = await Promise.all([usage(sfu), usage(serverPid)]);
  const t1 = performance.now();
  const pages1 = await Promise.all(people.map((p) => sample(p.page)));
  const wallUs = (sfu1.at - sfu0.at) * 1000;
  const seconds = (t1 - t0) / 1000;
  const mbit = (direction: RtpSample["direction"]) => ((sum(pages1, direction, "bytes") - sum(pages0, direction, "bytes")) * 8) / seconds / 1e6;
  const streams = pages1.flat().filter((s) => s.direction === "in" && s.kind === "video" && s.width > 0);
  const sizes = new Map<string, number>();
  for (const s of streams) sizes.set(`${s.width}×${s.height}`, (sizes.get(`${s.width}×${s.height}`) ?? 0) + 1);
  const size = [...sizes].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "-";
  const frames = sum(pages1, "in", "frames", "video") - sum(pages0, "in", "frames", "video");
  return {
    people: n,
    cpu: ((sfu1.cpuUs - sfu0.cpuUs) / wallUs) * 100,
    appCpu: ((app1.cpuUs - app0.cpuUs) / ((app1.at - app0.at) * 1000)) * 100,
    rssMb: sfu1.rssKb / 1024,
    forwardedMbit: mbit("in"),
    publishedMbit: mbit("out"),
    fps: frames / seconds / Math.max(1, n * (n - 1)),
    size,
  };
}

async function main(): Promise<void> {
  const entry = path.join(process.cwd(), "dist", "server.mjs");
  if (!existsSync(entry) || !existsSync(path.join(process.cwd(), ".next", "BUILD_ID"))) {
    throw new Error("the SFU bench drives the production build: run `npm run build` first");
  }
  const wanted = Math.max(2, ...PEOPLE);
  if (wanted > MAX_PAGES) throw new Error(`at most ${MAX_PAGES} people on this machine (BENCH_SFU_PEOPLE)`);
  const dataDir = await mkdtemp(path.join(tmpdir(), "giga-bench-sfu-"));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let output = "";
  let server: ChildProcess | undefined;
  let browser: Browser | undefined;
  const stop = async () => {
    await browser?.close().catch(() => undefined);
    browser = undefined;
    const proc = server;
    server = undefined;
    if (proc && proc.exitCode === null && proc.signalCode === null) {
      const exited = new Promise((r) => proc.once("exit", r));
      proc.kill("SIGTERM");
      const killer = setTimeout(() => proc.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(killer);
    }
    await rm(dataDir, { recursive: true, force: true });
  };
  const interrupted = () => void stop().finally(() => process.exit(130));
  process.once("SIGINT", interrupted);
  process.once("SIGTERM", interrupted);
  try {
    server = spawn(process.execPath, [entry], {
      env: {
        ...process.env,
        NODE_ENV: "production",
        PORT: String(port),
        HOST: "127.0.0.1",
        BASE_URL: base,
        DATA_DIR: dataDir,
        BETTER_AUTH_SECRET: randomBytes(32).toString("hex"),
        LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
        NEXT_TELEMETRY_DISABLED: "1",
        MEDIA_LISTEN_IP: "127.0.0.1",
        AUTH_IP_LIMIT: "1000",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    server.stdout?.on("data", (c: Buffer) => (output = (output + c.toString()).slice(-4000)));
    server.stderr?.on("data", (c: Buffer) => (output = (output + c.toString()).slice(-4000)));
    const serverPid = server.pid!;
    await until("the server to answer", () => fetch(`${base}/api/health`).then((r) => r.ok), 180_000);

    // Accounts, the server, its video channel and the memberships over HTTP; the call through the UI.
    const clients = Array.from({ length: wanted }, () => new TestClient(base, { origin: base }));
    for (const [i, c] of clients.entries()) await c.signUp(`Person ${i + 1}`);
    const owner = clients[0]!;
    const guild = (await owner.post<Server>("/api/v1/servers", { name: "SFU bench" })).body;
    const channel = (await owner.post<Channel>(`/api/v1/servers/${guild.id}/channels`, { name: "hangout", type: "video" })).body;
    const invite = (await owner.post<Invite>(`/api/v1/servers/${guild.id}/invites`, {})).body;
    for (const c of clients.slice(1)) {
      const joined = await c.post(`/api/v1/invites/${invite.code}`);
      if (joined.status !== 200) throw new Error(`joining the server failed: ${joined.status}`);
    }

    // The fake devices at their own 20 fps (the E2E tests slow them to 10).
    browser = await launchChromium(["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"]);
    const people: Person[] = [];
    for (const [i, c] of clients.entries()) {
      const context = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 760 } });
      await context.grantPermissions(["microphone", "camera"], { origin: base });
      await context.addCookies(
        c.cookie.split("; ").map((pair) => {
          const at = pair.indexOf("=");
          return { name: pair.slice(0, at), value: pair.slice(at + 1), url: base };
        }),
      );
      await context.addInitScript({ content: instrument });
      const page = await context.newPage();
      page.setDefaultTimeout(60_000);
      await page.goto(`/channels/${guild.id}/${channel.id}`);
      await page.getByTestId("voice-join").waitFor();
      const log: string[] = [];
      page.on("pageerror", (e) => log.push(`pageerror ${e.message}`));
      page.on("console", (m) => {
        if (m.type() === "error" || m.type() === "warning") log.push(`${m.type()} ${m.text()}`);
      });
      people.push({ page, name: `Person ${i + 1}`, log });
    }

    // 1. Load, for each room size, growing the room one person at a time.
    const rows: Array<LoadRow | { people: number; failure: string }> = [];
    let sfu: number | undefined;
    let inRoom = 0;
    for (const n of [...PEOPLE].sort((a, b) => a - b)) {
      while (inRoom < n) await join(people[inRoom++]!);
      sfu ??= await until("the SFU process", () => sfuPid(serverPid));
      // A room that never gets there is reported with what went wrong, and the bench goes on.
      rows.push(await measureLoad(people.slice(0, n), serverPid, sfu).catch((error: Error) => ({ people: n, failure: error.message })));
    }

    // 2. Join to first remote frame: one person stays and publishes, a second joins again and again.
    while (inRoom > 1) await leave(people[--inRoom]!);
    const host = people[0]!;
    const guest = people[1]!;
    if ((await host.page.getByTestId("voice-join").count()) > 0) await join(host);
    const tiles = host.page.getByTestId("voice-tile");
    await until("the room down to its first person", async () => (await tiles.count()) === 1);
    const frameMs: number[] = [];
    const connectedMs: number[] = [];
    const joinFailures: string[] = [];
    for (let i = 0; i < JOINS; i++) {
      await armJoinTimer(guest.page, 30_000);
      await guest.page.getByTestId("voice-join").click();
      const timing = await joinTiming(guest.page);
      if (timing.frameMs < 0) {
        const [hostState, guestState] = await Promise.all([describe(host.page), describe(guest.page)]);
        joinFailures.push(`join ${i + 1}: no remote video frame within 30 s\n  host: ${hostState}\n  guest: ${guestState}`);
        await leave(guest);
        await until("the guest gone from the host's room", async () => (await tiles.count()) === 1);
        continue;
      }
      frameMs.push(timing.frameMs);
      connectedMs.push(timing.connectedMs);
      await leave(guest);
      // The host's page shows the guest gone: the server has handled the leave.
      await until("the guest gone from the host's room", async () => (await tiles.count()) === 1);
    }

    console.log(`\nEmbedded SFU — production build, Chromium with fake camera (640×480, 20 fps) and microphone, ${SECONDS} s windows`);
    // Other work on the machine takes cores from the browsers and the SFU alike: say how much.
    console.log(`Machine: load average ${loadavg().map((l) => l.toFixed(1)).join(", ")} (1, 5, 15 min) at the end of the run\n`);
    console.log("| people | SFU CPU (% of one core) | SFU RSS (MB) | forwarded Mbit/s | published Mbit/s | decoded video | app server CPU |");
    console.log("|---:|---:|---:|---:|---:|---|---:|");
    for (const r of rows) {
      if ("failure" in r) {
        console.log(`| ${r.people} | not measured: the room never had every video decoding | | | | | |`);
        continue;
      }
      console.log(
        `| ${r.people} | ${r.cpu.toFixed(1)} % | ${r.rssMb.toFixed(0)} | ${r.forwardedMbit.toFixed(2)} | ${r.publishedMbit.toFixed(2)} | ${r.size}, ${r.fps.toFixed(1)} fps | ${r.appCpu.toFixed(1)} % |`,
      );
    }
    for (const r of rows) if ("failure" in r) console.log(`\n${r.people} people: ${r.failure}`);
    console.log("\nTarget: 6 people under 25 % of one core. Mbit/s: RTP payload (audio + video) the pages received from / sent to the SFU.\n");
    const ms = (v: number) => `${v.toFixed(0)} ms`;
    console.log(`| join → first remote frame (${JOINS} joins) | p50 | max |`);
    console.log("|---|---:|---:|");
    if (frameMs.length > 0) {
      console.log(`| click on Join → first remote video frame decoded | ${ms(percentile(frameMs, 50))} | ${ms(Math.max(...frameMs))} |`);
    }
    const connected = connectedMs.filter((v) => v >= 0);
    if (connected.length > 0) console.log(`| click on Join → peer connection connected | ${ms(percentile(connected, 50))} | ${ms(Math.max(...connected))} |`);
    console.log(`\nTarget: under 1.5 s. Every join: ${frameMs.map((v) => v.toFixed(0)).join(", ")} ms`);
    for (const failure of joinFailures) console.log(`\n${failure}`);
    if (joinFailures.length > 0) process.exitCode = 1;
  } catch (error) {
    console.error(`server output (tail):\n${output}`);
    throw error;
  } finally {
    process.off("SIGINT", interrupted);
    process.off("SIGTERM", interrupted);
    await stop();
  }
}

await main();
