/**
 * Notifications delivered through a real server, a real database and a local push
 * service that checks the VAPID signature and decrypts each push as a browser would:
 * what a DM, a mention, a role mention, a reply and a missed call push says; the people
 * and settings that get nothing (a muted channel, a server set to nothing, do not
 * disturb, a focused tab, a message read before the push went, someone who cannot see
 * the channel, the author, a blocker); a device the push service forgot; the "read" push.
 *
 * "Nothing arrived" is shown by a later message that does notify arriving alone once the
 * queue is empty, never by waiting a fixed time.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Channel, DmChannel, Message, Role } from "@/shared/api";
import type { NotificationInfo, PushPayload } from "@/shared/api/notifications";
import { Permission } from "@/shared/permissions";
import { channelNotificationSettings, channelOverwrites, pushJobs, pushSubscriptions, serverNotificationSettings, user, userBlocks } from "../db/schema";
import { newId } from "../db/snowflake";
import { testDatabaseKinds } from "../testing/databases";
import { type TestClient, type TestServer, collect, serverWithPeople, startTestServer, waitFor } from "../testing/harness";
import { until } from "../testing/until";
import { PushServiceStandIn, type Subscription } from "../testing/push-service";
import { pendingPushes } from ".";

const RING_SECONDS = 1;

describe.each(testDatabaseKinds())("push notifications on %s", (kind) => {
  let t: TestServer;
  let push: PushServiceStandIn;
  beforeAll(async () => {
    push = await new PushServiceStandIn().start();
    t = await startTestServer(kind, {
      env: { PUSH_ALLOW_HTTP: "true", PUSH_RETRY_MAX_SECONDS: "1", CALL_RING_SECONDS: String(RING_SECONDS) },
    });
  });
  afterAll(async () => {
    await t?.close();
    await push?.close();
  });

  const db = () => t.server.services.db;
  const id = (c: TestClient) => c.user!.id;

  /** A device of this person, subscribed as the routes would store it. */
  async function device(c: TestClient): Promise<Subscription> {
    const sub = push.newSubscription();
    await db().insert(pushSubscriptions).values({ id: newId(), userId: id(c), endpoint: sub.endpoint, p256dh: sub.keys.p256dh, auth: sub.keys.auth });
    return sub;
  }
  const payloads = (sub: Subscription) => push.deliveriesTo(sub.endpoint).map((d) => d.payload as PushPayload);
  const shown = (sub: Subscription) =>
    payloads(sub).flatMap((p) => (p.type === "notification" ? [p.notification] : []));
  /** Every queued push went out (or was dropped). */
  const drained = () => until(async () => (await pendingPushes(t.server.services)) === 0);
  const send = async (from: TestClient, channelId: string, content: string, extra: object = {}) => {
    const reply = await from.post<Message>(`/api/v1/channels/${channelId}/messages`, { content, ...extra });
    expect(reply.status).toBe(201);
    return reply.body;
  };
  const direct = async (from: TestClient, to: TestClient) =>
    (await from.post<DmChannel>("/api/v1/users/@me/channels", { recipientId: id(to) })).body.id;

  it("a DM, a mention, a role mention and a reply: each decrypted push says who, where and what, signed with our key", async () => {
    const { people, server, general } = await serverWithPeople(t, ["Ann", "Ben", "Cat", "Dan"], "Giga Club");
    const [ann, ben, cat, dan] = people as [TestClient, TestClient, TestClient, TestClient];
    const [benPhone, catPhone, danPhone] = [await device(ben), await device(cat), await device(dan)];
    const benSocket = await ben.socket();
    const benLive = collect(benSocket, "notification.created");

    // A direct message: the conversation's default is every message.
    const dm = await direct(ann, ben);
    const hello = await send(ann, dm, "Hello   Ben,\nlunch?");
    await waitFor(() => shown(benPhone).length === 1, 10_000);
    const [delivery] = push.deliveriesTo(benPhone.endpoint);
    expect(delivery).toMatchObject({ urgency: "high", vapidKey: t.server.services.notifier.publicKey });
    expect(delivery!.ttl).toBeGreaterThan(86_000);
    expect(shown(benPhone)[0]).toEqual<NotificationInfo>({
      id: expect.any(String) as string,
      kind: "dm",
      channelId: dm,
      serverId: null,
      messageId: hello.id,
      title: "Ann",
      body: "Hello Ben, lunch?",
      icon: null,
      url: `/channels/me/${dm}?message=${hello.id}`,
      tag: `m:${hello.id}`,
      createdAt: expect.any(String) as string,
    });
    await waitFor(() => benLive.length === 1);
    expect(benLive[0]).toEqual(shown(benPhone)[0]);

    // A mention in a server channel, the tokens read as names; a private channel's name stays out.
    const secret = (
      await ann.post<{ id: string }>(`/api/v1/servers/${server.id}/channels`, {
        name: "secret",
        overwrites: [{ id: server.id, type: "role", allow: "0", deny: Permission.ViewChannel.toString() }],
      })
    ).body;
    const mention = await send(ann, general.id, `look <@${id(ben)}>, @nobody in <#${general.id}>, not <#${secret.id}>`);
    await waitFor(() => shown(benPhone).length === 2, 10_000);
    expect(shown(benPhone)[1]).toMatchObject({
      kind: "mention",
      serverId: server.id,
      title: "Ann (#general, Giga Club)",
      body: "look @Ben, @nobody in #general, not #unknown",
      url: `/channels/${server.id}/${general.id}?message=${mention.id}`,
    });

    // A role mention reaches the role's holders.
    const crew = (await ann.post<Role>(`/api/v1/servers/${server.id}/roles`, { name: "Crew" })).body;
    expect((await ann.request("PATCH", `/api/v1/servers/${server.id}/members/${id(cat)}`, { roles: [crew.id] })).status).toBe(200);
    await send(ann, general.id, `<@&${crew.id}> standup`);
    await waitFor(() => shown(catPhone).length === 1, 10_000);
    expect(shown(catPhone)[0]).toMatchObject({ kind: "mention", body: "@Crew standup" });

    // A reply to Dan's message notifies Dan.
    const question = await send(dan, general.id, "anyone?");
    await send(ben, general.id, "me", { replyToId: question.id });
    await waitFor(() => shown(danPhone).length === 1, 10_000);
    expect(shown(danPhone)[0]).toMatchObject({ kind: "reply", title: "Ben (#general, Giga Club)", body: "me" });

    // Nothing else went to anyone: a last @everyone arrives alone after what each got.
    const all = await send(ann, general.id, "@everyone done");
    await waitFor(() => [benPhone, catPhone, danPhone].every((s) => shown(s).some((n) => n.messageId === all.id)), 10_000);
    await drained();
    expect(shown(benPhone).map((n) => n.kind)).toEqual(["dm", "mention", "mention"]);
    expect(shown(catPhone).map((n) => n.kind)).toEqual(["mention", "mention"]);
    expect(shown(danPhone).map((n) => n.kind)).toEqual(["reply", "mention"]);
    expect(push.rejected).toEqual([]);
  });

  it("a missed call: the rung person who never joined is told who called", async () => {
    const { people } = await serverWithPeople(t, ["Ann", "Ben"]);
    const [ann, ben] = people as [TestClient, TestClient];
    const benPhone = await device(ben);
    const dm = await direct(ann, ben);
    const started = await ann.post<{ call: { messageId: string } }>(`/api/v1/channels/${dm}/call`, {});
    expect(started.status).toBe(201);
    await waitFor(() => shown(benPhone).length === 1, RING_SECONDS * 1000 + 10_000);
    expect(shown(benPhone)[0]).toMatchObject({ kind: "missed_call", title: "Missed call from Ann", messageId: started.body.call.messageId, channelId: dm });
    // The call's line itself was no DM notification.
    await drained();
    expect(shown(benPhone)).toHaveLength(1);
  });

  it("a declined call is no missed call: in a group, the one who declined hears nothing, the one who let it ring is told", async () => {
    const { people } = await serverWithPeople(t, ["Ann", "Ben", "Cat"]);
    const [ann, ben, cat] = people as [TestClient, TestClient, TestClient];
    const [benPhone, catPhone] = [await device(ben), await device(cat)];
    const group = (await ann.post<DmChannel>("/api/v1/users/@me/channels", { recipientIds: [id(ben), id(cat)] })).body.id;
    expect((await ann.post(`/api/v1/channels/${group}/call`, {})).status).toBe(201);
    expect((await cat.post(`/api/v1/channels/${group}/call/decline`, {})).status).toBe(204);
    await waitFor(() => shown(benPhone).length === 1, RING_SECONDS * 1000 + 10_000);
    expect(shown(benPhone)[0]).toMatchObject({ kind: "missed_call", title: "Missed call from Ann" });
    // Cat's nothing, proven by a later message that reaches her alone.
    const after = await send(ann, group, "sorry, later then");
    await waitFor(() => shown(catPhone).some((n) => n.messageId === after.id), 10_000);
    expect(shown(catPhone).map((n) => n.kind)).toEqual(["dm"]);
  });

  it("nothing for a muted channel, a server set to nothing, do not disturb or a focused tab; a later DM arrives alone", async () => {
    const { people, server, general } = await serverWithPeople(t, ["Ann", "Ben", "Cat", "Dan", "Eve"]);
    const [ann, ben, cat, dan, eve] = people as [TestClient, TestClient, TestClient, TestClient, TestClient];
    const phones = new Map<TestClient, Subscription>();
    for (const p of [ben, cat, dan, eve]) phones.set(p, await device(p));
    await db().insert(channelNotificationSettings).values({ userId: id(ben), channelId: BigInt(general.id), muted: true });
    await db().insert(serverNotificationSettings).values({ userId: id(cat), serverId: BigInt(server.id), level: "nothing" });
    await db().update(user).set({ status: "dnd" }).where(eq(user.id, id(dan)));
    const danLive = collect(await dan.socket(), "notification.created");
    const eveSocket = await eve.socket();
    const eveLive = collect(eveSocket, "notification.created");
    eveSocket.emit("client.focus", { focused: true });
    await eveSocket.emitWithAck("ping"); // the focus was taken before this answer

    const first = await send(ann, general.id, `<@${id(ben)}> <@${id(cat)}> <@${id(dan)}> <@${id(eve)}> standup`);
    // Do not disturb and a focused tab still get the notification in the app, without a push.
    await waitFor(() => danLive.length === 1 && eveLive.length === 1);
    expect(danLive[0]).toMatchObject({ kind: "mention", messageId: first.id });
    await db().update(user).set({ status: "online" }).where(eq(user.id, id(dan)));
    eveSocket.emit("client.focus", { focused: false });
    await eveSocket.emitWithAck("ping");

    const later: Message[] = [];
    for (const p of [ben, cat, dan, eve]) later.push(await send(ann, await direct(ann, p), "later"));
    await waitFor(() => [...phones.values()].every((s) => shown(s).length >= 1), 10_000);
    await drained();
    for (const [i, p] of [ben, cat, dan, eve].entries()) {
      expect(shown(phones.get(p)!).map((n) => n.messageId)).toEqual([later[i]!.id]);
    }
  });

  it("a message read before its push went is not shown: the push service was down, the person read it, it came back", async () => {
    const { people, general } = await serverWithPeople(t, ["Ann", "Ben"]);
    const [ann, ben] = people as [TestClient, TestClient];
    const benPhone = await device(ben);
    await push.down();
    try {
      const first = await send(ann, general.id, `<@${id(ben)}> are you there?`);
      // The worker tried and failed at least once.
      await until(async () => {
        const [job] = await db()
          .select({ attempts: pushJobs.attempts })
          .from(pushJobs)
          .innerJoin(pushSubscriptions, eq(pushSubscriptions.id, pushJobs.subscriptionId))
          .where(eq(pushSubscriptions.endpoint, benPhone.endpoint));
        return (job?.attempts ?? 0) >= 1;
      });
      expect((await ben.post(`/api/v1/channels/${general.id}/messages/${first.id}/ack`)).status).toBe(200);
    } finally {
      await push.up();
    }
    const second = await send(ann, general.id, `<@${id(ben)}> never mind`);
    await waitFor(() => shown(benPhone).length >= 1, 10_000);
    await drained();
    expect(shown(benPhone).map((n) => n.messageId)).toEqual([second.id]);
  });

  it("reading on one device sends a read push to every device, once per notification", async () => {
    const { people } = await serverWithPeople(t, ["Ann", "Ben"]);
    const [ann, ben] = people as [TestClient, TestClient];
    const [phone, desk] = [await device(ben), await device(ben)];
    const dm = await direct(ann, ben);
    const message = await send(ann, dm, "ping");
    await waitFor(() => shown(phone).length === 1 && shown(desk).length === 1, 10_000);
    expect((await ben.post(`/api/v1/channels/${dm}/messages/${message.id}/ack`)).status).toBe(200);
    const read: PushPayload = { type: "read", channelId: dm, lastReadId: message.id };
    await waitFor(() => payloads(phone).length === 2 && payloads(desk).length === 2, 10_000);
    for (const sub of [phone, desk]) {
      expect(payloads(sub)[1]).toEqual(read);
      expect(push.deliveriesTo(sub.endpoint)[1]).toMatchObject({ urgency: "normal", topic: `read-${dm}` });
    }
    // Reading again closes nothing new: no second read push.
    expect((await ben.post(`/api/v1/channels/${dm}/messages/${message.id}/ack`)).status).toBe(200);
    const next = await send(ann, dm, "pong");
    await waitFor(() => shown(phone).length === 2, 10_000);
    await drained();
    expect(payloads(phone).map((p) => p.type)).toEqual(["notification", "read", "notification"]);
    expect(shown(desk).map((n) => n.messageId)).toEqual([message.id, next.id]);
  });

  it("a 410 removes that device's subscription; the person's other device still gets theirs", async () => {
    const { people } = await serverWithPeople(t, ["Ann", "Ben"]);
    const [ann, ben] = people as [TestClient, TestClient];
    const [phone, desk] = [await device(ben), await device(ben)];
    push.expire(phone.endpoint);
    const dm = await direct(ann, ben);
    const message = await send(ann, dm, "are you there");
    await waitFor(() => shown(desk).length === 1, 10_000);
    expect(shown(desk)[0]!.messageId).toBe(message.id);
    await drained();
    const left = await db().select({ endpoint: pushSubscriptions.endpoint }).from(pushSubscriptions).where(eq(pushSubscriptions.userId, id(ben)));
    expect(left.map((s) => s.endpoint)).toEqual([desk.endpoint]);
    expect(shown(phone)).toEqual([]);
  });

  it("refused people get nothing: someone who cannot view the channel, the author, someone who blocked the author", async () => {
    const { people, server, general } = await serverWithPeople(t, ["Ann", "Ben", "Cat", "Dan"]);
    const [ann, ben, cat, dan] = people as [TestClient, TestClient, TestClient, TestClient];
    const phones = [ann, ben, cat, dan].map(() => null as Subscription | null);
    for (const [i, p] of [ann, ben, cat, dan].entries()) phones[i] = await device(p);
    const [annPhone, benPhone, catPhone, danPhone] = phones as [Subscription, Subscription, Subscription, Subscription];
    // #staff: hidden from everyone but Dan.
    const staff = (await ann.post<Channel>(`/api/v1/servers/${server.id}/channels`, { name: "staff", type: "text" })).body;
    await db().insert(channelOverwrites).values([
      { channelId: BigInt(staff.id), roleId: BigInt(server.id), deny: Permission.ViewChannel },
      { channelId: BigInt(staff.id), userId: id(dan), allow: Permission.ViewChannel },
    ]);
    await db().insert(userBlocks).values({ userId: id(cat), blockedId: id(ann) });
    // Ann asks for every message there too: her own still tells her nothing.
    await db().insert(serverNotificationSettings).values({ userId: id(ann), serverId: BigInt(server.id), level: "all" });

    await send(ann, staff.id, `@everyone <@${id(ben)}> <@${id(cat)}> <@${id(dan)}> <@${id(ann)}> secret`);
    await send(ann, general.id, `<@${id(cat)}> hello`);
    // What does notify each of them, afterwards.
    const forBen = await send(ann, general.id, `<@${id(ben)}> hi`);
    const forCat = await send(dan, general.id, `<@${id(cat)}> hi`);
    await waitFor(() => [benPhone, catPhone, danPhone, annPhone].every((s) => shown(s).length >= 1), 10_000);
    await drained();
    expect(shown(benPhone).map((n) => n.messageId)).toEqual([forBen.id]);
    expect(shown(catPhone).map((n) => n.messageId)).toEqual([forCat.id]);
    // Dan may view #staff; Ann hears of Dan's message in a server she set to "all", never of her own.
    expect(shown(danPhone)).toHaveLength(1);
    expect(shown(danPhone)[0]).toMatchObject({ kind: "mention", channelId: staff.id });
    expect(shown(annPhone).map((n) => [n.kind, n.messageId])).toEqual([["message", forCat.id]]);
    const rows = await db().execute<{ n: number }>(sql`select count(*)::int as n from notifications where user_id = ${id(cat)} and channel_id = ${BigInt(staff.id)}`);
    expect((rows as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(0);
  });
});
