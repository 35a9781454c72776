/**
 * PostgreSQL's autovacuum keeps planner statistics fresh; PGlite has no background
 * workers, so without this a channel that grew from empty to a million messages keeps
 * its "empty" estimates and history pages fall off the index (measured: 0.08 ms with
 * fresh statistics, 590 ms without, on a million rows). A background job: it runs on
 * the process that leads (cluster/leader.ts).
 */
import { sql } from "drizzle-orm";
import type { Logger } from "pino";
import type { LeaderJob } from "../cluster/leader";
import type { Database } from "./client";

const FIRST_RUN_MS = 60_000;
const EVERY_MS = 10 * 60_000;

/** The statistics refresh, for PGlite; none on PostgreSQL (autovacuum does it). */
export function statisticsJob(database: Database, log: Logger): LeaderJob | null {
  if (database.kind !== "pglite") return null;
  return {
    name: "statistics",
    firstAfterMs: FIRST_RUN_MS,
    everyMs: EVERY_MS,
    run: async () => {
      const started = performance.now();
      await database.db.execute(sql`analyze`);
      log.debug({ ms: Math.round(performance.now() - started) }, "analyze done");
    },
  };
}
