/**
 * Notification settings, push subscriptions and the inbox through a real server and
 * database: the settings' round trip and a timed mute running out, the change told to
 * the person's other devices, every refusal (not a member, a channel out of sight,
 * someone else's conversation, a category, bad input, signed out), subscriptions made,
 * moved between people, removed and capped, the test push's limit, the inbox with its
 * unread count and "mark all read", and the chosen status kept on the person. The inbox's
 * rows are written here directly: who gets notified is the fan-out's business.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Channel, DmChannel, Message, ReadState } from "@/shared/api";
import type { InboxPage, NotificationSettings } from "@/shared/api/notifications";
import { Permission } from "@/shared/permissions";
import { channelNotificationSettings, notifications, pushSubscriptions, session, user } from "../db/schema";
import { newId } from "../db/snowflake";
import { MAX_PUSH_SUBSCRIPTIONS } from "../domain/notifications/subscriptions";
import { testDatabaseKinds } from "../testing/databases";
import { type TestClient, type TestServer, collect, serverWithPeople, startTestServer, waitFor } from "../testing/harness";

type ErrorBody = { error: { code: string; message: string } };

const SETTINGS = "/api/v1/users/@me/notification-settings";
const SUBSCRIPTIONS = "/api/v1/users/@me/push-subscriptions";
const INBOX = "/api/v1/users/@me/inbox";

let endpoints = 0;
const subscription = (endpoint = `https://push.example.com/send/${++endpoints}`) => ({
  endpoint,
  expirationTime: null,
  keys: { p256dh: "B".repeat(87), auth: "A".repeat(22) },
});

describe.each(testDatabaseKinds())("notifications on %s", (kind) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  const db = () => t.database.db;
  const person = async (name: string) => {
    const c = t.client();
    await c.signUp(name);
    return c;
  };

  describe("settings", () => {
    it("start at the defaults, change only what is given, and report a timed mute that ran out as no mute", async () => {
      const { owner: ann, server, general } = await serverWithPeople(t, ["Ann"]);
      const first = await ann.get<NotificationSettings>(SETTINGS);
      expect(first.status).toBe(200);
      expect(first.body).toEqual({ prefs: { serverDefault: "mentions", hidePreviews: false, sound: true }, servers: [], channels: [] });

      const prefs = await ann.request<NotificationSettings>("PATCH", SETTINGS, { hidePreviews: true });
      expect(prefs.status).toBe(200);
      expect(prefs.body.prefs).toEqual({ serverDefault: "mentions", hidePreviews: true, sound: true });
      expect((await ann.request<NotificationSettings>("PATCH", SETTINGS, { serverDefault: "all", sound: false })).body.prefs).toEqual({
        serverDefault: "all",
        hidePreviews: true,
        sound: false,
      });

      const before = Date.now();
      const muted = await ann.request<NotificationSettings>("PUT", `${SETTINGS}/servers/${server.id}`, { level: "nothing", mute: 60 });
      expect(muted.status).toBe(200);
      const row = muted.body.servers[0]!;
      expect(row).toMatchObject({ serverId: server.id, level: "nothing", muted: true, suppressEveryone: false, suppressRoles: false });
      const until = Date.parse(row.mutedUntil!);
      expect(until).toBeGreaterThanOrEqual(before + 60 * 60_000 - 1000);
      expect(until).toBeLessThanOrEqual(Date.now() + 60 * 60_000 + 1000);

      // Absent fields keep their value; "forever" has no end; null unmutes.
      const suppressed = await ann.request<NotificationSettings>("PUT", `${SETTINGS}/servers/${server.id}`, { suppressEveryone: true });
      expect(suppressed.body.servers).toEqual([{ ...row, suppressEveryone: true }]);
      const forever = await ann.request<NotificationSettings>("PUT", `${SETTINGS}/servers/${server.id}`, { mute: "forever", level: null });
      expect(forever.body.servers).toEqual([{ ...row, level: null, mutedUntil: null, suppressEveryone: true }]);
      const unmuted = await ann.request<NotificationSettings>("PUT", `${SETTINGS}/servers/${server.id}`, { mute: null });
      expect(unmuted.body.servers[0]).toMatchObject({ muted: false, mutedUntil: null, suppressEveryone: true });

      const channel = await ann.request<NotificationSettings>("PUT", `${SETTINGS}/channels/${general.id}`, { mute: 15, level: "all" });
      expect(channel.status).toBe(200);
      expect(channel.body.channels).toEqual([{ channelId: general.id, level: "all", muted: true, mutedUntil: expect.any(String) }]);

      // The mute's end passes: it reads as no mute (the level stays).
      await db()
        .update(channelNotificationSettings)
        .set({ mutedUntil: new Date(Date.now() - 1000) })
        .where(eq(channelNotificationSettings.channelId, BigInt(general.id)));
      const later = await ann.get<NotificationSettings>(SETTINGS);
      expect(later.body.channels).toEqual([{ channelId: general.id, level: "all", muted: false, mutedUntil: null }]);
      expect(later.body.prefs).toEqual({ serverDefault: "all", hidePreviews: true, sound: false });
      expect(later.body.servers).toEqual(unmuted.body.servers);
    });

    it("tells the person's other devices, and nobody else", async () => {
      const { people: [ann, ben], server } = await serverWithPeople(t, ["Ann", "Ben"]);
      const phone = await ann!.socket();
      const desk = await ann!.socket();
      const bens = await ben!.socket();
      const onPhone = collect(phone, "notification.settings.updated");
      const onDesk = collect(desk, "notification.settings.updated");
      const onBen = collect(bens, "notification.settings.updated");
      const reply = await ann!.request<NotificationSettings>("PUT", `${SETTINGS}/servers/${server.id}`, { mute: "forever" });
      await waitFor(() => onPhone.length === 1 && onDesk.length === 1);
      expect(onPhone[0]).toEqual(reply.body);
      expect(onDesk[0]).toEqual(reply.body);
      await bens.emitWithAck("ping");
      expect(onBen).toEqual([]);
    });

    it("refuses people outside the server or the channel, others' conversations, categories, bad input and the signed-out", async () => {
      const { people: [ann, ben], server, general } = await serverWithPeople(t, ["Ann", "Ben"]);
      const stranger = await person("Stranger");
      const carl = await person("Carl");
      const code = (r: { body: unknown }) => (r.body as ErrorBody).error.code;

      // A server one is not in answers like a server that does not exist.
      const notMember = await stranger.request("PUT", `${SETTINGS}/servers/${server.id}`, { mute: 15 });
      const missing = await stranger.request("PUT", `${SETTINGS}/servers/123456789`, { mute: 15 });
      expect([notMember.status, code(notMember)]).toEqual([404, "NOT_FOUND"]);
      // Alike but for the request's own id.
      const { requestId: _a, ...missingError } = (missing.body as ErrorBody & { error: { requestId?: string } }).error;
      const { requestId: _b, ...notMemberError } = (notMember.body as ErrorBody & { error: { requestId?: string } }).error;
      expect([missing.status, missingError]).toEqual([404, notMemberError]);
      expect((await stranger.request("PUT", `${SETTINGS}/channels/${general.id}`, { mute: 15 })).status).toBe(404);

      // A private channel Ben cannot view.
      const secret = await ann!.post<Channel>(`/api/v1/servers/${server.id}/channels`, {
        name: "secret",
        overwrites: [{ id: server.id, type: "role", deny: Permission.ViewChannel.toString() }],
      });
      expect(secret.status).toBe(201);
      const hidden = await ben!.request("PUT", `${SETTINGS}/channels/${secret.body.id}`, { mute: 15 });
      expect([hidden.status, code(hidden)]).toEqual([404, "NOT_FOUND"]);
      expect((await ann!.request("PUT", `${SETTINGS}/channels/${secret.body.id}`, { mute: 15 })).status).toBe(200);

      // Someone else's conversation.
      const dm = (await ann!.post<DmChannel>("/api/v1/users/@me/channels", { recipientId: ben!.user!.id })).body;
      expect((await carl.request("PUT", `${SETTINGS}/channels/${dm.id}`, { mute: 15 })).status).toBe(404);
      expect((await ben!.request("PUT", `${SETTINGS}/channels/${dm.id}`, { level: "mentions" })).status).toBe(200);

      // A category holds no messages.
      const category = await ann!.post<Channel>(`/api/v1/servers/${server.id}/channels`, { name: "Rooms", type: "category" });
      const refused = await ann!.request("PUT", `${SETTINGS}/channels/${category.body.id}`, { mute: 15 });
      expect([refused.status, code(refused)]).toEqual([400, "BAD_REQUEST"]);
      expect((refused.body as ErrorBody).error.message).toMatch(/category/i);

      for (const [method, path, body] of [
        ["PATCH", SETTINGS, {}],
        ["PATCH", SETTINGS, { serverDefault: "loud" }],
        ["PATCH", SETTINGS, { sound: "yes" }],
        ["PATCH", SETTINGS, { sound: true, extra: 1 }],
        ["PUT", `${SETTINGS}/servers/${server.id}`, { mute: 30 }],
        ["PUT", `${SETTINGS}/servers/${server.id}`, { mute: "always" }],
        ["PUT", `${SETTINGS}/servers/${server.id}`, {}],
        ["PUT", `${SETTINGS}/channels/${general.id}`, { suppressEveryone: true }],
        ["POST", SUBSCRIPTIONS, { endpoint: "not a url", keys: subscription().keys }],
        ["POST", SUBSCRIPTIONS, { ...subscription(), keys: { p256dh: "short", auth: "A".repeat(22) } }],
        ["DELETE", SUBSCRIPTIONS, {}],
      ] as const) {
        const r = await ann!.request(method, path, body);
        expect([method, path, r.status, code(r)]).toEqual([method, path, 400, "VALIDATION_FAILED"]);
      }
      for (const q of ["?limit=0", "?limit=51", "?before=x", "?before=99999999999999999999", "?evil=1"]) {
        const r = await ann!.get(`${INBOX}${q}`);
        expect([q, r.status, code(r)]).toEqual([q, 400, "VALIDATION_FAILED"]);
      }
      expect((await ann!.request("PUT", `${SETTINGS}/servers/abc`, { mute: 15 })).status).toBe(400);

      const anonymous = t.client();
      for (const [method, path] of [
        ["GET", SETTINGS],
        ["PATCH", SETTINGS],
        ["PUT", `${SETTINGS}/servers/${server.id}`],
        ["PUT", `${SETTINGS}/channels/${general.id}`],
        ["GET", "/api/v1/push/public-key"],
        ["POST", SUBSCRIPTIONS],
        ["DELETE", SUBSCRIPTIONS],
        ["POST", "/api/v1/users/@me/notifications/test"],
        ["GET", INBOX],
        ["POST", `${INBOX}/read-all`],
      ] as const) {
        const r = await anonymous.request(method, path, method === "GET" ? undefined : { mute: 15 });
        expect([method, path, r.status, code(r)]).toEqual([method, path, 401, "UNAUTHORIZED"]);
      }
    });
  });

  describe("push subscriptions", () => {
    const rowOf = async (endpoint: string) => (await db().select().from(pushSubscriptions).where(eq(pushSubscriptions.endpoint, endpoint)))[0];
    const sessionsOf = async (userId: string) => (await db().select({ id: session.id }).from(session).where(eq(session.userId, userId))).map((s) => s.id);

    it("gives the public key to the signed-in", async () => {
      const ann = await person("Ann");
      const reply = await ann.get<{ publicKey: string }>("/api/v1/push/public-key");
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({ publicKey: t.server.services.notifier.publicKey });
      expect(reply.body.publicKey).toMatch(/^[A-Za-z0-9_-]{80,100}$/);
    });

    it("keeps one row per endpoint: the same browser again updates it, another account there takes it over", async () => {
      const ann = await person("Ann");
      const sub = subscription();
      const made = await ann.post<{ id: string }>(SUBSCRIPTIONS, sub);
      expect(made.status).toBe(201);
      expect(made.body).toEqual({ id: expect.stringMatching(/^\d+$/) });
      const row = (await rowOf(sub.endpoint))!;
      expect(row).toMatchObject({ userId: ann.user!.id, p256dh: sub.keys.p256dh, auth: sub.keys.auth });
      expect(await sessionsOf(ann.user!.id)).toContain(row.sessionId);

      const renewed = { ...sub, keys: { p256dh: "C".repeat(87), auth: "D".repeat(22) } };
      const again = await ann.post<{ id: string }>(SUBSCRIPTIONS, renewed);
      expect(again.status).toBe(201);
      expect(again.body.id).toBe(made.body.id);
      expect(await rowOf(sub.endpoint)).toMatchObject({ id: row.id, userId: ann.user!.id, p256dh: renewed.keys.p256dh, auth: renewed.keys.auth });

      // A shared computer: Ben signs in on the same browser and subscribes the same endpoint.
      const ben = await person("Ben");
      const moved = await ben.post<{ id: string }>(SUBSCRIPTIONS, sub);
      expect(moved.status).toBe(201);
      const now = (await rowOf(sub.endpoint))!;
      expect(now.userId).toBe(ben.user!.id);
      expect(await sessionsOf(ben.user!.id)).toContain(now.sessionId);
      expect((await db().select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, ann.user!.id))).length).toBe(0);

      // Ann removing that endpoint now removes nothing, and says nothing about it.
      const notHers = await ann.request("DELETE", SUBSCRIPTIONS, { endpoint: sub.endpoint });
      expect(notHers.status).toBe(204);
      expect((await rowOf(sub.endpoint))?.userId).toBe(ben.user!.id);
      const unknown = await ann.request("DELETE", SUBSCRIPTIONS, { endpoint: "https://push.example.com/send/never" });
      expect(unknown.status).toBe(204);
      const mine = await ben.request("DELETE", SUBSCRIPTIONS, { endpoint: sub.endpoint });
      expect(mine.status).toBe(204);
      expect(await rowOf(sub.endpoint)).toBeUndefined();
    });

    it("keeps a person's newest subscriptions only", async () => {
      const ann = await person("Ann");
      const subs = Array.from({ length: MAX_PUSH_SUBSCRIPTIONS + 2 }, () => subscription());
      for (const sub of subs) expect((await ann.post(SUBSCRIPTIONS, sub)).status).toBe(201);
      const rows = await db().select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, ann.user!.id));
      expect(rows.length).toBe(MAX_PUSH_SUBSCRIPTIONS);
      expect(rows.map((r) => r.endpoint).sort()).toEqual(subs.slice(2).map((s) => s.endpoint).sort());
    });

    it("takes https endpoints only, unless plain http is allowed by the configuration", async () => {
      const ann = await person("Ann");
      for (const endpoint of ["http://push.example.com/send/1", "ftp://push.example.com/x", "https://127.0.0.1/send", "https://localhost/send"]) {
        const r = await ann.post(SUBSCRIPTIONS, subscription(endpoint));
        expect([endpoint, r.status, (r.body as ErrorBody).error.code]).toEqual([endpoint, 400, "BAD_REQUEST"]);
        expect((r.body as ErrorBody).error.message).toMatch(/push endpoint/);
        expect(await rowOf(endpoint)).toBeUndefined();
      }
      const lenient = await startTestServer(kind, { database: t.database, env: { PUSH_ALLOW_HTTP: "true" } });
      try {
        const ben = lenient.client();
        await ben.signUp("Ben");
        const endpoint = `http://127.0.0.1:9/push/${++endpoints}`;
        expect((await ben.post(SUBSCRIPTIONS, subscription(endpoint))).status).toBe(201);
        expect((await ben.post(SUBSCRIPTIONS, subscription("ftp://push.example.com/x"))).status).toBe(400);
      } finally {
        await lenient.close();
      }
    });

    it("sends a test push to one's devices, a few times a minute", async () => {
      const ann = await person("Ann");
      for (let i = 0; i < 3; i++) {
        const r = await ann.post<{ devices: number }>("/api/v1/users/@me/notifications/test");
        expect(r.status).toBe(200);
        expect(r.body).toEqual({ devices: expect.any(Number) });
      }
      const refused = await ann.post<ErrorBody>("/api/v1/users/@me/notifications/test");
      expect(refused.status).toBe(429);
      expect(refused.body.error.code).toBe("RATE_LIMITED");
      expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
      expect(refused.headers.get("x-ratelimit-bucket")).toBe("notification.test");
      // Per person: Ben still may.
      expect((await (await person("Ben")).post("/api/v1/users/@me/notifications/test")).status).toBe(200);
    });
  });

  describe("inbox", () => {
    const notify = async (reader: TestClient, message: Message, kind: "mention" | "reply" | "missed_call" | "dm" | "message") => {
      const values = { id: newId(), userId: reader.user!.id, kind, channelId: BigInt(message.channelId), messageId: BigInt(message.id) };
      // The fan-out may have written this one already: the kind asked for here wins.
      await db().insert(notifications).values(values).onConflictDoUpdate({ target: [notifications.userId, notifications.messageId], set: { kind } });
      const [row] = await db()
        .select({ id: notifications.id })
        .from(notifications)
        .where(and(eq(notifications.userId, reader.user!.id), eq(notifications.messageId, BigInt(message.id))));
      return row!.id.toString();
    };
    const send = async (c: TestClient, channelId: string, content: string, extra: Record<string, unknown> = {}) => {
      const r = await c.post<Message>(`/api/v1/channels/${channelId}/messages`, { content, ...extra });
      expect(r.status).toBe(201);
      return r.body;
    };

    async function setting() {
      const { people: [ann, ben], server, general } = await serverWithPeople(t, ["Ann", "Ben"], "Giga Club");
      const at = `<@${ben!.user!.id}>`;
      const dm = (await ann!.post<DmChannel>("/api/v1/users/@me/channels", { recipientId: ben!.user!.id })).body;
      const benSays = await send(ben!, general.id, "my question");
      const m1 = await send(ann!, general.id, `${at} first`);
      const ignored = await send(ann!, general.id, "plain chatter");
      const reply = await send(ann!, general.id, "an answer", { replyToId: benSays.id });
      const inDm = await send(ann!, dm.id, `${at} in private`);
      const ids = {
        m1: await notify(ben!, m1, "mention"),
        ignored: await notify(ben!, ignored, "message"),
        reply: await notify(ben!, reply, "reply"),
        inDm: await notify(ben!, inDm, "mention"),
      };
      return { ann: ann!, ben: ben!, server, general, dm, at, m1, reply, inDm, ids };
    }

    it("lists mentions, replies and missed calls newest first, with their messages and places, in keyset pages", async () => {
      const { ben, server, general, dm, m1, reply, inDm, ids } = await setting();
      const page = await ben.get<InboxPage>(INBOX);
      expect(page.status).toBe(200);
      expect(page.body.items.map((i) => i.notification.id)).toEqual([ids.inDm, ids.reply, ids.m1]);
      expect(page.body.unreadCount).toBe(3);
      const [first, second, third] = page.body.items;
      expect(first).toEqual({
        notification: {
          id: ids.inDm,
          kind: "mention",
          channelId: dm.id,
          serverId: null,
          messageId: inDm.id,
          title: "Ann",
          // Mentions read as names.
          body: "@Ben in private",
          icon: null,
          url: `/channels/me/${dm.id}?message=${inDm.id}`,
          tag: `m:${inDm.id}`,
          createdAt: expect.any(String),
        },
        message: inDm,
        place: { channelName: "Ann", serverName: null },
      });
      expect(second!.notification).toMatchObject({ kind: "reply", serverId: server.id, title: `Ann (#${general.name}, Giga Club)`, url: `/channels/${server.id}/${general.id}?message=${reply.id}` });
      expect(second!.message).toMatchObject({ id: reply.id, replyTo: { content: "my question" } });
      expect(second!.place).toEqual({ channelName: `#${general.name}`, serverName: "Giga Club" });
      expect(third!.message?.id).toBe(m1.id);

      const one = await ben.get<InboxPage>(`${INBOX}?limit=1`);
      expect(one.body.items.map((i) => i.notification.id)).toEqual([ids.inDm]);
      const next = await ben.get<InboxPage>(`${INBOX}?limit=1&before=${ids.inDm}`);
      expect(next.body.items.map((i) => i.notification.id)).toEqual([ids.reply]);
      const last = await ben.get<InboxPage>(`${INBOX}?before=${ids.m1}`);
      expect(last.body.items).toEqual([]);

      // Hidden previews are for pushes and desktop notifications: the app's own inbox still shows the words.
      await ben.request("PATCH", SETTINGS, { hidePreviews: true });
      const quiet = await ben.get<InboxPage>(INBOX);
      expect(quiet.body.items.map((i) => i.notification.body)).toEqual(["@Ben in private", "an answer", "@Ben first"]);
      expect(quiet.body.items[0]!.message).toEqual(inDm);
    });

    it("counts only what is past my read cursor, and nothing I can no longer see or that was deleted", async () => {
      const { ann, ben, server, general, dm, at, m1, reply, ids } = await setting();
      expect((await ben.post(`/api/v1/channels/${general.id}/messages/${m1.id}/ack`)).status).toBe(200);
      expect((await ben.get<InboxPage>(INBOX)).body.unreadCount).toBe(2);

      // A channel Ben is then shut out of: the entry stays, without its message or words, and is not counted.
      const staff = await ann.post<Channel>(`/api/v1/servers/${server.id}/channels`, { name: "staff" });
      const secret = await send(ann, staff.body.id, `${at} secret plans`);
      const secretId = await notify(ben, secret, "mention");
      expect((await ben.get<InboxPage>(INBOX)).body.unreadCount).toBe(3);
      const deny = await ann.request("PUT", `/api/v1/channels/${staff.body.id}/permissions/${server.id}`, {
        type: "role",
        allow: "0",
        deny: Permission.ViewChannel.toString(),
      });
      expect(deny.status).toBe(204);
      const page = (await ben.get<InboxPage>(INBOX)).body;
      expect(page.unreadCount).toBe(2);
      const gone = page.items.find((i) => i.notification.id === secretId)!;
      expect(gone.message).toBeNull();
      expect(gone.notification.body).toBeNull();
      expect(JSON.stringify(page)).not.toContain("secret plans");

      // A deleted message: no message, not counted.
      expect((await ann.request("DELETE", `/api/v1/channels/${general.id}/messages/${reply.id}`)).status).toBe(204);
      const after = (await ben.get<InboxPage>(INBOX)).body;
      expect(after.items.find((i) => i.notification.id === ids.reply)!.message).toBeNull();
      expect(after.unreadCount).toBe(1);
      expect(after.items.find((i) => i.notification.channelId === dm.id)!.message).not.toBeNull();
    });

    it("marks everything read: each channel's cursor moves to its newest entry and every device hears it", async () => {
      const { ben, general, dm, reply, inDm } = await setting();
      const phone = await ben.socket();
      const desk = await ben.socket();
      const heard = [collect(phone, "read.updated"), collect(desk, "read.updated")];
      const done = await ben.post<{ unreadCount: number }>(`${INBOX}/read-all`);
      expect(done.status).toBe(200);
      expect(done.body).toEqual({ unreadCount: 0 });
      await waitFor(() => heard.every((h) => h.length === 2));
      for (const h of heard) {
        expect(h.map((s) => [s.channelId, s.lastReadId]).sort()).toEqual(
          [
            [general.id, reply.id],
            [dm.id, inDm.id],
          ].sort(),
        );
      }
      const states = (await ben.get<ReadState[]>("/api/v1/users/@me/read-states")).body;
      expect(states.find((s) => s.channelId === general.id)).toMatchObject({ lastReadId: reply.id, unreadCount: 0 });
      expect(states.find((s) => s.channelId === dm.id)).toMatchObject({ lastReadId: inDm.id, unreadCount: 0 });
      expect((await ben.get<InboxPage>(INBOX)).body.unreadCount).toBe(0);

      // Nothing left: no event, and a cursor never moves back.
      const again = await ben.post<{ unreadCount: number }>(`${INBOX}/read-all`);
      expect(again.body).toEqual({ unreadCount: 0 });
      await phone.emitWithAck("ping");
      expect(heard[0]!.length).toBe(2);
    });

    it("is one's own: another person sees none of it", async () => {
      await setting();
      const carl = await person("Carl");
      expect((await carl.get<InboxPage>(INBOX)).body).toEqual({ items: [], unreadCount: 0 });
    });
  });

  describe("do not disturb", () => {
    it("is kept on the person when chosen, and a connect leaves it as it is", async () => {
      const ann = await person("Ann");
      const statusOf = async () => (await db().select({ status: user.status }).from(user).where(eq(user.id, ann.user!.id)))[0]!.status;
      expect(await statusOf()).toBe("online");
      const phone = await ann.socket();
      expect(await phone.emitWithAck("presence.set", { status: "dnd" })).toEqual({ ok: true });
      expect(await statusOf()).toBe("dnd");
      phone.disconnect();
      await ann.socket();
      expect(await statusOf()).toBe("dnd");
      const desk = await ann.socket();
      await desk.emitWithAck("presence.set", { status: "invisible" });
      expect(await statusOf()).toBe("invisible");
      await desk.emitWithAck("presence.set", { status: "online" });
      expect(await statusOf()).toBe("online");
    });
  });
});
