/**
 * A process of a deployment with several (REDIS_URL set) refuses to start, with a
 * message and exit code 1 and no stack trace, when it would not work with the others:
 * on the embedded database, with generated keys, or with keys that differ from the ones
 * the other processes started with (their fingerprints in Redis). Runs the production
 * server bundle (dist/server.mjs) as an operator would.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import webPush from "web-push";
import { ConfigError } from "../config";
import { freePort } from "../testing/free-port";
import { checkSharedSecrets, fingerprint } from "./shared-secrets";

const redisUrl = process.env.TEST_REDIS_URL;
const entry = path.resolve("dist", "server.mjs");
const vapid = webPush.generateVAPIDKeys();
let dataDir: string;

beforeAll(async () => {
  if (!existsSync(entry)) throw new Error("dist/server.mjs is missing: run npm run build:server first");
  dataDir = await mkdtemp(path.join(tmpdir(), "giga-refusals-"));
});

afterAll(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** Starts the server bundle with exactly this environment; its exit code and output. */
async function run(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, [entry], {
    env: {
      PATH: process.env.PATH ?? "",
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      HOST: "127.0.0.1",
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: "warn",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr.on("data", (c: Buffer) => (output += c.toString()));
  const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
  const code = await new Promise<number | null>((resolve) => child.once("exit", (c) => resolve(c)));
  clearTimeout(timer);
  return { code, output };
}

function expectRefused(result: { code: number | null; output: string }, message: RegExp) {
  expect(result.code, result.output).toBe(1);
  expect(result.output).toMatch(message);
  // A message for an operator, not a crash.
  expect(result.output).not.toMatch(/^\s+at /m);
}

const secret = () => randomBytes(32).toString("hex");
// Never connected to: each refusal comes before the database is opened.
const unusedDatabase = "postgres://postgres@127.0.0.1:1/never";

describe("start-up refusals", () => {
  const keys = { VAPID_PUBLIC_KEY: vapid.publicKey, VAPID_PRIVATE_KEY: vapid.privateKey };

  it("refuses the embedded database with REDIS_URL", async () => {
    expectRefused(
      await run({ REDIS_URL: "redis://127.0.0.1:1", BETTER_AUTH_SECRET: secret(), ...keys }),
      /several processes cannot share the embedded database; set DATABASE_URL to PostgreSQL/,
    );
  });

  it("refuses REDIS_URL without BETTER_AUTH_SECRET, or without the VAPID keys", async () => {
    expectRefused(
      await run({ REDIS_URL: "redis://127.0.0.1:1", DATABASE_URL: unusedDatabase, ...keys }),
      /REDIS_URL is set without BETTER_AUTH_SECRET: a generated secret is per machine/,
    );
    expectRefused(
      await run({ REDIS_URL: "redis://127.0.0.1:1", DATABASE_URL: unusedDatabase, BETTER_AUTH_SECRET: secret() }),
      /REDIS_URL is set without VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY/,
    );
  });

  it("refuses to start when Redis cannot be reached to compare keys", async () => {
    const port = await freePort();
    expectRefused(
      await run({ REDIS_URL: `redis://127.0.0.1:${port}`, DATABASE_URL: unusedDatabase, BETTER_AUTH_SECRET: secret(), ...keys }),
      /Cannot reach Redis at REDIS_URL/,
    );
  });

  it.skipIf(!redisUrl)("refuses a BETTER_AUTH_SECRET, or VAPID keys, other than the other processes'", async () => {
    const prefix = `giga-refusal-${randomBytes(6).toString("hex")}`;
    const redis = new Redis(redisUrl!);
    try {
      await redis.set(`${prefix}:fingerprint:auth-secret`, fingerprint(secret()));
      expectRefused(
        await run({ REDIS_URL: redisUrl!, REDIS_KEY_PREFIX: prefix, DATABASE_URL: unusedDatabase, BETTER_AUTH_SECRET: secret(), ...keys }),
        /BETTER_AUTH_SECRET differs from the one the other processes of this deployment use/,
      );
      const mine = secret();
      await redis.set(`${prefix}:fingerprint:auth-secret`, fingerprint(mine));
      await redis.set(`${prefix}:fingerprint:vapid`, fingerprint("someone else's keys"));
      expectRefused(
        await run({ REDIS_URL: redisUrl!, REDIS_KEY_PREFIX: prefix, DATABASE_URL: unusedDatabase, BETTER_AUTH_SECRET: mine, ...keys }),
        /The VAPID pair \(VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY\) differs/,
      );
    } finally {
      await redis.del(`${prefix}:fingerprint:auth-secret`, `${prefix}:fingerprint:vapid`);
      redis.disconnect();
    }
  });
});

describe.skipIf(!redisUrl)("shared-secret fingerprints in Redis", () => {
  it("the first process sets it, the same secret passes, another is refused; the secret itself is never stored", async () => {
    const prefix = `giga-fp-${randomBytes(6).toString("hex")}`;
    const redis = new Redis(redisUrl!);
    const value = secret();
    const check = (v: string) => checkSharedSecrets(redisUrl!, prefix, [{ name: "BETTER_AUTH_SECRET", key: "auth-secret", value: v }]);
    try {
      await check(value);
      const stored = await redis.get(`${prefix}:fingerprint:auth-secret`);
      expect(stored).toBe(fingerprint(value));
      expect(stored).not.toContain(value);
      await check(value);
      await expect(check(secret())).rejects.toThrow(ConfigError);
      // Refused, the other's fingerprint stays as it was.
      expect(await redis.get(`${prefix}:fingerprint:auth-secret`)).toBe(stored);
    } finally {
      await redis.del(`${prefix}:fingerprint:auth-secret`);
      redis.disconnect();
    }
  });
});
