/**
 * A call in a conversation whose people reached different processes (same database, same
 * Redis): the rings are one list for both, a decline on one stops the ring started on the
 * other, a join on the other stops it too, and a ring that runs out is told once. Runs
 * when TEST_REDIS_URL is set (CI sets it).
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DmChannel } from "@/shared/api";
import type { CallInfo } from "@/shared/calls";
import type { VoiceJoinAck } from "@/shared/events";
import { sql } from "drizzle-orm";
import { calls } from "../db/schema";
import { newId } from "../db/snowflake";
import { mediaTestDatabaseKinds } from "../testing/databases";
import { until } from "../testing/until";
import { type TestClient, type TestServer, collect, serverWithPeople, startTestServer, waitFor } from "../testing/harness";

const redisUrl = process.env.TEST_REDIS_URL;
const RING_SECONDS = 2;

describe.runIf(redisUrl)("calls across two processes", () => {
  let a: TestServer;
  let b: TestServer;
  beforeAll(async () => {
    const env = { REDIS_URL: redisUrl!, REDIS_KEY_PREFIX: `giga-test-${randomBytes(6).toString("hex")}`, CALL_RING_SECONDS: String(RING_SECONDS) };
    // PostgreSQL when given: two processes' requests truly overlap there.
    const [kind] = mediaTestDatabaseKinds();
    a = await startTestServer(kind!, { env });
    b = await startTestServer(kind!, { env, database: a.database });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  /** Ann on process A, Ben on process B, in one conversation. */
  async function pair() {
    const { people } = await serverWithPeople(a, ["Ann", "Ben"]);
    const [ann, benOnA] = people as [TestClient, TestClient];
    const ben = b.client();
    ben.cookie = benOnA.cookie;
    ben.user = benOnA.user;
    const dm = (await ann.post<DmChannel>("/api/v1/users/@me/channels", { recipientId: ben.user!.id })).body.id;
    return { ann, ben, dm };
  }

  it("a call started on A rings Ben on B; his decline on B stops it for everyone", async () => {
    const { ann, ben, dm } = await pair();
    const annSocket = await ann.socket();
    const benSocket = await ben.socket();
    const annHears = collect(annSocket, "call.updated");
    const benHears = collect(benSocket, "call.updated");
    const started = await ann.post<{ call: CallInfo }>(`/api/v1/channels/${dm}/call`, {});
    expect(started.status).toBe(201);
    expect(started.body.call.ringing).toEqual([ben.user!.id]);
    await waitFor(() => benHears.length === 1);
    // B reads the same rings.
    expect((await ben.get<{ call: CallInfo }>(`/api/v1/channels/${dm}/call`)).body.call.ringing).toEqual([ben.user!.id]);
    expect((await ben.post(`/api/v1/channels/${dm}/call/decline`)).status).toBe(204);
    await waitFor(() => annHears.some((c) => c.ringing.length === 0));
    expect((await ann.get<{ call: CallInfo }>(`/api/v1/channels/${dm}/call`)).body.call.ringing).toEqual([]);
    // Declined twice: he is no longer rung, on either process.
    expect((await ben.post(`/api/v1/channels/${dm}/call/decline`)).status).toBe(409);
  });

  it("Ben joining on B stops the ring started on A; a ring nobody answers runs out once", async () => {
    const { ann, ben, dm } = await pair();
    const annSocket = await ann.socket();
    const annHears = collect(annSocket, "call.updated");
    const started = (await ann.post<{ call: CallInfo }>(`/api/v1/channels/${dm}/call`, {})).body.call;
    expect(((await annSocket.emitWithAck("voice.join", { channelId: dm, slots: [] })) as VoiceJoinAck).ok).toBe(true);
    const benSocket = await ben.socket();
    const benJoin = (await benSocket.emitWithAck("voice.join", { channelId: dm, slots: [] })) as VoiceJoinAck;
    expect(benJoin).toMatchObject({ ok: true });
    await waitFor(() => annHears.some((c) => c.id === started.id && c.ringing.length === 0));
    expect((await ben.get<{ call: CallInfo }>(`/api/v1/channels/${dm}/call`)).body.call.ringing).toEqual([]);

    // Ring him again and let it run out: one "ringing: []" comes from whichever process told it.
    expect((await benSocket.emitWithAck("voice.leave")).ok).toBe(true);
    const from = annHears.length;
    expect((await ann.post(`/api/v1/channels/${dm}/call/ring`, {})).status).toBe(200);
    await waitFor(() => annHears.slice(from).some((c) => c.ringing.length === 0), RING_SECONDS * 1000 + 5000);
    const rang = annHears.slice(from);
    expect(rang.filter((c) => c.ringing.length === 0)).toHaveLength(1);
  });

  it.runIf(process.env.TEST_DATABASE_URL)("a call opened by another process while this one starts its own is the answer, not an error", async () => {
    const { ann, ben, dm } = await pair();
    // Another process's start, caught mid-transaction: its open call is written, not yet committed.
    let commit!: () => void;
    const committed = new Promise<void>((resolve) => (commit = resolve));
    const callId = newId();
    const other = a.server.services.db.transaction(async (tx) => {
      await tx.insert(calls).values({ id: callId, channelId: BigInt(dm), startedBy: ann.user!.id, rungIds: [ben.user!.id] });
      await committed;
    });
    // Ben's start on B finds no open call, and its insert waits on the unique index for the other.
    const answer = ben.post<{ call: CallInfo }>(`/api/v1/channels/${dm}/call`, {});
    await until(async () => {
      const rows = await b.server.services.db.execute(sql`select 1 from pg_stat_activity where wait_event_type = 'Lock' and query ilike 'insert into "calls"%'`);
      return (rows as unknown as { rows: unknown[] }).rows.length > 0;
    });
    commit();
    await other;
    const reply = await answer;
    expect(reply.status).toBe(200);
    expect(reply.body.call.id).toBe(callId.toString());
  });
});
