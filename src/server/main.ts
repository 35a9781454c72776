/**
 * The composition root: config -> data-directory lock -> database + migrations ->
 * Next.js -> one HTTP server -> listen. SIGINT/SIGTERM stop it in reverse order.
 */
import path from "node:path";
import next from "next";
import pino from "pino";
import { createGigaServer } from "./app-server";
import { resolveAuthSecret } from "./auth/secret";
import { resolveVapidKeys } from "./notify/vapid";
import { ConfigError, assertStartable, parseConfig } from "./config";
import { checkSharedSecrets } from "./ops/shared-secrets";
import { openDatabase } from "./db/client";
import { DataDirLockedError, lockDataDir } from "./db/lock";
import { loadStaticAssets, staticAssetHandler } from "./http/static-assets";

async function main() {
  const started = performance.now();
  const config = parseConfig();
  const log = pino({ level: config.LOG_LEVEL });
  const dev = process.argv.includes("--dev");
  const dataDir = path.resolve(config.DATA_DIR);
  assertStartable(config);
  if (config.REDIS_URL) {
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
  // Next.js prepares while the database opens: start-up is the longer of the two, not the sum.
  const nextApp = next({ dev, dir: process.cwd(), hostname: config.HOST, port: config.PORT });
  const nextReady = nextApp.prepare();
  const database = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    pgliteDir: path.join(dataDir, "pglite"),
  });
  await database.migrate();
  const authSecret = await resolveAuthSecret(config.BETTER_AUTH_SECRET, dataDir);
  const vapid = await resolveVapidKeys(config, dataDir);
  await nextReady;
  const handle = nextApp.getRequestHandler();
  // Hashed build files with their brotli and gzip copies, sent by us (http/static-assets.ts); Next serves them in dev.
  const staticAssets = dev ? undefined : staticAssetHandler(await loadStaticAssets(path.join(process.cwd(), ".next", "static")));

  const server = await createGigaServer({ config, database, authSecret, vapid, log, pages: (req, res) => (staticAssets?.(req, res) ? undefined : handle(req, res)) });
  const address = await server.listen(config.PORT, config.HOST);
  log.info(
    { database: database.kind, port: address.port, ms: Math.round(performance.now() - started) },
    `Giga Chat is listening on ${config.BASE_URL}`,
  );

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
      // Up to 7 s for the requests in flight, which leaves time for the rest.
      await server.close({ graceMs: 7_000 });
      await nextApp.close();
      await database.close();
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
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof DataDirLockedError) {
    console.error(err.message);
  } else {
    console.error(err);
  }
  process.exit(1);
});
