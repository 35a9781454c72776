/**
 * A history page comes from one statement (listMessages.ts). Here every kind of page
 * over a varied channel is compared, byte for byte, with what the per-part loaders and
 * `hydrateMessages` make of the same rows: replies to live, deleted and other-channel
 * messages, reactions given by several people, live and deleted attachments in the
 * sender's order, a call line with its call, pins, edits, mentions and deleted messages.
 */
import { and, asc, desc, eq, gt, gte, isNull, lt, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Attachment, Channel, Invite, Message, Server } from "@/shared/api";
import type { Tx } from "../../db/client";
import { messages, user } from "../../db/schema";
import { withStatementLog } from "../../db/statement-log";
import { type TestClient, type TestServer, startTestServer } from "../../testing/harness";
import { testDatabaseKinds } from "../../testing/databases";
import { hydrateMessages } from "./present";

/** The page as it was read before the one-statement page: rows, then `hydrateMessages`. */
async function reference(tx: Tx, channelId: bigint, q: { before?: bigint; after?: bigint; around?: bigint; limit: number }, viewerId: string) {
  const page = async (where: { before?: bigint; after?: bigint; from?: bigint }, limit: number) => {
    const forward = where.after !== undefined || where.from !== undefined;
    const rows = await tx
      .select({ message: messages, author: { id: user.id, name: user.name, image: user.image } })
      .from(messages)
      .innerJoin(user, eq(user.id, messages.authorId))
      .where(
        and(
          eq(messages.channelId, channelId),
          isNull(messages.deletedAt),
          where.before !== undefined ? lt(messages.id, where.before) : undefined,
          where.after !== undefined ? gt(messages.id, where.after) : undefined,
          where.from !== undefined ? gte(messages.id, where.from) : undefined,
        ),
      )
      .orderBy(forward ? asc(messages.id) : desc(messages.id))
      .limit(limit);
    if (forward) rows.reverse();
    return rows;
  };
  let rows;
  if (q.around !== undefined) {
    const half = Math.floor(q.limit / 2);
    rows = [...(await page({ from: q.around }, q.limit - half)), ...(await page({ before: q.around }, half))];
  } else {
    rows = await page({ before: q.before, after: q.after }, q.limit);
  }
  return hydrateMessages(tx, rows, viewerId);
}

