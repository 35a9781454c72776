import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { testDatabaseKinds } from "../testing/databases";
import { type Db, createPglite, migrationsFolder } from "./client";
import * as schema from "./schema";

/** The migration that moved search out of `messages`. */
const SEARCH_MIGRATION = "0013_search_index";

/** The migrations folder as it was before SEARCH_MIGRATION: a database of that version is made from it. */
async function folderBefore(tag: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "giga-migrations-"));
  await cp(migrationsFolder, dir, { recursive: true });
  const journalFile = path.join(dir, "meta", "_journal.json");
  const journal = JSON.parse(await readFile(journalFile, "utf8")) as { entries: Array<{ idx: number; tag: string }> };
  const at = journal.entries.findIndex((e) => e.tag === tag);
  expect(at).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, at);
  await writeFile(journalFile, JSON.stringify(journal));
  return dir;
}

interface Upgradable {
  db: Db;
  migrate(folder: string): Promise<void>;
  close(): Promise<void>;
}

async function open(kind: "pglite" | "postgres"): Promise<Upgradable> {
  if (kind === "pglite") {
    const client = await createPglite();
    const db = drizzlePglite({ client, schema });
    return { db: db as unknown as Db, migrate: (folder) => migratePglite(db, { migrationsFolder: folder }), close: () => client.close() };
  }
  const adminUrl = process.env.TEST_DATABASE_URL!;
  const name = `giga_test_upgrade_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(statement).finally(() => client.end());
  };
  await admin(`create database "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
  const db = drizzlePg({ client: pool, schema });
  return {
    db: db as unknown as Db,
    migrate: (folder) => migratePg(db, { migrationsFolder: folder }),
    close: async () => {
      await pool.end();
      await admin(`drop database if exists "${name}" with (force)`);
    },
  };
}

describe.each(testDatabaseKinds())("upgrading a database with messages to the separate search index on %s", (kind) => {
  const cleanup: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const step of cleanup.reverse()) await step();
  });

  it("backfills every person's standing message, drops the column and indexes from messages, and queues new ones", async () => {
    const before = await folderBefore(SEARCH_MIGRATION);
    cleanup.push(() => rm(before, { recursive: true, force: true }));
    const database = await open(kind);
    cleanup.push(() => database.close());
    const { db } = database;
    const rows = async <T>(query: ReturnType<typeof sql>) => ((await db.execute(query)) as unknown as { rows: T[] }).rows;

    await database.migrate(before);
    await db.execute(sql`insert into "user" (id, name, username, email) values ('u1', 'Ada', 'ada', 'ada@example.test')`);
    await db.execute(sql`insert into servers (id, name, owner_id) values (1, 'Old', 'u1')`);
    await db.execute(sql`insert into channels (id, server_id, name, type) values (10, 1, 'general', 'text')`);
    await db.execute(sql`
      insert into messages (id, channel_id, author_id, content, type, deleted_at)
      select i, 10, 'u1', case when i = 500 then 'Ada joined' else 'old message ' || i || ' about the deploy' end,
        case when i = 500 then 'join' else 'default' end, case when i = 600 then now() end
      from generate_series(1, 1000) i`);

    await database.migrate(migrationsFolder);

    const [state] = await rows<{ indexed: number; mismatched: number; joins: number; column: number; indexes: number; queued: number }>(sql`
      select (select count(*)::int from message_search) as indexed,
        (select count(*)::int from message_search s join messages m on m.id = s.message_id
          where s.content <> m.content or s.channel_id <> m.channel_id or s.search <> to_tsvector('simple', m.content)) as mismatched,
        (select count(*)::int from message_search where message_id in (500, 600)) as joins,
        (select count(*)::int from information_schema.columns where table_name = 'messages' and column_name = 'search') as column,
        (select count(*)::int from pg_indexes where tablename = 'messages' and indexname in ('messages_search_idx', 'messages_content_trgm_idx')) as indexes,
        (select count(*)::int from message_search_queue) as queued`);
    expect(state).toEqual({ indexed: 998, mismatched: 0, joins: 0, column: 0, indexes: 0, queued: 0 });

    // From now on a write only queues the message; the indexer does the rest.
    await db.execute(sql`insert into messages (id, channel_id, author_id, content) values (2000, 10, 'u1', 'a new message')`);
    await db.execute(sql`update messages set content = 'an edited message' where id = 1`);
    await db.execute(sql`update messages set pinned_at = now() where id = 2`);
    await db.execute(sql`update messages set deleted_at = now() where id = 3`);
    const queued = await rows<{ message_id: string | bigint }>(sql`select message_id from message_search_queue order by message_id`);
    expect(queued.map((r) => String(r.message_id))).toEqual(["1", "3", "2000"]);
  });
});
