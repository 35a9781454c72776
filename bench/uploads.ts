/**
 * Upload throughput and memory: one 25 MiB file, then five at once, to the production
 * build (`dist/server.mjs`, run `npm run build` first) on a fresh data directory, with
 * the local file store. Memory is the server process's own resident size, sampled every
 * 5 ms during the uploads (its lifetime high-water mark would be the embedded database's
 * start-up instead), so the client's buffers do not count. Run: `npx tsx bench/uploads.ts`.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import type { Channel, Server } from "../src/shared/api";
import { TestClient } from "../src/server/testing/harness";
import { freePort } from "../src/server/testing/free-port";

const MIB = 1024 * 1024;
const SIZE = Number(process.env.BENCH_UPLOAD_MIB ?? 25) * MIB;
const PARALLEL = Number(process.env.BENCH_UPLOAD_PARALLEL ?? 5);


async function rssKb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
}

/** Runs `work` while sampling the process's resident size; returns the time and the peak. */
async function sampled<T>(pid: number, work: () => Promise<T>): Promise<{ ms: number; peakKb: number; result: T }> {
  let peakKb = await rssKb(pid);
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      peakKb = Math.max(peakKb, await rssKb(pid).catch(() => 0));
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  const start = performance.now();
  const result = await work();
  const ms = performance.now() - start;
  sampling = false;
  await sampler;
  return { ms, peakKb, result };
}

async function main() {
  const dataDir = await mkdtemp(path.join(tmpdir(), "giga-bench-uploads-"));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [path.join(process.cwd(), "dist", "server.mjs")], {
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, LOG_LEVEL: "warn", BASE_URL: base, UPLOAD_MAX_MB: "100" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  try {
    for (let i = 0; i < 200; i++) {
      const ok = await fetch(`${base}/api/health`).then((r) => r.ok).catch(() => false);
      if (ok) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const owner = new TestClient(base, { origin: base });
    await owner.signUp("Uploader");
    const server = (await owner.post<Server>("/api/v1/servers", { name: "Bench" })).body;
    const [general] = (await owner.get<Channel[]>(`/api/v1/servers/${server.id}/channels`)).body;
    const path_ = `/api/v1/channels/${general!.id}/attachments`;
    const files = Array.from({ length: PARALLEL }, () => randomBytes(SIZE));

    const pid = child.pid!;
    const idleRss = await rssKb(pid);
    const one = await sampled(pid, () => owner.upload(path_, "one.bin", files[0]!));
    if (one.result.status !== 201) throw new Error(`upload failed: ${one.result.status} ${JSON.stringify(one.result.body)}`);
    const oneMs = one.ms;
    const afterOne = one.peakKb;
    const par = await sampled(pid, () => Promise.all(files.map((f, i) => owner.upload(path_, `par-${i}.bin`, f))));
    if (par.result.some((r) => r.status !== 201)) throw new Error("a parallel upload failed");
    const parMs = par.ms;
    const peak = par.peakKb;

    const mib = SIZE / MIB;
    console.log(`\nUploads — local file store, ${mib} MiB of random bytes each, 2 cores\n`);
    console.log("| measure | value |\n|---|---:|");
    console.log(`| one ${mib} MiB upload | ${(oneMs / 1000).toFixed(2)} s, ${(mib / (oneMs / 1000)).toFixed(0)} MiB/s |`);
    console.log(`| ${PARALLEL} parallel uploads | ${(parMs / 1000).toFixed(2)} s, ${((mib * PARALLEL) / (parMs / 1000)).toFixed(0)} MiB/s in all |`);
    console.log(`| server RSS before uploading | ${(idleRss / 1024).toFixed(0)} MiB |`);
    console.log(`| server peak RSS during one upload | ${(afterOne / 1024).toFixed(0)} MiB |`);
    console.log(`| server peak RSS during ${PARALLEL} parallel | ${(peak / 1024).toFixed(0)} MiB |`);
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
