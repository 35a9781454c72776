/**
 * Opens the database: PGlite (PostgreSQL in WASM, in-process) when no DATABASE_URL is
 * set, PostgreSQL through node-postgres otherwise. Both run the same migrations.
 */
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { PGlite, PGliteOptions } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { sql } from "drizzle-orm";
import pg from "pg";
import * as schema from "./schema";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction or the database itself: domain commands accept either. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0] | Db;

export interface Listening {
  /**
   * Resolves once every notification of a change committed before the call has been
   * heard (PGlite: at once, it tells them before a statement returns; PostgreSQL: a round
   * trip on the listening connection, shared by the calls made while one is out). Rejects
   * when the connection is down: then nothing may be taken as unchanged.
   */
  caughtUp(): Promise<void>;
  stop(): Promise<void>;
}

export interface Database {
  db: Db;
  kind: "pglite" | "postgres";
  migrate(): Promise<void>;
  close(): Promise<void>;
  /**
   * Hears NOTIFY on `channel`. `lost` is called whenever notifications may have been missed
   * (PostgreSQL: the listening connection dropped; it reconnects by itself).
   */
  listen(channel: string, heard: (payload: string) => void, lost: () => void): Promise<Listening>;
}

/** Migrations sit beside this file in the source tree and beside the bundle in dist/. */
export const migrationsFolder = fileURLToPath(new URL("./migrations", import.meta.url));

export function fromPglite(client: PGlite): Database {
  const db = drizzlePglite({ client, schema });
  return {
    db: db as unknown as Db,
    kind: "pglite",
    migrate: async () => {
      if (await upToDate(db as unknown as Db)) return;
      await migratePglite(db, { migrationsFolder });
    },
    close: () => client.close(),
    // One connection: a notification is told before the statement that caused it returns.
    listen: async (channel, heard) => {
      const unlisten = await client.listen(channel, heard);
      return {
        caughtUp: () => Promise.resolve(),
        // A database closed first has nothing left to stop.
        stop: () => (client.closed ? Promise.resolve() : unlisten().catch(() => undefined)),
      };
    },
  };
}

/**
 * How long a request waits for a new connection before it answers 503 (a database that
 * is down refuses at once; one behind a dead network would otherwise hang the request).
 */
const CONNECT_TIMEOUT_MS = 5_000;

export function fromPostgres(url: string, poolSize = 10): Database & { pool: pg.Pool } {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    // Notices a peer that vanished (failover, a dropped network) on idle connections.
    keepAlive: true,
  });
  // A connection the server drops (restart, failover, a dropped test database) is
  // reported as an "error" event. The pool removes idle ones itself and reports them
  // here; without a listener that report would crash the process. The next query simply
  // opens a new connection.
  pool.on("error", () => undefined);
  // A connection that is checked out (between the statements of a transaction) has no
  // pool listener: its "error" event would crash the process too. With this one its
  // next statement fails as unavailable (503), and the pool discards it on release
  // because it is no longer queryable.
  pool.on("connect", (client) => {
    client.on("error", () => undefined);
  });
  const db = drizzlePg({ client: pool, schema });
  return {
    db: db as unknown as Db,
    kind: "postgres",
    pool,
    migrate: async () => {
      if (await upToDate(db as unknown as Db)) return;
      await migrateOnce(pool, () => migratePg(db, { migrationsFolder }));
    },
    close: () => pool.end(),
    listen: (channel, heard, lost) => listenOnPostgres(url, channel, heard, lost),
  };
}

const RELISTEN_MIN_MS = 250;
const RELISTEN_MAX_MS = 10_000;

/**
 * LISTEN on a connection of its own (a pooled one goes back to the pool between
 * statements). When it drops, `lost` is told (what was sent meanwhile is gone) and it
 * connects again, waiting longer after each failure.
 */
