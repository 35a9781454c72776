/**
 * Where a benchmark server keeps its data: a PostgreSQL database or a PGlite data
 * directory the driver creates, hands to the server as the production server takes it
 * (DATABASE_URL, DATA_DIR), and removes at the end. PostgreSQL when BENCH_DATABASE_URL
 * is set (a user that may create databases), else PGlite.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";

export const ADMIN_URL = process.env.BENCH_DATABASE_URL;
export const ON_POSTGRES = Boolean(ADMIN_URL);

export interface Place {
  env: Record<string, string>;
  /** The PostgreSQL database's name, to find its backends. */
  database?: string;
  remove(): Promise<void>;
}

export async function adminQuery<T extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

export async function newPlace(label: string): Promise<Place> {
  // The production server also keeps its generated secrets in DATA_DIR, on PostgreSQL too.
  const dataDir = await mkdtemp(path.join(os.tmpdir(), `giga-bench-${label}-`));
  if (!ADMIN_URL) return { env: { DATA_DIR: dataDir }, remove: () => rm(dataDir, { recursive: true, force: true }) };
  const name = `giga_bench_${Date.now()}_${Math.random().toString(36).slice(2, 8)}_${label}`;
  await adminQuery(`create database "${name}"`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString(), DATA_DIR: dataDir },
    database: name,
    remove: async () => {
      await adminQuery(`drop database if exists "${name}" with (force)`);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The driver's environment without what would point a server elsewhere. */
export function serverEnv(place: Place): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", ...place.env };
  if (!place.env.DATABASE_URL) delete env.DATABASE_URL;
  delete env.REDIS_URL;
  return env;
}
