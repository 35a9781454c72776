import { sql } from "drizzle-orm";
import { createPglite, fromPglite } from "../../db/client";
const database = fromPglite(await createPglite());
await database.migrate();
const db = database.db;
const syl = ["de", "ploy", "ser", "ver", "re", "lease", "mo", "dem", "ka", "tor", "lin", "ux", "ga", "te", "way", "pro", "to", "col"];
const voc = Array.from({ length: 400 }, (_, i) => syl[i % 18]! + syl[(i * 7 + 3) % 18]! + (i % 5 === 0 ? syl[(i * 11) % 18]! : ""));
voc.push("deploy", "server", "release");
const words = sql.raw(`array[${voc.map((w) => `'${w}'`).join(",")}]`);
await db.execute(sql`insert into "user" (id, name, email) values ('u1','U','u@x')`);
await db.execute(sql`insert into servers (id, name, owner_id) values (1, 'B', 'u1')`);
await db.execute(sql`insert into channels (id, server_id, name, type) select i, 1, 'c' || i, 'text' from generate_series(2, 11) i`);
await db.execute(sql`insert into messages (id, channel_id, author_id, content) select 100 + i, 2 + i % 10, 'u1',
  w[1 + floor(random()*${voc.length})::int] || ' ' || w[1 + floor(random()*${voc.length})::int] || ' ' || w[1 + floor(random()*${voc.length})::int] || ' ' || w[1 + floor(random()*${voc.length})::int] || ' ' || w[1 + floor(random()*${voc.length})::int] || ' ' || w[1 + floor(random()*${voc.length})::int]
  from generate_series(1, 100000) i, (select ${words} as w) v`);
await db.execute(sql`analyze`);
const q = process.argv[2] ?? "deploy";
for (const stmt of [
  sql`set enable_seqscan = off`,
  sql`explain analyze select count(*) from (select 1 from messages where channel_id in (3,4,5,6,7,8,9,10,11) and deleted_at is null and (search @@ plainto_tsquery('simple', ${q}) or content ilike ${"%" + q + "%"}) limit 1000) t`,
  sql`explain analyze select id from messages where channel_id in (3,4,5,6,7,8,9,10,11) and deleted_at is null and (search @@ plainto_tsquery('simple', ${q}) or content ilike ${"%" + q + "%"}) order by ts_rank(search, plainto_tsquery('simple', ${q})) desc, id desc limit 25`,
]) {
  const r = (await db.execute(stmt)) as unknown as { rows: Array<Record<string, string>> };
  if (!r.rows) continue;
  console.log(r.rows.map((x) => Object.values(x)[0]).join("\n"));
}
await database.close();
