/**
 * A statement on the hot path written as SQL text, run the cheapest way each database
 * allows. On PostgreSQL outside a transaction it is prepared by name on each pool
 * connection: parsed and planned once per connection instead of at every send (drizzle's
 * `execute` sends an unnamed statement, which PostgreSQL parses and plans every time).
 * On PGlite it is prepared by name once too, and each run is one call into the database
 * (bind, describe, execute, sync) where a query is six, with a parse and a plan among
 * them: PGlite shares the app's thread, so each of those costs the app. Inside a
 * transaction it goes through the transaction's own connection as drizzle SQL.
 */
import { type SQL, sql } from "drizzle-orm";
import type { Tx } from "./client";

interface PoolLike {
  totalCount: number;
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}
type PgliteModule = typeof import("@electric-sql/pglite");
type BackendMessages = Parameters<PgliteModule["parse"]["parseResults"]>[0];
interface PgliteLike {
  parsers: Parameters<PgliteModule["parse"]["parseResults"]>[1];
  serializers: Record<number | string, (value: unknown) => string>;
  execProtocolStream(message: Uint8Array, options: { syncToFs: boolean }): Promise<BackendMessages>;
  syncToFs(): Promise<void>;
  _runExclusiveTransaction<T>(fn: () => Promise<T>): Promise<T>;
  _runExclusiveQuery<T>(fn: () => Promise<T>): Promise<T>;
}

/** PGlite's protocol helpers, from the module the client was made with (loaded only on PGlite). */
let pglite: PgliteModule | undefined;
/** Per PGlite client: each prepared statement's parameter types. */
const preparedOn = new WeakMap<PgliteLike, Map<string, number[]>>();

async function runOnPglite(client: PgliteLike, name: string, text: string, values: unknown[]): Promise<unknown[]> {
  const m = (pglite ??= await import("@electric-sql/pglite"));
  const { serialize } = m.protocol;
  // As PGlite's own query: no other statement or transaction runs in between.
  return client._runExclusiveTransaction(() =>
    client._runExclusiveQuery(async () => {
      let statements = preparedOn.get(client);
      if (!statements) preparedOn.set(client, (statements = new Map()));
      let types = statements.get(name);
      if (!types) {
        const described = await client.execProtocolStream(
          Buffer.concat([serialize.parse({ name, text }), serialize.describe({ type: "S", name }), serialize.sync()]),
          { syncToFs: false },
        );
        types = m.parse.parseDescribeStatementResults(described);
        statements.set(name, types);
      }
      const params = values.map((v, i) => (v === null || v === undefined ? null : (client.serializers[types[i]!]?.(v) ?? String(v))));
      const messages = await client.execProtocolStream(
        Buffer.concat([serialize.bind({ statement: name, values: params }), serialize.describe({ type: "P" }), serialize.execute({}), serialize.sync()]),
        { syncToFs: false },
      );
      await client.syncToFs();
      return m.parse.parseResults(messages, client.parsers)[0]?.rows ?? [];
    }),
  );
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
    if (client) return (await runOnPglite(client as PgliteLike, name, text, values)) as Row[];
    const result = (await db.execute(asSql(text, values))) as unknown as { rows: unknown[] };
    return result.rows as Row[];
  };
}