describe.each(testDatabaseKinds())("a history page on %s", (kind) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("is the same, byte for byte, as the rows presented by the per-part loaders", async () => {
    const owner = t.client();
    await owner.signUp("Owner");
    const server = (await owner.post<Server>("/api/v1/servers", { name: "Pages" })).body;
    const [channel] = (await owner.get<Channel[]>(`/api/v1/servers/${server.id}/channels`)).body;
    const other = (await owner.post<Channel>(`/api/v1/servers/${server.id}/channels`, { name: "elsewhere" })).body;
    const invite = (await owner.post<Invite>(`/api/v1/servers/${server.id}/invites`, {})).body;
    const people: TestClient[] = [owner];
    for (const name of ["Ann", "Bob"]) {
      const c = t.client();
      await c.signUp(name);
      await c.post(`/api/v1/invites/${invite.code}`);
      people.push(c);
    }
    const [, ann, bob] = people as [TestClient, TestClient, TestClient];
    const base = `/api/v1/channels/${channel!.id}`;
    const send = async (c: TestClient, content: string, extra: object = {}) => {
      const r = await c.post<Message>(`${base}/messages`, { content, ...extra });
      expect(r.status).toBe(201);
      return r.body;
    };
    const react = (c: TestClient, m: Message, emoji: string) =>
      c.request("PUT", `${base}/messages/${m.id}/reactions/${encodeURIComponent(emoji)}/@me`);

    const elsewhere = (await owner.post<Message>(`/api/v1/channels/${other.id}/messages`, { content: "over there" })).body;
    const sent: Message[] = [];
    for (let i = 0; i < 40; i++) {
      const by = people[i % 3]!;
      const extra: Record<string, unknown> = {};
      if (i % 7 === 3 && sent.length) extra.replyToId = sent[sent.length - 2]?.id ?? sent[0]!.id;
      if (i % 9 === 4) {
        const files = [];
        for (const name of ["b.txt", "a.txt", "c.png"]) {
          files.push((await by.upload<Attachment>(`${base}/attachments`, name, Buffer.from(`${name} ${i}`))).body.id);
        }
        extra.attachmentIds = files;
      }
      const content = i % 5 === 0 ? `hello <@${ann.user!.id}> number ${i} ${"é".repeat(i * 7)}` : `message ${i}`;
      sent.push(await send(by, content, extra));
    }
    for (const [i, m] of sent.entries()) {
      if (i % 3 === 0) await react(ann, m, "👍");
      if (i % 4 === 0) await react(bob, m, "🎉");
      if (i % 4 === 0) await react(owner, m, "👍");
      if (i % 6 === 0) await react(owner, m, "🔥");
    }
    await owner.request("PUT", `${base}/pins/${sent[5]!.id}`);
    await ann.request("PATCH", `${base}/messages/${sent[7]!.id}`, { content: "edited" });
    // A reply whose original is deleted, and deleted messages that pages skip.
    await owner.request("DELETE", `${base}/messages/${sent[8]!.id}`);
    await owner.request("DELETE", `${base}/messages/${sent[20]!.id}`);
    const db = t.server.services.db;
    // The API refuses a reply across channels; an older row may still hold one.
    await db.update(messages).set({ replyToId: BigInt(elsewhere.id) }).where(eq(messages.id, BigInt(sent[11]!.id)));
    // One file of a message removed (deleted attachments are not shown).
    const withFiles = sent[4]!;
    await db.execute(sql`update attachments set deleted_at = now() where id = ${BigInt(withFiles.attachments[1]!.id)}`);
    // A call line with its call, at times with microseconds.
    const line = sent[30]!;
    await db.update(messages).set({ type: "call" }).where(eq(messages.id, BigInt(line.id)));
    await db.execute(sql`
      insert into calls (id, channel_id, message_id, started_by, started_at, ended_at, participant_ids, rung_ids)
      values (${BigInt(line.id) + 1n}, ${BigInt(channel!.id)}, ${BigInt(line.id)}, ${bob.user!.id},
        '2026-03-01 10:00:00.123789+00', '2026-03-01 10:03:07.999999+00',
        array[${owner.user!.id}, ${bob.user!.id}], array[${ann.user!.id}, ${owner.user!.id}])`);

    const ids = sent.map((m) => BigInt(m.id));
    const queries: Array<{ before?: bigint; after?: bigint; around?: bigint; limit: number }> = [
      { limit: 50 },
      { limit: 10 },
      { before: ids[25]!, limit: 50 },
      { before: ids[10]!, limit: 3 },
      { after: ids[2]!, limit: 50 },
      { after: ids[30]!, limit: 4 },
      { around: ids[30]!, limit: 10 },
      { around: ids[0]!, limit: 7 },
      { around: ids[12]!, limit: 1 },
    ];
    // The fixture holds what it claims to.
    const newest = (await ann.get<Message[]>(`${base}/messages?limit=50`)).body;
    const byId = new Map(newest.map((m) => [m.id, m]));
    expect(byId.get(line.id)?.call).toMatchObject({ startedBy: bob.user!.id, durationSeconds: 187, missed: [ann.user!.id] });
    expect(byId.get(withFiles.id)?.attachments.map((a) => a.filename)).toEqual(["b.txt", "c.png"]);
    expect(byId.get(sent[11]!.id)?.replyTo).toMatchObject({ id: elsewhere.id, content: "over there" });
    expect(newest.some((m) => m.replyTo?.deleted)).toBe(true);
    expect(newest.some((m) => m.reactions.some((r) => r.me && r.count > 1))).toBe(true);
    expect(byId.has(sent[20]!.id)).toBe(false);
    for (const viewer of [ann, bob]) {
      for (const q of queries) {
        const query = new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)])).toString();
        const got = await viewer.request("GET", `${base}/messages?${query}`);
        const want = await reference(db, BigInt(channel!.id), q, viewer.user!.id);
        expect(want.length).toBeGreaterThan(0);
        expect(JSON.stringify(got.body)).toBe(JSON.stringify(want));
      }
    }
  });

  it("reads a page in one statement after the access check", async () => {
    const owner = t.client();
    await owner.signUp("Counter");
    const server = (await owner.post<Server>("/api/v1/servers", { name: "Count" })).body;
    const [channel] = (await owner.get<Channel[]>(`/api/v1/servers/${server.id}/channels`)).body;
    const base = `/api/v1/channels/${channel!.id}`;
    for (let i = 0; i < 5; i++) await owner.post(`${base}/messages`, { content: `m${i}`, replyToId: undefined });
    const services = t.server.services as { db: Tx };
    const real = services.db;
    const { db: logged, log } = withStatementLog(t.database);
    services.db = logged as Tx;
    try {
      const page = await owner.get<Message[]>(`${base}/messages`);
      expect(page.body).toHaveLength(5);
      const reads = log.filter((s) => /from "?messages"?\b/.test(s.sql));
      expect(reads).toHaveLength(1);
      // The page size is in the text (one plan kept), the cursor a parameter.
      expect(reads[0]!.sql).toMatch(/ limit 50\b/);
    } finally {
      services.db = real;
    }
  });
});
