import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Channel, Server } from "@/shared/api";
import { messages, session } from "../db/schema";
import { type SessionCheck, execute } from "../domain/context";
import { listMessages } from "../domain/messages/listMessages";
import { sendMessage } from "../domain/messages/sendMessage";
import { visibleAtConnect } from "../policies/visibility";
import { type TestServer, startTestServer } from "../testing/harness";
import { testDatabaseKinds } from "../testing/databases";
import { SESSION_EXPIRES_IN } from "./index";
import { verifySignedToken } from "./session";

describe("verifySignedToken", () => {
  it("accepts only the token signed with our secret", async () => {
    const { createHmac } = await import("node:crypto");
    const sign = (token: string, secret: string) =>
      encodeURIComponent(`${token}.${createHmac("sha256", secret).update(token).digest("base64")}`);
    expect(verifySignedToken(sign("abc", "s3cret"), "s3cret")).toBe("abc");
    expect(verifySignedToken(sign("abc", "other"), "s3cret")).toBeNull();
    expect(verifySignedToken(sign("abc", "s3cret").replace("abc", "abd"), "s3cret")).toBeNull();
    expect(verifySignedToken("no-signature", "s3cret")).toBeNull();
    expect(verifySignedToken("%E0%A4%A", "s3cret")).toBeNull();
  });
});

describe.each(testDatabaseKinds())("session resolution on %s", (kind) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("ends at once when the session is revoked or expired, and slides a stale one forward", async () => {
    const c = t.client();
    const me = await c.signUp();
    expect((await c.get("/api/v1/users/@me")).status).toBe(200);
    const db = t.database.db;
    const [row] = await db.select().from(session).where(eq(session.userId, me.id));

    // Due for the sliding refresh (its expiry was set two days ago): better-auth extends it.
    const stale = new Date(Date.now() + (SESSION_EXPIRES_IN - 2 * 24 * 3600) * 1000);
    await db.update(session).set({ expiresAt: stale }).where(eq(session.id, row!.id));
    expect((await c.get("/api/v1/users/@me")).status).toBe(200);
    const [refreshed] = await db.select().from(session).where(eq(session.id, row!.id));
    expect(new Date(refreshed!.expiresAt).getTime()).toBeGreaterThan(stale.getTime());

    await db.update(session).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(session.id, row!.id));
    expect((await c.get("/api/v1/users/@me")).status).toBe(401);
    await expect(c.socket()).rejects.toThrow("UNAUTHORIZED");

    await db.update(session).set({ expiresAt: new Date(Date.now() + 3600_000) }).where(eq(session.id, row!.id));
    expect((await c.get("/api/v1/users/@me")).status).toBe(200);
    await db.delete(session).where(eq(session.id, row!.id));
    expect((await c.get("/api/v1/users/@me")).status).toBe(401);
  });
});

describe.each(testDatabaseKinds())("a session checked in the statement itself on %s", (kind) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  const count = async (channelId: string) =>
    (await t.database.db.select({ id: messages.id }).from(messages).where(eq(messages.channelId, BigInt(channelId)))).length;

  it("the send writes, the history and a socket's rooms are read only while the token's session holds", async () => {
    const c = t.client();
    const me = await c.signUp();
    const server = (await c.post<Server>("/api/v1/servers", { name: "Guarded" })).body;
    const [channel] = (await c.get<Channel[]>(`/api/v1/servers/${server.id}/channels`)).body;
    const channelId = BigInt(channel!.id);
    const [row] = await t.database.db.select().from(session).where(eq(session.userId, me.id));
    const { services } = t.server;
    const actor = { id: me.id, name: me.name, image: null };
    const before = await count(channel!.id);

    // The statements themselves, with the token of a live session and of one that ended.
    const live: SessionCheck = { token: row!.token, proven: false };
    const sent = await execute(services, actor, sendMessage, { channelId, content: "while it holds" }, live);
    expect(sent.created).toBe(true);
    expect(live.proven).toBe(true);
    const read: SessionCheck = { token: row!.token, proven: false };
    expect((await execute(services, actor, listMessages, { channelId, limit: 50 }, read)).length).toBeGreaterThan(0);
    expect(read.proven).toBe(true);

    const ended: SessionCheck = { token: "no-such-token", proven: false };
    await expect(execute(services, actor, sendMessage, { channelId, content: "after it ended" }, ended)).rejects.toMatchObject({ status: 401 });
    expect(await execute(services, actor, listMessages, { channelId, limit: 50 }, ended)).toEqual([]);
    expect(ended.proven).toBe(false);
    // Someone else's session does not hold for me.
    const other = t.client();
    const them = await other.signUp();
    const [theirs] = await t.database.db.select().from(session).where(eq(session.userId, them.id));
    await expect(execute(services, actor, sendMessage, { channelId, content: "as them" }, { token: theirs!.token, proven: false })).rejects.toMatchObject({ status: 401 });
    expect(await count(channel!.id)).toBe(before + 1);

    // The socket's rooms are read with the same check.
    expect((await visibleAtConnect(t.database.db, me.id, row!.token)).held).toBe(true);
    expect((await visibleAtConnect(t.database.db, me.id, "no-such-token")).held).toBe(false);
    expect((await visibleAtConnect(t.database.db, me.id, theirs!.token)).held).toBe(false);
    expect((await visibleAtConnect(t.database.db, me.id, null)).held).toBe(true);

    // Over HTTP and sockets, with the session cached by the requests before: ended in the
    // database behind the app's back, the very next socket, send and history read are refused.
    expect((await c.get(`/api/v1/channels/${channel!.id}/messages`)).status).toBe(200);
    expect((await c.post(`/api/v1/channels/${channel!.id}/messages`, { content: "cached" })).status).toBe(201);
    const socket = await c.socket();
    socket.disconnect();
    await t.database.db.delete(session).where(eq(session.id, row!.id));
    await expect(c.socket()).rejects.toThrow("UNAUTHORIZED");
    expect((await c.post(`/api/v1/channels/${channel!.id}/messages`, { content: "too late" })).status).toBe(401);
    expect((await c.get(`/api/v1/channels/${channel!.id}/messages`)).status).toBe(401);
    expect(await count(channel!.id)).toBe(before + 2);
  });
});
