import { type Database, createPglite, fromPglite } from "../src/server/db/client";
import { createScratchPostgres } from "../src/server/db/scratch";

/** A fresh database for one bench run: a scratch one on PostgreSQL at `url`, else PGlite in memory. */
export async function openBenchDatabase(url: string | undefined, prefix: string): Promise<Database & { destroy(): Promise<void> }> {
  if (url) return createScratchPostgres(url, { prefix, poolSize: 10 });
  const database = fromPglite(await createPglite());
  await database.migrate();
  return { ...database, destroy: () => database.close() };
}
