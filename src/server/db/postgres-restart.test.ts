/**
 * PostgreSQL restarted under load: on a PostgreSQL of this test's own, a stream of sends
 * (each retried with its nonce on 503 or a network error, as the web client does) runs
 * while the database is stopped and started, then restarted as after a crash. Sends in
 * the outage answer 503 UNAVAILABLE with Retry-After (never 500), /api/ready says the
 * database is down (while /api/health, liveness, stays 200), the app recovers by itself, and every acknowledged message is in the
 * channel exactly once.
 */
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Message } from "@/shared/api";
import { type TestClient, type TestServer, serverWithPeople, startTestServer, waitFor } from "../testing/harness";
import { type PrivatePostgres, startPrivatePostgres } from "../testing/private-postgres";
import { fromPostgres } from "./client";
import { isUnavailable } from "./unavailable";
import { messages } from "./schema";

let postgres: PrivatePostgres;
let database: ReturnType<typeof fromPostgres>;
let t: TestServer;

beforeAll(async () => {
  // No skip: without PostgreSQL's binaries this fails and says what is missing.
  postgres = await startPrivatePostgres();
  database = fromPostgres(postgres.url, 5);
  await database.migrate();
  t = await startTestServer("postgres", { database: { ...database, destroy: () => database.close() } });
});

afterAll(async () => {
  await t?.close();
  await database?.close();
  await postgres?.destroy();
});

async function terminate(pid: number) {
  const admin = new pg.Client({ connectionString: postgres.url });
  await admin.connect();
  try {
    await admin.query("select pg_terminate_backend($1)", [pid]);
  } finally {
    await admin.end();
  }
}

/** Readiness, with liveness beside it: the process stays alive through a database outage. */
async function health(url: string): Promise<{ status: number; database: string; alive: number }> {
  const alive = (await fetch(`${url}/api/health`)).status;
  const res = await fetch(`${url}/api/ready`);
  return { status: res.status, database: ((await res.json()) as { checks: { database: string } }).checks.database, alive };
}

describe("PostgreSQL restarted under load", () => {
  it("a connection dropped while it is checked out (mid-transaction) does not crash the process; the pool carries on", async () => {
    const client = await database.pool.connect();
    const { rows } = await client.query<{ pid: number }>("select pg_backend_pid() as pid");
    await terminate(rows[0]!.pid);
    // The server's goodbye reaches the held connection as an "error" event with no query running.
    await waitFor(() => !(client as unknown as { _queryable: boolean })._queryable, 10_000);
    const failed = await client.query("select 1").then(
      () => null,
      (err: unknown) => err,
    );
    expect(isUnavailable(failed)).toBe(true);
    client.release();
    // The next statement gets a fresh connection, through drizzle as the app runs it.
    const counted = await database.db.select({ n: sql<number>`count(*)::int` }).from(messages);
    expect(counted).toEqual([{ n: 0 }]);
  });

  // Three outages of a few seconds each, on a machine that may be busy.

  it("answers 503 UNAVAILABLE while the database is down, recovers by itself, and loses or doubles no acknowledged message", async () => {
    const { people, general } = await serverWithPeople(t, ["Ada", "Brendan", "Chioma"], "Outage");
    const statuses: (number | "network")[] = [];
    const acked = new Map<string, { id: string; content: string }>();
    let running = true;
    // Set when the test ends early: a message not yet acknowledged is given up.
    let abandon = false;

    const sendOnce = async (person: TestClient, content: string) => {
      const nonce = randomUUID();
      while (!abandon) {
        let reply;
        try {
          reply = await person.post<Message & { error?: { code: string } }>(`/api/v1/channels/${general.id}/messages`, { content, nonce });
        } catch {
          statuses.push("network");
          await new Promise((r) => setTimeout(r, 50));
          continue;
        }
        statuses.push(reply.status);
        if (reply.status === 201 || reply.status === 200) {
          acked.set(nonce, { id: reply.body.id, content: reply.body.content });
          return;
        }
        if (reply.status === 503) {
          expect(reply.body.error?.code).toBe("UNAVAILABLE");
          expect(reply.headers.get("retry-after")).toMatch(/^\d+$/);
          await new Promise((r) => setTimeout(r, 50));
          continue;
        }
        throw new Error(`send answered ${reply.status}: ${JSON.stringify(reply.body)}`);
      }
    };
    const stream = people.map(async (person, who) => {
      for (let n = 0; running; n++) await sendOnce(person, `${who}:${n}`);
    });
    const settled = Promise.all(stream);
    const afterMore = async (more: number) => {
      const target = acked.size + more;
      await waitFor(() => acked.size >= target, 30_000);
    };

    try {
      expect(await health(t.url)).toEqual({ status: 200, database: "ok", alive: 200 });
      await afterMore(15);

      // Down: clients are told 57P01, then connections are refused.
      await postgres.stop("fast");
      expect(await health(t.url)).toEqual({ status: 503, database: "down", alive: 200 });
      const before = statuses.filter((s) => s === 503).length;
      await waitFor(() => statuses.filter((s) => s === 503).length > before + 3, 15_000);
      await postgres.start();
      await afterMore(15);
      expect(await health(t.url)).toEqual({ status: 200, database: "ok", alive: 200 });

      // As after a crash: every backend killed, recovery on start.
      await postgres.restart("immediate");
      await afterMore(15);
    } finally {
      running = false;
      abandon = true;
      await settled;
    }

    expect(statuses.filter((s) => s !== 200 && s !== 201 && s !== 503 && s !== "network")).toEqual([]);
    expect(statuses).toContain(503);

    // Every acknowledged message is stored once, as acknowledged; nothing stored twice.
    const stored = await database.db
      .select({ id: messages.id, nonce: messages.nonce, content: messages.content })
      .from(messages)
      .where(and(eq(messages.channelId, BigInt(general.id))));
    const byNonce = new Map<string, number>();
    for (const row of stored) if (row.nonce) byNonce.set(row.nonce, (byNonce.get(row.nonce) ?? 0) + 1);
    expect([...byNonce.values()].filter((count) => count > 1)).toEqual([]);
    for (const [nonce, message] of acked) {
      const rows = stored.filter((row) => row.nonce === nonce);
      expect(rows.map((row) => ({ id: row.id.toString(), content: row.content }))).toEqual([message]);
    }
    // And the history a member reads has them all, after the outages, from the same app process.
    const history: Message[] = [];
    for (let before: string | undefined; ; ) {
      const page = (await people[0]!.get<Message[]>(`/api/v1/channels/${general.id}/messages?limit=100${before ? `&before=${before}` : ""}`)).body;
      history.push(...page);
      if (page.length < 100) break;
      before = page[page.length - 1]!.id;
    }
    const ids = new Set(history.map((m) => m.id));
    expect(ids.size).toBe(history.length);
    for (const message of acked.values()) expect(ids.has(message.id)).toBe(true);
  }, 120_000);
});
