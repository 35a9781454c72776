/**
 * A second drizzle handle on a database's own client that logs every statement it runs
 * (transaction control left out): for tests and benchmarks that count queries.
 */
import type { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import type pg from "pg";
import type { Database, Db } from "./client";
import * as schema from "./schema";

export interface LoggedStatement {
  sql: string;
  params: unknown[];
}

const CONTROL = /^\s*(begin|commit|rollback|savepoint|release)\b/i;

export function withStatementLog(database: Pick<Database, "db" | "kind">): { db: Db; log: LoggedStatement[] } {
  const log: LoggedStatement[] = [];
  const logger = { logQuery: (sql: string, params: unknown[]) => void (CONTROL.test(sql) || log.push({ sql, params })) };
  const client = (database.db as unknown as { $client: PGlite | pg.Pool }).$client;
  const db =
    database.kind === "pglite"
      ? drizzlePglite({ client: client as PGlite, schema, logger })
      : drizzlePg({ client: client as pg.Pool, schema, logger });
  return { db: db as unknown as Db, log };
}
