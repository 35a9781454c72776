/**
 * A statement on the send path written as SQL text, run the cheapest way each database
 * allows. On PostgreSQL outside a transaction it is prepared by name on each pool
 * connection: parsed and planned once per connection instead of at every send (drizzle's
 * `execute` sends an unnamed statement, which PostgreSQL parses and plans every time).
 * On PGlite it goes straight to the client; inside a transaction, through the
 * transaction's own connection as drizzle SQL.
 */
import { type SQL, sql } from "drizzle-orm";
import type { Tx } from "./client";

interface PoolLike {
  totalCount: number;
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}
interface PgliteLike {
  query(text: string, values: unknown[]): Promise<{ rows: unknown[] }>;
}

function asSql(text: string, values: readonly unknown[]): SQL {
  // "$1" … "$n" in the text become drizzle parameters; the rest stays as written.
  const parts = text.split(/\$(\d+)/);
  return sql.join(
    parts.map((part, i) => (i % 2 === 0 ? sql.raw(part) : sql`${values[Number(part) - 1]}`)),
    sql.raw(""),
  );
}

/** Drizzle's logger on a handle (a no-op one unless a statement log asked for it). */
type Logged = { session?: { logger?: { logQuery(text: string, params: unknown[]): void } } };

export function hotStatement<Row>(name: string, text: string) {
  return async (db: Tx, values: unknown[]): Promise<Row[]> => {
    // Only a database handle has its client; a transaction does not.
    const client = (db as { $client?: PoolLike | PgliteLike }).$client;
    // Told to the handle's logger as drizzle's own statements are, so statement logs see it.
    if (client) (db as Logged).session?.logger?.logQuery(text, values);
    if (client && "totalCount" in client) return (await client.query({ name, text, values })).rows as Row[];
    if (client) return (await (client as PgliteLike).query(text, values)).rows as Row[];
    const result = (await db.execute(asSql(text, values))) as unknown as { rows: unknown[] };
    return result.rows as Row[];
  };
}
