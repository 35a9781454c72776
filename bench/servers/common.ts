/**
 * What both benchmark servers share: their database, opened the way the production
 * server opens it, and the IPC protocol the driver uses (ready, seed, stats).
 *
 * The driver picks the place and hands it over as the production server takes it:
 * `DATABASE_URL` (a PostgreSQL database the driver created) or else `DATA_DIR` (PGlite
 * files under DATA_DIR/pglite). The servers never drop it: after the measurement the
 * driver starts the production server (and the bare one) again on the same data, to
 * time a start on existing data, and then removes it.
 */
import path from "node:path";
import { type Database, createPglite, fromPglite, fromPostgres } from "../../src/server/db/client";

export type ToChild = { type: "seed"; sql: string } | { type: "stats" };
export type FromChild =
  | { type: "ready"; url: string }
  | { type: "seeded"; ms: number }
  | { type: "stats"; cpuMicros: number; rss: number; heapUsed: number; external: number };

/** The pool size of both servers: the production default, and one connection per sender. */
export const POOL_SIZE = 10;

export async function benchDatabase(opts: { migrate: boolean }): Promise<Database> {
  const url = process.env.DATABASE_URL;
  const dataDir = process.env.DATA_DIR;
  if (!url && !dataDir) throw new Error("set DATABASE_URL or DATA_DIR");
  const database = url ? fromPostgres(url, POOL_SIZE) : fromPglite(await createPglite({ dataDir: path.join(dataDir!, "pglite") }));
  if (opts.migrate) await database.migrate();
  return database;
}

/** Answers the driver's seed and stats requests; `stop` runs when the driver lets go. */
export function serveIpc(run: (sql: string) => Promise<unknown>, stop: () => Promise<void>) {
  const send = (m: FromChild) => process.send?.(m);
  process.on("message", async (m: ToChild) => {
    if (m.type === "seed") {
      const t = performance.now();
      await run(m.sql);
      await run("analyze"); // what autovacuum (PostgreSQL) or our maintenance job (PGlite) does
      send({ type: "seeded", ms: performance.now() - t });
    } else if (m.type === "stats") {
      globalThis.gc?.();
      const cpu = process.cpuUsage();
      const mem = process.memoryUsage();
      send({ type: "stats", cpuMicros: cpu.user + cpu.system, rss: mem.rss, heapUsed: mem.heapUsed, external: mem.external });
    }
  });
  process.on("disconnect", () => void stop().then(() => process.exit(0)));
  return send;
}
