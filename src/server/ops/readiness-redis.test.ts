/**
 * Redis going away and coming back, on a Redis of this test's own: /api/ready answers
 * 503 with `redis: "down"` while it is unreachable, and 200 again once it is back,
 * without restarting the app (ioredis reconnects and subscribes again by itself).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../testing/free-port";
import { type TestServer, startTestServer } from "../testing/harness";

let port: number;
let redis: ChildProcess | undefined;
let t: TestServer;

async function startRedis(): Promise<void> {
  const child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: ["ignore", "pipe", "pipe"] });
  redis = child;
  await new Promise<void>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("Ready to accept connections")) resolve();
    });
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`redis-server exited with ${code}: ${out}`)));
  });
}

async function stopRedis(): Promise<void> {
  const child = redis;
  redis = undefined;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGKILL");
  await exited;
}

async function ready(): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${t.url}/api/ready`);
  return { status: res.status, body: await res.json() };
}

async function eventually(want: number, timeoutMs = 20_000): Promise<{ status: number; body: unknown }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const got = await ready();
    if (got.status === want || Date.now() > deadline) return got;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

beforeAll(async () => {
  port = await freePort();
  await startRedis();
  t = await startTestServer("pglite", { env: { REDIS_URL: `redis://127.0.0.1:${port}`, REDIS_KEY_PREFIX: "giga-ready-test" } });
});

afterAll(async () => {
  await t?.close();
  await stopRedis();
});

describe("readiness with Redis", () => {
  it("is ready with Redis up, 503 naming Redis while it is unreachable, and ready again once it is back", async () => {
    expect(await ready()).toEqual({ status: 200, body: { status: "ready", checks: { database: "ok", files: "ok", redis: "ok" } } });

    await stopRedis();
    expect(await eventually(503)).toEqual({ status: 503, body: { status: "unavailable", checks: { database: "ok", files: "ok", redis: "down" } } });
    // Liveness is not readiness: the process is alive, and restarting it would not help.
    expect((await fetch(`${t.url}/api/health`)).status).toBe(200);

    await startRedis();
    expect(await eventually(200)).toEqual({ status: 200, body: { status: "ready", checks: { database: "ok", files: "ok", redis: "ok" } } });
  });
});
