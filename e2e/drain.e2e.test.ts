/**
 * Graceful drain of the production build on SIGTERM, on a PostgreSQL database of this
 * test's own: while a client streams message sends over HTTP, the process is told to
 * stop. No send is answered 5xx, every send answered 2xx is in the database afterwards,
 * the process exits 0 within 10 s, and a connected Socket.IO client sees its transport
 * close (so it reconnects by itself), not "io server disconnect" (after which it would not).
 */
import { randomBytes, randomUUID } from "node:crypto";
import pg from "pg";
import { io as connect } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Channel, Message, Server } from "@/shared/api";
import { TestClient, waitFor } from "@/server/testing/harness";
import { type RunningServer, startServer } from "./server";

const adminUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!adminUrl)("drain on SIGTERM", () => {
  const name = `giga_drain_${randomBytes(6).toString("hex")}`;
  let databaseUrl = "";
  let server: RunningServer | undefined;

  async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      return await run(client);
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    await admin((c) => c.query(`create database ${name}`));
    const url = new URL(adminUrl!);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    server = await startServer({
      env: { DATABASE_URL: databaseUrl, SEND_BURST: "1000000", SEND_WINDOW_SECONDS: "1", LOG_LEVEL: "info" },
    });
  });

  afterAll(async () => {
    await server?.stop();
    await admin((c) => c.query(`drop database if exists ${name} with (force)`));
  });

  it("answers the sends in flight, loses none it acknowledged, closes sockets so they reconnect, and exits 0 within 10 s", async () => {
    const running = server!;
    const person = new TestClient(running.baseUrl, { origin: running.baseUrl });
    await person.signUp("Drainer");
    const guild = (await person.post<Server>("/api/v1/servers", { name: "Drained" })).body;
    const [channel] = (await person.get<Channel[]>(`/api/v1/servers/${guild.id}/channels`)).body;

    // A socket as the browser's: reconnection on (the default).
    const socket = connect(running.baseUrl, {
      path: "/socket.io",
      transports: ["websocket"],
      extraHeaders: { cookie: person.cookie, origin: running.baseUrl },
      reconnectionDelay: 200,
      reconnectionDelayMax: 500,
    });
    const reasons: string[] = [];
    let reconnectAttempts = 0;
    socket.on("disconnect", (reason) => reasons.push(reason));
    socket.io.on("reconnect_attempt", () => reconnectAttempts++);
    await new Promise<void>((resolve, reject) => {
      socket.once("ready" as never, () => resolve());
      socket.once("connect_error", reject);
    });

    // Four senders, each as fast as it is answered, until the process is gone.
    const acked: string[] = [];
    const failures: number[] = [];
    let networkErrors = 0;
    let sending = true;
    const sender = async (who: number) => {
      for (let n = 0; sending; n++) {
        try {
          const res = await person.post<Message>(`/api/v1/channels/${channel!.id}/messages`, { content: `${who}:${n}`, nonce: randomUUID() });
          if (res.status >= 200 && res.status < 300) acked.push(res.body.id);
          else failures.push(res.status);
        } catch {
          // Refused or reset: the process no longer takes connections. Not an answer.
          networkErrors++;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      }
    };
    const senders = Promise.all([0, 1, 2, 3].map(sender));
    while (acked.length < 40) await new Promise((resolve) => setTimeout(resolve, 20));

    const stopStarted = performance.now();
    const code = await running.stop();
    const drainMs = Math.round(performance.now() - stopStarted);
    server = undefined;
    sending = false;
    await senders;
    // The client tries again by itself (to another process, behind a balancer).
    await waitFor(() => reconnectAttempts > 0, 5_000).catch(() => undefined);
    socket.close();

    expect(code).toBe(0);
    expect(drainMs).toBeLessThan(10_000);
    // The stream really ran into the drain: later sends were refused a connection.
    expect(networkErrors).toBeGreaterThan(0);
    expect(failures.filter((s) => s >= 500)).toEqual([]);
    expect(failures).toEqual([]);
    expect(reasons[0]).toBe("transport close");
    expect(reasons).not.toContain("io server disconnect");
    expect(reconnectAttempts).toBeGreaterThan(0);

    // Every acknowledged message is stored, read with a connection of our own.
    const stored = await admin(async () => {
      const db = new pg.Client({ connectionString: databaseUrl });
      await db.connect();
      try {
        const { rows } = await db.query<{ id: string }>("select id::text as id from messages where channel_id = $1", [channel!.id]);
        return new Set(rows.map((r) => r.id));
      } finally {
        await db.end();
      }
    });
    expect(acked.filter((id) => !stored.has(id))).toEqual([]);
    expect(new Set(acked).size).toBe(acked.length);
  });
});
