/**
 * The limits as the API enforces them, on each database: sends taken atomically before
 * the INSERT (40 parallel sends with a burst of 5: exactly 5 stored), edits and reaction
 * toggles limited, and every refusal answered Discord's way (429, Retry-After,
 * X-RateLimit-*, a JSON retry_after). The windows are long so a slow machine cannot let
 * a slot expire in the middle of a test.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Message, MessageEdit } from "@/shared/api";
import { type TestServer, collect, serverWithPeople, startTestServer, waitFor } from "../testing/harness";
import { testDatabaseKinds } from "../testing/databases";

const redisUrl = process.env.TEST_REDIS_URL;

type Refusal = { error: { code: string; details: { retryAfterMs: number } }; retry_after: number };

describe.each(testDatabaseKinds())("limits on %s", (kind) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(kind, {
      realSendLimits: true,
      env: {
        SEND_BURST: "5",
        SEND_WINDOW_SECONDS: "3600",
        LIMIT_EDITS: "5/3600",
        LIMIT_REACTIONS: "10/3600",
        LIMIT_TYPING: "2/3600",
        LIMIT_UPLOADS: "2/3600",
        LIMIT_INVITES: "3/3600",
      },
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("accepts exactly the burst of 40 parallel sends, and stores exactly that many", async () => {
    const { owner, general } = await serverWithPeople(t, ["Sender"]);
    const base = `/api/v1/channels/${general.id}/messages`;
    const replies = await Promise.all(Array.from({ length: 40 }, (_, i) => owner.post<Message | Refusal>(base, { content: `m${i}`, nonce: `n${i}` })));
    const statuses = replies.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(35);
    const stored = (await owner.get<Message[]>(`${base}?limit=100`)).body;
    expect(stored).toHaveLength(5);
    // A retry of an accepted message is answered with it, never limited.
    const accepted = stored[0]!;
    const retry = await owner.post<Message>(base, { content: accepted.content, nonce: accepted.nonce });
    expect([retry.status, retry.body.id]).toEqual([200, accepted.id]);
  });

  it("answers a refusal Discord's way: 429, Retry-After, X-RateLimit-* and retry_after", async () => {
    const { owner, general } = await serverWithPeople(t, ["Headers"]);
    const base = `/api/v1/channels/${general.id}/messages`;
    for (let i = 0; i < 5; i++) expect((await owner.post(base, { content: `h${i}` })).status).toBe(201);
    const before = Date.now();
    const refused = await owner.post<Refusal>(base, { content: "one too many" });
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe("RATE_LIMITED");
    const { retryAfterMs } = refused.body.error.details;
    expect(retryAfterMs).toBeGreaterThan(3_500_000);
    expect(refused.body.retry_after).toBeCloseTo(retryAfterMs / 1000, 3);
    const h = refused.headers;
    expect(Number(h.get("retry-after"))).toBe(Math.ceil(retryAfterMs / 1000));
    expect(h.get("x-ratelimit-limit")).toBe("5");
    expect(h.get("x-ratelimit-remaining")).toBe("0");
    expect(h.get("x-ratelimit-bucket")).toBe("message.send");
    const resetAfter = Number(h.get("x-ratelimit-reset-after"));
    expect(resetAfter).toBeGreaterThanOrEqual(retryAfterMs / 1000);
    expect(Number(h.get("x-ratelimit-reset"))).toBeGreaterThanOrEqual(before / 1000 + resetAfter - 1);
  });

  it("answers SLOWMODE for sends within the channel's interval, and those refusals take no burst slot", async () => {
    const { owner, people, general } = await serverWithPeople(t, ["Owner", "Slow"]);
    const member = people[1]!;
    const base = `/api/v1/channels/${general.id}`;
    expect((await owner.request("PATCH", base, { slowmodeSeconds: 3600 })).status).toBe(200);
    expect((await member.post(`${base}/messages`, { content: "first" })).status).toBe(201);
    // One after the other: parallel ones may briefly hold burst slots and be told RATE_LIMITED instead.
    const refused = [];
    for (let i = 0; i < 10; i++) refused.push(await member.post<Refusal>(`${base}/messages`, { content: `s${i}` }));
    expect(refused.map((r) => [r.status, r.body.error.code])).toEqual(Array(10).fill([429, "SLOWMODE"]));
    expect(refused[0]!.headers.get("x-ratelimit-bucket")).toBe("message.slowmode");
    expect((await owner.request("PATCH", base, { slowmodeSeconds: 0 })).status).toBe(200);
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await member.post(`${base}/messages`, { content: `b${i}` })).status);
    expect(statuses).toEqual([201, 201, 201, 201, 429]);
  });

  it("limits edits: 50 edits of one message, 5 accepted, 5 broadcasts, 5 history rows", async () => {
    const { owner, people, general } = await serverWithPeople(t, ["Editor", "Watcher"]);
    const watcher = await people[1]!.socket();
    const updates = collect(watcher, "message.updated");
    const base = `/api/v1/channels/${general.id}/messages`;
    const message = (await owner.post<Message>(base, { content: "v0" })).body;
    const replies = await Promise.all(
      Array.from({ length: 50 }, (_, i) => owner.request<Message | Refusal>("PATCH", `${base}/${message.id}`, { content: `v${i + 1}` })),
    );
    expect(replies.filter((r) => r.status === 200)).toHaveLength(5);
    const refused = replies.filter((r) => r.status === 429);
    expect(refused).toHaveLength(45);
    expect(refused[0]!.headers.get("x-ratelimit-bucket")).toBe("message.edit");
    expect((await owner.get<MessageEdit[]>(`${base}/${message.id}/edits`)).body).toHaveLength(5);
    // A last message on the same socket: every update told before it has arrived.
    const created = collect(watcher, "message.created");
    await people[1]!.post<Message>(base, { content: "after" });
    await waitFor(() => created.length === 1);
    expect(updates).toHaveLength(5);
  });

  it("limits reaction toggles: 50 adds and removes, 10 accepted, 10 broadcasts", async () => {
    const { owner, people, general } = await serverWithPeople(t, ["Reactor", "Watcher"]);
    const watcher = await people[1]!.socket();
    const added = collect(watcher, "reaction.added");
    const removed = collect(watcher, "reaction.removed");
    const base = `/api/v1/channels/${general.id}/messages`;
    const message = (await owner.post<Message>(base, { content: "react to me" })).body;
    const path = `${base}/${message.id}/reactions/${encodeURIComponent("👍")}/@me`;
    const statuses: number[] = [];
    for (let i = 0; i < 50; i++) statuses.push((await owner.request(i % 2 === 0 ? "PUT" : "DELETE", path)).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(204));
    expect(statuses.slice(10)).toEqual(Array(40).fill(429));
    const created = collect(watcher, "message.created");
    await people[1]!.post<Message>(base, { content: "after" });
    await waitFor(() => created.length === 1);
    expect([added.length, removed.length]).toEqual([5, 5]);
  });

  it("limits typing (across a person's sockets), uploads and invite creation per person", async () => {
    const { owner, general, server } = await serverWithPeople(t, ["Busy"]);
    const sockets = [await owner.socket(), await owner.socket(), await owner.socket()];
    const channelIds = [general.id];
    for (const name of ["two", "three"]) channelIds.push((await owner.post<{ id: string }>(`/api/v1/servers/${server.id}/channels`, { name })).body.id);
    // A second device in the same channel within the quiet gap is not said again, and not counted.
    expect(await sockets[1]!.emitWithAck("typing.start", { channelId: general.id })).toEqual({ ok: true });
    expect(await sockets[2]!.emitWithAck("typing.start", { channelId: general.id })).toEqual({ ok: true });
    const acks = [];
    for (const [i, s] of sockets.slice(1).entries()) acks.push(await s.emitWithAck("typing.start", { channelId: channelIds[i + 1]! }));
    expect(acks[0]).toEqual({ ok: true });
    expect(acks[1]).toMatchObject({ ok: false, error: { code: "RATE_LIMITED" } });

    const uploads = [];
    for (let i = 0; i < 3; i++) uploads.push(await owner.upload(`/api/v1/channels/${general.id}/attachments`, `f${i}.txt`, new TextEncoder().encode(`file ${i}`)));
    expect(uploads.map((u) => u.status)).toEqual([201, 201, 429]);
    expect(uploads[2]!.headers.get("x-ratelimit-bucket")).toBe("upload");

    // serverWithPeople made the first invite.
    const invites = [];
    for (let i = 0; i < 3; i++) invites.push(await owner.post(`/api/v1/servers/${server.id}/invites`, {}));
    expect(invites.map((r) => r.status)).toEqual([201, 201, 429]);
    expect(invites[2]!.headers.get("x-ratelimit-bucket")).toBe("invite.create");
  });
});

describe.runIf(redisUrl)("limits on two nodes sharing Redis", () => {
  let a: TestServer;
  let b: TestServer;
  beforeAll(async () => {
    const env = { REDIS_URL: redisUrl!, REDIS_KEY_PREFIX: `giga-test-${randomBytes(6).toString("hex")}`, SEND_WINDOW_SECONDS: "3600" };
    const kind = testDatabaseKinds().at(-1)!;
    a = await startTestServer(kind, { realSendLimits: true, env });
    b = await startTestServer(kind, { realSendLimits: true, env, database: a.database });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it("accepts exactly the burst of 40 parallel sends spread over both nodes", async () => {
    const { owner, general } = await serverWithPeople(a, ["Everywhere"]);
    const onB = b.client();
    onB.cookie = owner.cookie; // the same person, talking to the other node
    const base = `/api/v1/channels/${general.id}/messages`;
    const replies = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? owner : onB).post(base, { content: `m${i}` })));
    expect(replies.filter((r) => r.status === 201)).toHaveLength(5);
    expect((await owner.get<Message[]>(`${base}?limit=100`)).body).toHaveLength(5);
  });
});
