/**
 * The composition root: config -> data-directory lock -> listen -> database + migrations
 * -> the app (API and sockets) -> Next.js in the background. SIGINT/SIGTERM stop it in
 * reverse order.
 *
 * The process listens first and answers liveness while the rest starts (ops/start-gate.ts
 * holds every other request until the app is built); the app's modules and the database
 * load side by side, and the packages that only some configurations use are imported where
 * they are needed (the bundle is split into chunks, scripts/build-server.mjs). Pages wait
 * for Next.js, which prepares after the API is up; `/api/ready` says "starting" until then.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import pino from "pino";
import type { GigaServer, PageHandler } from "./app-server";
import { ConfigError, assertStartable, parseConfig } from "./config";
import type { Database } from "./db/client";
import { DataDirLockedError, lockDataDir } from "./db/lock";
import { holdUntilReady } from "./ops/start-gate";

/** STARTUP_TRACE=1: each phase of the start on stderr, in ms since the process began. */
const trace = process.env.STARTUP_TRACE ? (phase: string) => console.error(`startup ${Math.round(performance.now())} ms: ${phase}`) : () => undefined;

async function main() {
  trace("main module loaded");
  const started = performance.now();
  const startedAt = Date.now();
  const config = parseConfig();
  const log = pino({ level: config.LOG_LEVEL });
  const dev = process.argv.includes("--dev");
  const dataDir = path.resolve(config.DATA_DIR);
  assertStartable(config);
  if (config.REDIS_URL) {
    const { checkSharedSecrets } = await import("./ops/shared-secrets");
    // assertStartable made sure both are set: every process of the deployment must hold the same.
    await checkSharedSecrets(config.REDIS_URL, config.REDIS_KEY_PREFIX, [
      { name: "BETTER_AUTH_SECRET", key: "auth-secret", value: config.BETTER_AUTH_SECRET! },
      { name: "The VAPID pair (VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY)", key: "vapid", value: `${config.VAPID_PUBLIC_KEY!}:${config.VAPID_PRIVATE_KEY!}` },
    ]);
  }

  // The lock guards the embedded database and the generated secret in DATA_DIR.
  const lock = await lockDataDir(dataDir, {
    onCompromised: (err) => {
      log.fatal({ err }, "lost the data-directory lock");
      process.exit(1);
    },
  });
  if (lock.takenOver) {
    log.warn(
      { previousPid: lock.takenOver.owner?.pid, reason: lock.takenOver.reason },
      lock.takenOver.reason === "holder-dead"
        ? "took over the data-directory lock: the process that held it is no longer running"
        : "took over a stale data-directory lock",
    );
  }
  trace("lock taken");

  const httpServer = http.createServer();
  const gate = holdUntilReady(httpServer, startedAt);
  const address = await new Promise<AddressInfo>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(config.PORT, config.HOST, () => resolve(httpServer.address() as AddressInfo));
  });
  trace("listening (liveness only)");
  // Module loading holds the event loop: started only now, it does not put off the listening.
  const dbModule = import("./db/client");
  // A failed import is reported where it is awaited; this keeps it from counting as unhandled before.
  dbModule.catch(() => undefined);

  // What has started so far, for a stop that comes in the middle of the start.
  const up: { server?: GigaServer; database?: Database; nextApp?: { close(): Promise<void> } } = {};
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "draining: not ready, no new connections; answering the requests in flight");
    const stopStarted = performance.now();
    // Whatever still hangs at 10 s (an orchestrator's usual grace period) is cut off.
    const force = setTimeout(() => {
      log.error("shutdown took more than 10 s: exiting now");
      process.exit(1);
    }, 10_000);
    force.unref();
    try {
      if (up.server) {
        // Up to 7 s for the requests in flight, which leaves time for the rest.
        await up.server.close({ graceMs: 7_000 });
      } else {
        // Stopped while starting: what waited for the app is refused.
        gate.refuse();
        httpServer.close();
        httpServer.closeAllConnections();
      }
      await up.nextApp?.close();
      await up.database?.close();
      await lock.release();
      log.info({ ms: Math.round(performance.now() - stopStarted) }, "stopped");
    } catch (err) {
      log.error({ err }, "error during shutdown");
      process.exitCode = 1;
    }
    process.exit();
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("unhandledRejection", (err) => log.error({ err }, "unhandled rejection"));

  const { openDatabase } = await dbModule;
  const opening = openDatabase({ databaseUrl: config.DATABASE_URL, pgliteDir: path.join(dataDir, "pglite") });
  opening.catch(() => undefined);
  // The app's modules load while the database opens (PGlite compiles its WebAssembly off
  // the main thread meanwhile): the start takes the longer of the two, more or less.
  const appModule = import("./app-server");
  appModule.catch(() => undefined);
  const database = (up.database = await opening);
  trace("database open");
  await database.migrate();
  trace("migrations checked");
  const [{ resolveAuthSecret }, { resolveVapidKeys }] = await Promise.all([import("./auth/secret"), import("./notify/vapid")]);
  const [authSecret, vapid] = await Promise.all([resolveAuthSecret(config.BETTER_AUTH_SECRET, dataDir), resolveVapidKeys(config, dataDir)]);

  // Pages wait for Next.js, which prepares once the API is up.
  let pagesReady!: (handler: PageHandler) => void;
  let pagesFailed!: (err: unknown) => void;
  const pageHandler = new Promise<PageHandler>((resolve, reject) => {
    pagesReady = resolve;
    pagesFailed = reject;
  });
  const { createGigaServer } = await appModule;
  trace("app modules loaded");
  if (stopping) return;
  const server = (up.server = await createGigaServer({
    config,
    database,
    authSecret,
    vapid,
    log,
    httpServer,
    pages: async (req, res) => (await pageHandler)(req, res),
    authLoadsAfter: pageHandler,
  }));
  const { readiness } = server.services;
  readiness.preparing.add("pages");
  gate.release();
  trace("app ready (API and sockets)");
  log.info(
    { database: database.kind, port: address.port, ms: Math.round(performance.now() - started) },
    `Giga Chat is listening on ${config.BASE_URL}`,
  );

  const next = (await import("next")).default;
  const app = (up.nextApp = next({ dev, dir: process.cwd(), hostname: config.HOST, port: config.PORT }));
  try {
    const [, staticAssets] = await Promise.all([
      app.prepare(),
      // Hashed build files with their brotli and gzip copies, sent by us (http/static-assets.ts); Next serves them in dev.
      dev
        ? undefined
        : import("./http/static-assets").then(({ loadStaticAssets, staticAssetHandler }) =>
            loadStaticAssets(path.join(process.cwd(), ".next", "static")).then(staticAssetHandler),
          ),
    ]);
    const handle = app.getRequestHandler();
    pagesReady((req, res) => (staticAssets?.(req, res) ? undefined : handle(req, res)));
  } catch (err) {
    // A process that cannot serve its pages is broken: stop, the supervisor starts another.
    pagesFailed(err);
    log.fatal({ err }, "Next.js could not prepare");
    process.exit(1);
  }
  readiness.preparing.delete("pages");
  trace("pages ready");
  log.info({ ms: Math.round(performance.now() - started) }, "pages ready");
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof DataDirLockedError) {
    console.error(err.message);
  } else {
    console.error(err);
  }
  process.exit(1);
});
