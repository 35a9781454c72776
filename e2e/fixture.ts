/**
 * One test file's world: the production build on a fresh data directory and a Chromium,
 * started before its tests and stopped after them, plus where screenshots go.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { BrowserSession } from "./browser";
import { type RunningServer, type StartOptions, startServer } from "./server";

export interface E2eFixture {
  readonly server: RunningServer;
  readonly session: BrowserSession;
  readonly resultsDir: string;
}

export function e2eFixture(opts: StartOptions = {}): E2eFixture {
  let server: RunningServer | undefined;
  let session: BrowserSession | undefined;
  const resultsDir = path.join(process.cwd(), "test-results");
  beforeAll(async () => {
    server = await startServer(opts);
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
