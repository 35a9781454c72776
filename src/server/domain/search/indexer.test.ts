import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import pino from "pino";
import type { Channel, Invite, Message, SearchResult, Server } from "@/shared/api";
import { type TestClient, type TestServer, startTestServer } from "../../testing/harness";
import { testDatabaseKinds } from "../../testing/databases";
import { until } from "../../testing/until";
import { catchUpSearchIndex, createSearchIndexer } from "./indexer";

/** The promise: a message is found by search within a second of its send. */
const WITHIN_MS = 1_000;

describe.each(testDatabaseKinds())("search index on %s", (kind) => {
  let t: TestServer;
  let owner: TestClient;
  let server: Server;
  let general: Channel;

  beforeAll(async () => {
    t = await startTestServer(kind);
    owner = t.client();
    await owner.signUp("Indexer Owner");
    server = (await owner.post<Server>("/api/v1/servers", { name: "Indexed" })).body;
    general = (await owner.get<Channel[]>(`/api/v1/servers/${server.id}/channels`)).body[0]!;
  });
  afterAll(async () => {
    await t?.close();
  });

  const rows = async <T>(query: ReturnType<typeof sql>) => ((await t.database.db.execute(query)) as unknown as { rows: T[] }).rows;
  const search = async (q: string) => {
    const res = await owner.get<SearchResult>(`/api/v1/servers/${server.id}/messages/search?q=${encodeURIComponent(q)}`);
    expect(res.status).toBe(200);
    return res.body.messages.map((m) => m.content);
  };
  const send = async (content: string) => {
    const res = await owner.post<Message>(`/api/v1/channels/${general.id}/messages`, { content });
    expect(res.status).toBe(201);
    return res.body;
  };
  const indexedContent = async (id: string) =>
    (await rows<{ content: string }>(sql`select content from message_search where message_id = ${BigInt(id)}`))[0]?.content;

  it("finds a message within one second of its send", async () => {
    const sent = await send("the quokka report is ready");
    await until(async () => (await search("quokka")).includes(sent.content), WITHIN_MS);
  });

  it("indexes a send in the background within one second, with no search asking", async () => {
    const sent = await send("a lonely axolotl in the background");
    await until(async () => (await indexedContent(sent.id)) === sent.content, WITHIN_MS);
    expect(await search("axolotl")).toEqual([sent.content]);
  });

  it("sees an edit: the new words are found, the old ones no longer", async () => {
    const sent = await send("meet at the wombat gate");
    const edited = await owner.request("PATCH", `/api/v1/channels/${general.id}/messages/${sent.id}`, { content: "meet at the platypus gate" });
    expect(edited.status).toBe(200);
    await until(async () => (await search("platypus")).includes("meet at the platypus gate"), WITHIN_MS);
    expect(await search("wombat")).toEqual([]);
    // And the background run re-indexes it by itself too.
    const again = await owner.request("PATCH", `/api/v1/channels/${general.id}/messages/${sent.id}`, { content: "meet at the echidna gate" });
    expect(again.status).toBe(200);
    await until(async () => (await indexedContent(sent.id)) === "meet at the echidna gate", WITHIN_MS);
  });

  it("never finds a deleted message", async () => {
    const sent = await send("the narwhal memo");
    await until(async () => (await search("narwhal")).length === 1, WITHIN_MS);
    expect((await owner.request("DELETE", `/api/v1/channels/${general.id}/messages/${sent.id}`)).status).toBe(204);
    expect(await search("narwhal")).toEqual([]);
    // Its search row is emptied in the background too, so no later run brings the text back.
    await until(async () => (await indexedContent(sent.id)) === "", WITHIN_MS);
    expect(await search("narwhal")).toEqual([]);
  });

  it("indexes messages written without the server (an import), and several indexers at once index each once", async () => {
    const channelId = BigInt(general.id);
    const authorId = owner.user!.id;
    await t.database.db.execute(sql`
      insert into messages (id, channel_id, author_id, content)
      select 5000000000000 + i, ${channelId}, ${authorId}, 'imported pangolin ' || i from generate_series(1, 3000) i`);
    // An edit queued while the first copy is still unindexed: the last text wins.
    await t.database.db.execute(sql`update messages set content = 'imported pangolin edited' where id = 5000000000001`);
    const other = createSearchIndexer(t.database.db, t.database.kind, pino({ level: "silent" }));
    await Promise.all([catchUpSearchIndex(t.database.db), catchUpSearchIndex(t.database.db), other.run()]);
    await other.stop();
    const [counts] = await rows<{ indexed: number; queued: number; stale: number }>(sql`
      select (select count(*)::int from message_search where content like 'imported pangolin%') as indexed,
        (select count(*)::int from message_search_queue) as queued,
        (select count(*)::int from message_search s join messages m on m.id = s.message_id
          where s.content <> case when m.deleted_at is null then m.content else '' end) as stale`);
    expect(counts).toEqual({ indexed: 3000, queued: 0, stale: 0 });
    expect(await search('"pangolin edited"')).toEqual(["imported pangolin edited"]);
  });

  it("keeps a system line (a join) out of the index", async () => {
    const invite = (await owner.post<Invite>(`/api/v1/servers/${server.id}/invites`, {})).body;
    const member = t.client();
    await member.signUp("Indexer Member");
    expect((await member.post(`/api/v1/invites/${invite.code}`)).status).toBe(200);
    await send("after the join");
    await until(async () => (await search("after the join")).length === 1, WITHIN_MS);
    const [lines] = await rows<{ joins: number; indexed: number }>(sql`
      select (select count(*)::int from messages where type = 'join' and channel_id = ${BigInt(general.id)}) as joins,
        (select count(*)::int from message_search s join messages m on m.id = s.message_id where m.type <> 'default') as indexed`);
    expect(lines).toEqual({ joins: 1, indexed: 0 });
  });
});
