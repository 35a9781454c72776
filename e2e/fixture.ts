/**
 * One test file's world: the production build on a fresh data directory and a Chromium,
 * started before its tests and stopped after them, plus where screenshots go.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, inject } from "vitest";
import { BrowserSession } from "./browser";
import { type RunningServer, type StartOptions, startServer } from "./server";

/**
 * The server this E2E run shares between files (started once by global-setup.ts). Its `stop`
 * does nothing: the run stops it at the end. A file that needs its own environment, data
 * directory or a process it may stop uses startServer instead.
 */
export function sharedServer(): RunningServer {
  const shared = inject("e2eServer");
  if (!shared) throw new Error("No shared E2E server: run E2E files through the e2e project (vitest --project e2e).");
  return { ...shared, stop: () => Promise.resolve(0) };
}

export interface E2eFixture {
  readonly server: RunningServer;
  readonly session: BrowserSession;
  readonly resultsDir: string;
}

/** With no options, the run's shared server; with options, a server of this file's own. */
export function e2eFixture(opts?: StartOptions): E2eFixture {
  let server: RunningServer | undefined;
  let session: BrowserSession | undefined;
  const resultsDir = path.join(process.cwd(), "test-results");
  beforeAll(async () => {
    server = opts ? await startServer(opts) : sharedServer();
    session = await BrowserSession.start();
    await mkdir(resultsDir, { recursive: true });
  }, 120_000);
  afterAll(async () => {
    await session?.close();
    await server?.stop();
  }, 60_000);
  const started = <T>(value: T | undefined, what: string): T => {
    if (!value) throw new Error(`${what} is not started (used outside a test?)`);
    return value;
  };
  return {
    get server() {
      return started(server, "the server");
    },
    get session() {
      return started(session, "the browser");
    },
    resultsDir,
  };
}
