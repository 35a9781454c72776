/**
 * Starts the production build (`npm run build` output) on a free port with a fresh data
 * directory, and stops it again. E2E tests drive the same process an operator runs.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "../src/server/testing/free-port";

export { freePort };

/** E2E_START_TIMEOUT_MS: longer on a busy machine, where the first start (migrations) can pass a minute. */
const startTimeoutMs = Number(process.env.E2E_START_TIMEOUT_MS) || 60_000;
const stopTimeoutMs = 15_000;

export interface RunningServer {
  baseUrl: string;
  dataDir: string;
  /** The server process's pid (tests find its children, e.g. the media server, under it). */
  pid: number | undefined;
  /** Stops the server; resolves to its exit code (0 after a clean shutdown). */
  stop: () => Promise<number | null>;
}

/** A server this file started itself, so it may also kill it. */
export interface OwnServer extends RunningServer {
  /** Sends a signal (SIGKILL: the process dies as in a crash); resolves once it has exited. */
  kill: (signal: NodeJS.Signals) => Promise<void>;
}

/** What the run's shared server tells each test file (see global-setup.ts). */
export type SharedServer = Pick<RunningServer, "baseUrl" | "dataDir" | "pid">;

export interface StartOptions {
  /** Reuse this data directory and keep it after stop (restart tests). */
  dataDir?: string;
  /** Leave BETTER_AUTH_SECRET unset so the server generates and keeps its own. */
  generatedSecret?: boolean;
  /** Listen on this port (a restart that browsers reconnect to); a free one otherwise. */
  port?: number;
  /** Extra environment for the server, e.g. roomier send limits for bulk tests. */
  env?: Record<string, string>;
}


function assertBuilt(root: string): string {
  const entry = path.join(root, "dist", "server.mjs");
  const missing = [entry, path.join(root, ".next", "BUILD_ID")].filter((file) => !existsSync(file));
  if (missing.length > 0) {
    throw new Error(
      `E2E needs the production build; missing ${missing.map((f) => path.relative(root, f)).join(", ")}. Run npm run build first.`,
    );
  }
  return entry;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

/**
 * Until the server is ready (`/api/ready` 200: the database, the files and the pages).
 * It answers `/api/health` as soon as it listens, long before a page can be served on a
 * new data directory; a test's first page load must not carry the whole start.
 */
async function waitForReady(baseUrl: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + startTimeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`The server exited early (code ${child.exitCode ?? child.signalCode}).\n${output()}`);
    }
    try {
      const response = await fetch(`${baseUrl}/api/ready`);
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The server was not ready (/api/ready) within ${startTimeoutMs / 1000} s.\n${output()}`);
}

function spawnServer(port: number, dataDir: string, generatedSecret: boolean, extraEnv: Record<string, string> = {}): ChildProcess {
  const root = process.cwd();
  const entry = assertBuilt(root);
  return spawn(process.execPath, [entry], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      BETTER_AUTH_SECRET: generatedSecret ? "" : randomBytes(32).toString("hex"),
      NODE_ENV: "production",
      BASE_URL: `http://127.0.0.1:${port}`,
      NEXT_TELEMETRY_DISABLED: "1",
      LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
      ...extraEnv,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** Runs a server that is expected to stop by itself (e.g. refused); its exit code and output. */
export async function runToExit(dataDir: string): Promise<{ code: number | null; stderr: string }> {
  const child = spawnServer(await freePort(), dataDir, true);
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill("SIGKILL"), startTimeoutMs);
  await exited(child);
  clearTimeout(timer);
  return { code: child.exitCode, stderr };
}

export async function startServer(opts: StartOptions = {}): Promise<OwnServer> {
  const port = opts.port ?? (await freePort());
  const dataDir = opts.dataDir ?? (await mkdtemp(path.join(tmpdir(), "giga-chat-e2e-")));
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawnServer(port, dataDir, opts.generatedSecret ?? false, opts.env);

  // Kept (bounded) so a failed start can say why.
  let stderr = "";
  let stdout = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-20_000);
  });
  child.stdout?.on("data", (chunk: Buffer) => {
    stdout = (stdout + chunk.toString()).slice(-20_000);
  });
  const output = () => `--- stderr ---\n${stderr}\n--- stdout (tail) ---\n${stdout.slice(-4_000)}`;

  let killedOnPurpose = false;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), stopTimeoutMs);
      await exited(child);
      clearTimeout(timer);
    }
    if (!opts.dataDir) await rm(dataDir, { recursive: true, force: true });
    // A stop that did not end cleanly says why (a kill the test sent is no surprise).
    if (child.exitCode !== 0 && !killedOnPurpose) console.error(`the server exited with ${child.exitCode ?? child.signalCode}\n${output()}`);
    return child.exitCode;
  };

  try {
    await waitForReady(baseUrl, child, output);
  } catch (error) {
    await stop();
    throw error;
  }
  const kill = async (signal: NodeJS.Signals) => {
    killedOnPurpose = true;
    child.kill(signal);
    await exited(child);
  };
  return { baseUrl, dataDir, pid: child.pid, stop, kill };
}
