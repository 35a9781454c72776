/**
 * Search over 100,000 generated messages: p50/p95 per query shape, on PGlite by default
 * or on PostgreSQL when BENCH_DATABASE_URL is set. Not a test (no timed assertions);
 * run with `npx tsx bench/search.ts`.
 */
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { DefaultRolePermissions, Permission } from "../src/shared/permissions";
import { type Database, createPglite, fromPglite } from "../src/server/db/client";
import { createScratchPostgres } from "../src/server/db/scratch";
import { searchMessages } from "../src/server/domain/search/searchMessages";
import { benchContext } from "./context";

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const SERVER = 9_000_000n;
const CHANNELS = 10;

/** Pseudo-words from syllables, so partial words hit many different whole words. */
const syllables = ["de", "ploy", "ser", "ver", "re", "lease", "mo", "dem", "ka", "tor", "lin", "ux", "ga", "te", "way", "pro", "to", "col"];
const vocabulary = Array.from({ length: 400 }, (_, i) => syllables[i % 18]! + syllables[(i * 7 + 3) % 18]! + (i % 5 === 0 ? syllables[(i * 11) % 18]! : ""));
vocabulary.push("deploy", "server", "release", "tomorrow", "incident", "rollback");

async function open(): Promise<Database & { destroy(): Promise<void> }> {
  const url = process.env.BENCH_DATABASE_URL;
  if (url) return createScratchPostgres(url, { prefix: "giga_bench_search", poolSize: 4 });
  const database = fromPglite(await createPglite());
  await database.migrate();
  return { ...database, destroy: () => database.close() };
}

async function seed(database: Database) {
  const db = database.db;
  const words = sql.raw(`array[${vocabulary.map((w) => `'${w}'`).join(",")}]`);
  const n = vocabulary.length;
  await db.execute(sql`insert into "user" (id, name, username, email) select 'u' || i, 'User ' || i, 'user' || i, 'u' || i || '@bench.test' from generate_series(1, 20) i`);
  await db.execute(sql`insert into servers (id, name, owner_id) values (${SERVER}, 'Bench', 'u1')`);
  await db.execute(sql`insert into roles (id, server_id, name, permissions) values (${SERVER}, ${SERVER}, '@everyone', ${DefaultRolePermissions.everyone})`);
  await db.execute(sql`insert into members (server_id, user_id) select ${SERVER}, 'u' || i from generate_series(1, 20) i`);
  await db.execute(sql`insert into channels (id, server_id, name, type) select ${SERVER} + i, ${SERVER}, 'channel-' || i, 'text' from generate_series(1, ${CHANNELS}) i`);
  // One private channel, so the permission filter has something to exclude.
  await db.execute(sql`insert into channel_overwrites (channel_id, role_id, deny) values (${SERVER + 1n}, ${SERVER}, ${Permission.ViewChannel})`);
  await db.execute(sql`
    insert into messages (id, channel_id, author_id, content, created_at, mention_user_ids)
    select ${SERVER * 10n} + i, ${SERVER} + 1 + i % ${CHANNELS}, 'u' || (1 + i % 20),
      w[1 + floor(random() * ${n})::int] || ' ' || w[1 + floor(random() * ${n})::int] || ' ' || w[1 + floor(random() * ${n})::int] || ' '
        || w[1 + floor(random() * ${n})::int] || ' ' || w[1 + floor(random() * ${n})::int] || ' ' || w[1 + floor(random() * ${n})::int]
        || case when random() < 0.02 then ' https://example.com/' || i else '' end,
      now() - (${MESSAGES} - i) * interval '1 minute',
      case when random() < 0.01 then array['u2'] else '{}' end
    from generate_series(1, ${MESSAGES}) i, (select ${words} as w) v`);
  await db.execute(sql`analyze`);
}

const queries = [
  "deploy",
  "eploy",
  "deploy server",
  '"deploy server"',
  "rollback incident",
  "zzzz",
  "go",
  "from:u3 has:link",
  "in:channel-4 release",
  "mentions:u2 after:2026-01-01",
];

function quantile(sorted: number[], q: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

async function main() {
  const database = await open();
  try {
    const seedStart = performance.now();
    await seed(database);
    const seedMs = performance.now() - seedStart;
    const rows: Array<Record<string, string | number>> = [];
    const all: number[] = [];
    const reader = benchContext(database.db, "u5");
    for (const q of queries) {
      await searchMessages({ scope: { serverId: SERVER }, q, limit: 25, offset: 0 }, reader); // warm
      const times: number[] = [];
      let total = 0;
      for (let i = 0; i < RUNS; i++) {
        const start = performance.now();
        total = (await searchMessages({ scope: { serverId: SERVER }, q, limit: 25, offset: 0 }, reader)).total;
        times.push(performance.now() - start);
      }
      times.sort((a, b) => a - b);
      all.push(...times);
      rows.push({ query: q, total, p50: +quantile(times, 0.5).toFixed(2), p95: +quantile(times, 0.95).toFixed(2) });
    }
    all.sort((a, b) => a - b);
    console.log(`${database.kind}: ${MESSAGES} messages seeded in ${(seedMs / 1000).toFixed(1)} s, ${RUNS} runs per query`);
    console.table(rows);
    console.log(`all queries: p50 ${quantile(all, 0.5).toFixed(2)} ms, p95 ${quantile(all, 0.95).toFixed(2)} ms`);
  } finally {
    await database.destroy();
  }
}

await main();
