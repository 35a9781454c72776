/**
 * The push queue survives what production does to it: a push service down for a minute
 * with the app restarted in between (nothing lost, nothing twice), and two app processes
 * on one PostgreSQL database (each push sent by exactly one of them). Slow by nature (a
 * real minute), so it runs on one database kind: PostgreSQL when given.
 */
import { eq } from "drizzle-orm";
import webPush from "web-push";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DmChannel, Message } from "@/shared/api";
import type { PushPayload } from "@/shared/api/notifications";
import { pushJobs, pushSubscriptions } from "../db/schema";
import { newId } from "../db/snowflake";
import { type TestDatabase, createTestDatabase, testDatabaseKinds } from "../testing/databases";
import { type TestClient, type TestServer, startTestServer } from "../testing/harness";
import { PushServiceStandIn, type Subscription } from "../testing/push-service";
import { until } from "../testing/until";
import { pendingPushes } from ".";

const kind = testDatabaseKinds().at(-1)!;
const keys = webPush.generateVAPIDKeys();
const env = { PUSH_ALLOW_HTTP: "true", PUSH_RETRY_MAX_SECONDS: "2", VAPID_PUBLIC_KEY: keys.publicKey, VAPID_PRIVATE_KEY: keys.privateKey };

async function device(t: TestServer, push: PushServiceStandIn, c: TestClient): Promise<Subscription> {
  const sub = push.newSubscription();
  await t.server.services.db
    .insert(pushSubscriptions)
    .values({ id: newId(), userId: c.user!.id, endpoint: sub.endpoint, p256dh: sub.keys.p256dh, auth: sub.keys.auth });
  return sub;
}

const notificationsTo = (push: PushServiceStandIn, sub: Subscription) =>
  push.deliveriesTo(sub.endpoint).flatMap((d) => {
    const p = d.payload as PushPayload;
    return p.type === "notification" ? [p.notification] : [];
  });

async function pair(t: TestServer): Promise<{ ann: TestClient; ben: TestClient; dm: string }> {
  const [ann, ben] = [t.client(), t.client()];
  await ann.signUp("Ann");
  await ben.signUp("Ben");
  // People who share nothing may not open a conversation: a server first.
  const server = (await ann.post<{ id: string }>("/api/v1/servers", { name: "Club" })).body;
  const invite = (await ann.post<{ code: string }>(`/api/v1/servers/${server.id}/invites`, {})).body;
  await ben.post(`/api/v1/invites/${invite.code}`);
  const dm = (await ann.post<DmChannel>("/api/v1/users/@me/channels", { recipientId: ben.user!.id })).body.id;
  return { ann, ben, dm };
}

describe(`the push queue on ${kind}`, () => {
  let database: TestDatabase;
  let push: PushServiceStandIn;
  const servers: TestServer[] = [];
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    push = await new PushServiceStandIn().start();
  });
  afterAll(async () => {
    for (const s of servers) await s.close();
    await push?.close();
    await database?.destroy();
  });
  const start = async () => {
    const s = await startTestServer(kind, { database, env });
    servers.push(s);
    return s;
  };

  it("a push service down for a minute gets the notification once back, exactly once, though the app restarted meanwhile", async () => {
    const first = await start();
    const { ann, ben, dm } = await pair(first);
    const phone = await device(first, push, ben);
    await push.down();
    const downSince = Date.now();
    const message = (await ann.post<Message>(`/api/v1/channels/${dm}/messages`, { content: "still there?" })).body;
    const attempts = async () => {
      const [job] = await first.server.services.db
        .select({ attempts: pushJobs.attempts })
        .from(pushJobs)
        .innerJoin(pushSubscriptions, eq(pushSubscriptions.id, pushJobs.subscriptionId))
        .where(eq(pushSubscriptions.endpoint, phone.endpoint));
      return job?.attempts ?? 0;
    };
    await until(async () => (await attempts()) >= 1);
    await first.close();
    servers.splice(servers.indexOf(first), 1);

    const second = await start();
    // The new process keeps trying while the push service stays down.
    const before = await attempts();
    await until(async () => (await attempts()) > before);
    await new Promise((r) => setTimeout(r, Math.max(0, 60_000 - (Date.now() - downSince))));
    await push.up();
    await until(async () => notificationsTo(push, phone).length >= 1, 15_000);
    await until(async () => (await pendingPushes(second.server.services)) === 0);
    expect(notificationsTo(push, phone).map((n) => n.messageId)).toEqual([message.id]);
    expect(push.rejected).toEqual([]);
  }, 120_000);

  it.runIf(kind === "postgres")("two app processes on one database send each push once", async () => {
    const [a, b] = [await start(), await start()];
    const { ann, ben, dm } = await pair(a);
    const devices = [await device(a, push, ben), await device(a, push, ben)];
    // Queued while the push service is down, so both processes find them due at once when it is back.
    await push.down();
    const sent: string[] = [];
    for (let i = 0; i < 40; i++) sent.push((await ann.post<Message>(`/api/v1/channels/${dm}/messages`, { content: `n${i}` })).body.id);
    await until(async () => (await pendingPushes(a.server.services)) === 80);
    // A was told of these jobs and B finds them by polling: both claim from the same rows.
    await push.up();
    await until(async () => devices.every((d) => notificationsTo(push, d).length >= 40), 30_000);
    await until(async () => (await pendingPushes(b.server.services)) === 0);
    for (const d of devices) expect(notificationsTo(push, d).map((n) => n.messageId).sort()).toEqual([...sent].sort());
  }, 60_000);
});
