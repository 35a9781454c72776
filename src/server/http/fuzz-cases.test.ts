/**
 * The bad inputs an outside probe found answering 500 or INTERNAL, each pinned down: ids
 * past the 64-bit range, NUL and other control characters in text, a stray `%` in a
 * reaction's emoji (and a second decoding of it), odd avatar paths, unknown fields, and
 * the two socket events that answered INTERNAL. Every one must be a 4xx with a stable code.
 * The fuzzer (fuzz.test.ts) looks for more of the same at random.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Channel, Message, Role, Server } from "@/shared/api";
import type { SocketAck } from "@/shared/events";
import { type TestClient, type TestServer, serverWithPeople, startTestServer } from "../testing/harness";
import { testDatabaseKinds } from "../testing/databases";

const PAST_U64 = "18446744073709551616"; // 2^64
const PAST_I64 = "9223372036854775808"; // 2^63: fits 20 digits, not a bigint column
const HUGE = "99999999999999999999";

type ErrorBody = { error: { code: string } };

describe.each(testDatabaseKinds())("the input gate on %s", (kind) => {
  let t: TestServer;
  let owner: TestClient;
  let member: TestClient;
  let server: Server;
  let general: Channel;
  let message: Message;
  let roles: Role[];

  beforeAll(async () => {
    t = await startTestServer(kind);
    const room = await serverWithPeople(t, ["Owner", "Member"], "Gate");
    ({ owner, server, general } = room);
    member = room.people[1]!;
    message = (await owner.post<Message>(`/api/v1/channels/${general.id}/messages`, { content: "hello" })).body;
    roles = (await owner.get<Role[]>(`/api/v1/servers/${server.id}/roles`)).body;
  });
  afterAll(async () => {
    await t?.close();
  });

  const expectRefused = async (reply: Promise<{ status: number; body: unknown }>, code?: string) => {
    const { status, body } = await reply;
    expect(status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
    expect(status, JSON.stringify(body)).toBeLessThan(500);
    if (code) expect((body as ErrorBody).error.code).toBe(code);
  };

  it("refuses ids past the 64-bit range in queries and bodies with 400, never 500", async () => {
    const ch = `/api/v1/channels/${general.id}`;
    const sv = `/api/v1/servers/${server.id}`;
    for (const bad of [HUGE, PAST_U64, PAST_I64]) {
      await expectRefused(owner.get(`${ch}/messages?before=${bad}`), "VALIDATION_FAILED");
      await expectRefused(owner.get(`${ch}/messages?around=${bad}`), "VALIDATION_FAILED");
      await expectRefused(owner.get(`${sv}/audit-log?before=${bad}`), "VALIDATION_FAILED");
      await expectRefused(owner.post(`${ch}/messages`, { content: "hi", replyToId: bad }), "VALIDATION_FAILED");
      await expectRefused(owner.post(`${ch}/messages`, { content: "hi", attachmentIds: [bad] }), "VALIDATION_FAILED");
      await expectRefused(owner.request("PATCH", `${sv}/members/${member.user!.id}`, { roles: [bad] }), "VALIDATION_FAILED");
      await expectRefused(owner.request("PATCH", ch, { parentId: bad }), "VALIDATION_FAILED");
      await expectRefused(owner.request("PATCH", `${sv}/channels`, [{ id: bad, position: 0 }]), "VALIDATION_FAILED");
      await expectRefused(owner.request("PATCH", `${sv}/roles`, [{ id: bad, position: 1 }]), "VALIDATION_FAILED");
      await expectRefused(owner.post(`${sv}/channels`, { name: "x", overwrites: [{ id: bad, type: "role" }] }), "VALIDATION_FAILED");
      await expectRefused(owner.request("PUT", `${ch}/permissions/${bad}`, { type: "role" }));
      await expectRefused(owner.request("PATCH", `${sv}/voice-states/${member.user!.id}`, { channelId: bad }), "VALIDATION_FAILED");
      await expectRefused(owner.get(`/api/v1/users/@me/inbox?before=${bad}`), "VALIDATION_FAILED");
      await expectRefused(owner.request("PUT", `/api/v1/users/@me/notification-settings/servers/${bad}`, { mute: 15 }));
      await expectRefused(owner.request("PUT", `/api/v1/users/@me/notification-settings/channels/${bad}`, { mute: 15 }));
    }
    await expectRefused(owner.request("PATCH", `${sv}/members/${member.user!.id}`, { roles: ["1e30"] }), "VALIDATION_FAILED");
  });

  it("refuses NUL and other control characters in every kind of text field", async () => {
    const ch = `/api/v1/channels/${general.id}`;
    const sv = `/api/v1/servers/${server.id}`;
    for (const bad of ["a\u0000b", "\u0000", "a\u0007b", "a\u001bb", "a\u007fb", "a\u0085b"]) {
      await expectRefused(owner.post("/api/v1/servers", { name: `Srv${bad}` }), "VALIDATION_FAILED");
      await expectRefused(owner.post(`${ch}/messages`, { content: bad }), "VALIDATION_FAILED");
      await expectRefused(owner.post(`${ch}/messages`, { content: "hi", nonce: bad }), "VALIDATION_FAILED");
      await expectRefused(owner.request("PATCH", `${ch}/messages/${message.id}`, { content: bad }), "VALIDATION_FAILED");
      await expectRefused(owner.request("PATCH", "/api/v1/users/@me", { about: bad }), "VALIDATION_FAILED");
      await expectRefused(owner.request("PATCH", "/api/v1/users/@me", { name: bad }), "VALIDATION_FAILED");
      await expectRefused(owner.request("PATCH", "/api/v1/users/@me", { customStatus: { text: bad } }), "VALIDATION_FAILED");
      await expectRefused(owner.request("PATCH", ch, { topic: bad }), "VALIDATION_FAILED");
      await expectRefused(owner.post(`${sv}/roles`, { name: bad }), "VALIDATION_FAILED");
      await expectRefused(owner.request("PATCH", `${sv}/members/${member.user!.id}`, { nickname: bad }), "VALIDATION_FAILED");
      await expectRefused(owner.request("DELETE", sv, { confirmName: bad }), "VALIDATION_FAILED");
      await expectRefused(owner.get(`${sv}/messages/search?q=${encodeURIComponent(bad)}`), "VALIDATION_FAILED");
      await expectRefused(owner.get(`${sv}/audit-log?userId=${encodeURIComponent(bad)}`), "VALIDATION_FAILED");
      await expectRefused(owner.get(`/api/v1/users/username-check?username=${encodeURIComponent(bad)}`), "VALIDATION_FAILED");
      await expectRefused(owner.post("/api/v1/users/@me/channels", { recipientId: bad }), "VALIDATION_FAILED");
      const keys = { p256dh: "B".repeat(87), auth: "A".repeat(22) };
      await expectRefused(owner.post("/api/v1/users/@me/push-subscriptions", { endpoint: `https://push.example.com/${bad}`, keys }));
      await expectRefused(owner.request("DELETE", "/api/v1/users/@me/push-subscriptions", { endpoint: `https://push.example.com/${bad}` }));
    }
    // Message content keeps its line breaks and tabs.
    const kept = await owner.post<Message>(`${ch}/messages`, { content: "line one\n\tline two" });
    expect(kept.status).toBe(201);
    expect(kept.body.content).toBe("line one\n\tline two");
  });

  it("refuses NUL and odd segments in user ids in the path", async () => {
    const sv = `/api/v1/servers/${server.id}`;
    for (const bad of ["%00", "a%00b", "..", "..%2F..%2Fetc", "%E2%80%AE", "a%20b"]) {
      await expectRefused(owner.get(`/api/v1/users/${bad}/profile`));
      await expectRefused(owner.request("PUT", `/api/v1/users/@me/blocks/${bad}`));
      await expectRefused(owner.request("PATCH", `${sv}/members/${bad}`, { nickname: "x" }));
      await expectRefused(owner.request("PUT", `${sv}/bans/${bad}`));
      await expectRefused(owner.request("PUT", `/api/v1/channels/${general.id}/permissions/${bad}`, { type: "member" }));
      await expectRefused(owner.get(`/api/v1/avatars/${bad}/abc`));
      await expectRefused(owner.get(`/api/v1/avatars/${owner.user!.id}/${bad}`));
    }
  });

  it("refuses a stray % in a reaction's emoji and decodes the path once", async () => {
    const base = `/api/v1/channels/${general.id}/messages/${message.id}/reactions`;
    for (const bad of ["%25", "%25E0%25A4%25A", "%25%25", "a%25"]) {
      await expectRefused(owner.request("PUT", `${base}/${bad}/@me`), "VALIDATION_FAILED");
      await expectRefused(owner.request("DELETE", `${base}/${bad}/@me`), "VALIDATION_FAILED");
      await expectRefused(owner.get(`${base}/${bad}`), "VALIDATION_FAILED");
    }
    // 👍 encoded twice is the text "%F0%9F%91%8D", not an emoji.
    const twice = encodeURIComponent(encodeURIComponent("👍"));
    await expectRefused(owner.request("PUT", `${base}/${twice}/@me`), "VALIDATION_FAILED");
    expect((await owner.request("PUT", `${base}/${encodeURIComponent("👍")}/@me`)).status).toBe(204);
  });

  it("takes exactly one emoji as a reaction, nothing around it", async () => {
    const base = `/api/v1/channels/${general.id}/messages/${message.id}/reactions`;
    for (const bad of ["👍buy-pills-at-evil.example", "👍👍", "x👍", "👍 ", "<👍>", "1", "#", "♥︎text"]) {
      await expectRefused(owner.request("PUT", `${base}/${encodeURIComponent(bad)}/@me`), "VALIDATION_FAILED");
    }
    for (const good of ["🇫🇷", "👩‍👩‍👧", "👍🏽", "1️⃣", "❤️", "🏳️‍🌈"]) {
      expect((await owner.request("PUT", `${base}/${encodeURIComponent(good)}/@me`)).status, good).toBe(204);
    }
  });

  it("refuses unknown fields in bodies", async () => {
    const sv = `/api/v1/servers/${server.id}`;
    await expectRefused(owner.post("/api/v1/servers", { name: "Fine", ownerId: member.user!.id }), "VALIDATION_FAILED");
    await expectRefused(owner.post(`/api/v1/channels/${general.id}/messages`, { content: "hi", authorId: member.user!.id }), "VALIDATION_FAILED");
    await expectRefused(owner.post(`${sv}/roles`, { name: "r", position: 99 }), "VALIDATION_FAILED");
    await expectRefused(owner.request("PATCH", `${sv}/roles/${roles[0]!.id}`, { name: "r", serverId: "1" }), "VALIDATION_FAILED");
    await expectRefused(owner.request("PATCH", "/api/v1/users/@me", { name: "n", email: "x@evil.example" }), "VALIDATION_FAILED");
  });

  it("refuses NUL in better-auth's bodies and queries before they reach the database", async () => {
    const anonymous = t.client();
    await expectRefused(anonymous.post("/api/auth/reset-password", { token: "\u0000", newPassword: "long enough password" }));
    await expectRefused(anonymous.post("/api/auth/sign-in/email", { email: "a\u0000@example.test", password: "long enough password" }));
    await expectRefused(anonymous.get("/api/auth/verify-email?token=%00"));
    const form = await fetch(`${t.url}/api/auth/reset-password`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "token=%00&newPassword=long+enough+password",
    });
    expect(form.status).toBeGreaterThanOrEqual(400);
    expect(form.status).toBeLessThan(500);
  });

  it("answers an edit that changes nothing with 400, not a database error", async () => {
    const sv = `/api/v1/servers/${server.id}`;
    const role = (await owner.post<Role>(`${sv}/roles`, { name: "Empty edit" })).body;
    await expectRefused(owner.request("PATCH", `${sv}/roles/${role.id}`, {}), "VALIDATION_FAILED");
    await expectRefused(owner.request("PATCH", `/api/v1/channels/${general.id}`, {}), "VALIDATION_FAILED");
    await expectRefused(owner.request("PATCH", `${sv}/members/${member.user!.id}`, {}), "VALIDATION_FAILED");
    await expectRefused(owner.request("PATCH", `${sv}/members/${member.user!.id}`, { reason: "why" }), "VALIDATION_FAILED");
  });

  it("answers malformed socket events with VALIDATION_FAILED, never INTERNAL", async () => {
    const socket = await owner.socket();
    const emit = (event: string, ...args: unknown[]) =>
      new Promise<SocketAck>((resolve) => (socket.emit as (e: string, ...a: unknown[]) => void)(event, ...args, resolve));
    for (const bad of [HUGE, PAST_U64, PAST_I64]) {
      expect(await emit("typing.start", { channelId: bad })).toMatchObject({ ok: false, error: { code: "VALIDATION_FAILED" } });
      expect(await emit("voice.join", { channelId: bad })).toMatchObject({ ok: false, error: { code: "VALIDATION_FAILED" } });
    }
    expect(await emit("presence.set", { status: "online", userId: member.user!.id })).toMatchObject({ ok: false, error: { code: "VALIDATION_FAILED" } });
    expect(await emit("typing.start", { channelId: general.id, extra: 1 })).toMatchObject({ ok: false, error: { code: "VALIDATION_FAILED" } });
    expect(await emit("voice.answer", { sdp: "v=0\u0000" })).toMatchObject({ ok: false, error: { code: "VALIDATION_FAILED" } });
    expect(await emit("typing.start", { channelId: general.id })).toEqual({ ok: true });
    expect(socket.connected).toBe(true);
  });
});
