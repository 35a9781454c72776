/**
 * Account operations, timed end to end over HTTP against a real server on 127.0.0.1:
 * sign-up, password sign-in (scrypt), sign-in with a TOTP code, the signed-in user,
 * and how long a revoked session's open socket takes to be disconnected. PGlite by
 * default, PostgreSQL when BENCH_DATABASE_URL is set. Run: `npx tsx bench/auth.ts`.
 */
import { performance } from "node:perf_hooks";
import { randomBytes } from "node:crypto";
import { createGigaServer } from "../src/server/app-server";
import { AttemptLimiter } from "../src/server/auth/attempt-limits";
import { keyFromUri, totpCode } from "../src/server/auth/totp";
import { parseConfig } from "../src/server/config";
import { openBenchDatabase } from "./database";
import { TestClient } from "../src/server/testing/harness";

const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const PASSWORD = "correct horse battery";

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { p50: at(0.5), p95: at(0.95) };
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

async function main() {
  const url = process.env.BENCH_DATABASE_URL;
  const database = await openBenchDatabase(url, "giga_bench_auth");
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
  // A browser's Origin, which better-auth asks of a production server.
  const t = { client: () => new TestClient(base, { origin: config.BASE_URL }), close: () => server.close() };
  const rows: [string, number[]][] = [];
  try {
    const signUp: number[] = [];
    const people = [];
    for (let i = 0; i < RUNS; i++) {
      const c = t.client();
      signUp.push(await time(() => c.signUp(`Bench ${i}`)));
      people.push(c);
    }
    rows.push(["sign-up (email + password)", signUp]);

    const signIn: number[] = [];
    for (const p of people) signIn.push(await time(() => t.client().post("/api/auth/sign-in/email", { email: p.user!.email, password: PASSWORD })));
    rows.push(["sign-in, password", signIn]);

    const me: number[] = [];
    for (const p of people) me.push(await time(() => p.get("/api/v1/users/@me")));
    rows.push(["GET /users/@me", me]);

    const withCode: number[] = [];
    for (const p of people.slice(0, Math.min(RUNS, 20))) {
      const { body } = await p.post<{ totpURI: string }>("/api/auth/two-factor/enable", { password: PASSWORD });
      const key = keyFromUri(body.totpURI);
      await p.post("/api/auth/two-factor/verify-totp", { code: totpCode(key) });
      const c = t.client();
      withCode.push(
        await time(async () => {
          await c.post("/api/auth/sign-in/email", { email: p.user!.email, password: PASSWORD });
          await c.post("/api/auth/two-factor/verify-totp", { code: totpCode(key) });
        }),
      );
    }
    rows.push(["sign-in, password + TOTP code", withCode]);

    const revoke: number[] = [];
    // The people without 2FA (the first half turned it on above).
    for (const p of people.slice(Math.min(RUNS, 20))) {
      const other = t.client();
      const signedIn = await other.post("/api/auth/sign-in/email", { email: p.user!.email, password: PASSWORD });
      if (signedIn.status !== 200) throw new Error(`sign-in failed: ${signedIn.status}`);
      const socket = await other.socket();
      const sessions = (await p.get<{ id: string; current: boolean }[]>("/api/v1/users/@me/sessions")).body;
      const target = sessions.find((s) => !s.current)!;
      const gone = new Promise<void>((resolve) => socket.once("disconnect", () => resolve()));
      revoke.push(await time(async () => Promise.all([p.request("DELETE", `/api/v1/users/@me/sessions/${target.id}`), gone])));
    }
    rows.push(["revoke a session → its socket disconnected", revoke]);
  } finally {
    await t.close();
    await database.destroy();
  }
  console.log(`\nAccount operations — ${url ? "PostgreSQL" : "PGlite"}, ${RUNS} runs each (fewer for 2FA and revoke), 2 cores\n`);
  console.log("| operation | runs | p50 (ms) | p95 (ms) |\n|---|---:|---:|---:|");
  for (const [name, samples] of rows) {
    if (!samples.length) continue;
    const s = stats(samples);
    console.log(`| ${name} | ${samples.length} | ${s.p50.toFixed(1)} | ${s.p95.toFixed(1)} |`);
  }
}

await main();