async function listenOnPostgres(url: string, channel: string, heard: (payload: string) => void, lost: () => void): Promise<Listening> {
  let stopped = false;
  let client: pg.Client | undefined;
  /** The connection that is up and listening, if any. */
  let live: pg.Client | undefined;
  let timer: NodeJS.Timeout | undefined;
  let delay = RELISTEN_MIN_MS;
  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, keepAlive: true });
    client = c;
    let dropped = false;
    const drop = () => {
      if (dropped) return;
      dropped = true;
      if (live === c) live = undefined;
      void c.end().catch(() => undefined);
      if (stopped) return;
      lost();
      timer = setTimeout(() => void connect().catch(() => undefined), delay);
      timer.unref();
      delay = Math.min(delay * 2, RELISTEN_MAX_MS);
    };
    c.on("error", drop);
    c.on("end", drop);
    c.on("notification", (n) => {
      if (n.channel === channel) heard(n.payload ?? "");
    });
    try {
      await c.connect();
      await c.query(`listen ${pg.escapeIdentifier(channel)}`);
      live = c;
      delay = RELISTEN_MIN_MS;
      // The connection is not what keeps the process running.
      (c as unknown as { connection?: { stream?: { unref?: () => void } } }).connection?.stream?.unref?.();
    } catch {
      drop();
    }
  };
  await connect();

  // A statement on the listening connection is answered only after the notifications
  // already signalled to it: PostgreSQL sends those before it says it is ready again, and
  // a change committed before the statement was sent has signalled. One round trip serves
  // every call made before it was sent; calls made meanwhile wait for the next one.
  let inFlight: Promise<void> | undefined;
  let next: Promise<void> | undefined;
  const roundTrip = (): Promise<void> => {
    const c = live;
    if (!c) return Promise.reject(new Error("not listening"));
    return c.query("").then(() => undefined);
  };
  const caughtUp = (): Promise<void> => {
    if (!inFlight) {
      inFlight = roundTrip().finally(() => (inFlight = undefined));
      return inFlight;
    }
    next ??= inFlight
      .catch(() => undefined)
      .then(() => {
        next = undefined;
        return caughtUp();
      });
    return next;
  };
  return {
    caughtUp,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await client?.end().catch(() => undefined);
    },
  };
}

/**
 * Whether every migration in the folder is applied: the newest one recorded in the
 * database is at least as recent as the journal's last (the migrator's own test). One
 * query, where the migrator reads and hashes every file and runs its DDL at each start.
 */
async function upToDate(db: Db): Promise<boolean> {
  const journal = JSON.parse(await readFile(`${migrationsFolder}/meta/_journal.json`, "utf8")) as { entries: { when: number }[] };
  const newest = Math.max(...journal.entries.map((e) => e.when));
  try {
    const result = await db.execute<{ created_at: string | number }>(
      sql`select created_at from drizzle.__drizzle_migrations order by created_at desc limit 1`,
    );
    const rows = (Array.isArray(result) ? result : (result as { rows: { created_at: string | number }[] }).rows) as { created_at: string | number }[];
    return rows.length > 0 && Number(rows[0]!.created_at) >= newest;
  } catch {
    // No migrations table yet: a new database.
    return false;
  }
}

/** Key of the session-level advisory lock that serializes migrations between processes. */
const MIGRATION_LOCK = 7_142_205_633;

/**
 * Several processes starting at once on one database (compose's app1 and app2) migrate
 * one after another: each holds an advisory lock on a connection of its own while it
 * runs, so the second finds the first's migrations recorded and applies nothing twice.
 */
async function migrateOnce(pool: pg.Pool, run: () => Promise<void>): Promise<void> {
  const lock = await pool.connect();
  try {
    await lock.query("select pg_advisory_lock($1)", [MIGRATION_LOCK]);
    await run();
  } finally {
    await lock.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => undefined);
    lock.release();
  }
}

/**
 * A PGlite with the extensions our migrations use (pg_trgm for partial-word search).
 * PGlite is imported here, so a server on PostgreSQL never loads it.
 */
export async function createPglite(opts: Omit<PGliteOptions, "extensions"> & { dataDir?: string } = {}): Promise<PGlite> {
  const [{ PGlite }, { pg_trgm }] = await Promise.all([import("@electric-sql/pglite"), import("@electric-sql/pglite/contrib/pg_trgm")]);
  return PGlite.create({ ...opts, extensions: { pg_trgm } });
}

export async function openDatabase(opts: { databaseUrl?: string; pgliteDir?: string }): Promise<Database> {
  if (opts.databaseUrl) return fromPostgres(opts.databaseUrl);
  const client = await createPglite({ dataDir: opts.pgliteDir ?? "memory://" });
  return fromPglite(client);
}
