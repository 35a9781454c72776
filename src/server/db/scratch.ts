/**
 * A throwaway PostgreSQL database for tests and benchmarks: created (and migrated) under
 * a unique name next to `adminUrl`'s database, dropped by `destroy`, so runs never collide.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { type Database, fromPostgres } from "./client";

async function admin(adminUrl: string, statement: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export async function createScratchPostgres(
  adminUrl: string,
  opts: { prefix: string; poolSize: number },
): Promise<Database & { destroy(): Promise<void> }> {
  const name = `${opts.prefix}_${Date.now()}_${randomBytes(4).toString("hex")}`;
  await admin(adminUrl, `create database "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = fromPostgres(url.toString(), opts.poolSize);
  await database.migrate();
  return {
    ...database,
    destroy: async () => {
      await database.close();
      await admin(adminUrl, `drop database if exists "${name}" with (force)`);
    },
  };
}
