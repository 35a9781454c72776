/**
 * What both benchmark servers share: a fresh database of the kind asked for, and the
 * IPC protocol the driver uses (ready, seed, stats).
 */
import { type Database, createPglite, fromPglite } from "../../src/server/db/client";
import { createScratchPostgres } from "../../src/server/db/scratch";

export type ToChild = { type: "seed"; sql: string } | { type: "stats" };
export type FromChild =
  | { type: "ready"; url: string }
  | { type: "seeded"; ms: number }
  | { type: "stats"; cpuMicros: number; rss: number; heapUsed: number; external: number };

export async function benchDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  const adminUrl = process.env.BENCH_DATABASE_URL;
  if (!adminUrl) {
    const database = fromPglite(await createPglite());
    await database.migrate();
    return { database, drop: () => database.close() };
  }
  const database = await createScratchPostgres(adminUrl, { prefix: "giga_bench", poolSize: 10 });
  return { database, drop: () => database.destroy() };
}

/** Answers the driver's seed and stats requests; returns when told to stop. */
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
