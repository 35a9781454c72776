/**
 * Two real app processes (the production build) on one fresh PostgreSQL database and one
 * Redis (a key prefix of this run's own), behind Debian's nginx running deploy/nginx.conf
 * (sticky by session cookie): people on different processes chat, type and show presence
 * to each other; a flood through both processes is limited as through one; a join made
 * on one process reaches the person's socket on the other at once. Then process 1 is
 * killed (SIGKILL, as in a crash): its clients reconnect through nginx to process 2 and
 * catch up with nothing lost or doubled, background work (pushes) goes on there, process
 * 2 takes the leader lease, and the dead process's people show offline within 60 s.
 *
 * Runs when TEST_DATABASE_URL and TEST_REDIS_URL are set (CI sets both).
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { io as connect } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import webPush from "web-push";
import type { Channel, DmChannel, Invite, Message, Server } from "@/shared/api";
import type { PushPayload } from "@/shared/api/notifications";
import { type ClientSocket, TestClient, collect, waitFor } from "@/server/testing/harness";
import { type RunningNginx, startNginx } from "@/server/testing/nginx";
import { PushServiceStandIn } from "@/server/testing/push-service";
import { until } from "@/server/testing/until";
import { type OwnServer, freePort, startServer } from "./server";

const databaseUrl = process.env.TEST_DATABASE_URL;
const redisUrl = process.env.TEST_REDIS_URL;

/** The send limit the flood test counts against: this many per person and channel per window. */
const SEND_BURST = 20;
const UPSTREAM_HEADER = "X-Giga-Upstream";

type Node = "app1" | "app2";

describe.runIf(databaseUrl && redisUrl)("two app processes behind nginx, PostgreSQL and Redis", () => {
  let admin: pg.Client;
  let databaseName: string;
  let app1: OwnServer;
  let app2: OwnServer;
  let nginx: RunningNginx;
  let push: PushServiceStandIn;
  let ports: Record<Node, number>;
  const sockets: ClientSocket[] = [];
  const clients: TestClient[] = [];

  beforeAll(async () => {
    databaseName = `giga_cluster_${randomBytes(6).toString("hex")}`;
    admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${databaseName}`);
    const url = new URL(databaseUrl!);
    url.pathname = `/${databaseName}`;

    push = await new PushServiceStandIn().start();
    const nginxPort = await freePort();
    ports = { app1: await freePort(), app2: await freePort() };
    const vapid = webPush.generateVAPIDKeys();
    const env = {
      DATABASE_URL: url.toString(),
      REDIS_URL: redisUrl!,
      REDIS_KEY_PREFIX: `giga-cluster-${randomBytes(6).toString("hex")}`,
      BETTER_AUTH_SECRET: randomBytes(32).toString("hex"),
      VAPID_PUBLIC_KEY: vapid.publicKey,
      VAPID_PRIVATE_KEY: vapid.privateKey,
      // The address people open is nginx's: links, cookies and the allowed origin.
      BASE_URL: `http://127.0.0.1:${nginxPort}`,
      TRUST_PROXY: "true",
      // Everyone here signs up from 127.0.0.1, and signs in again for a second session.
      AUTH_IP_LIMIT: "100000",
      AUTH_ACCOUNT_LIMIT: "100000",
      SEND_BURST: String(SEND_BURST),
      SEND_WINDOW_SECONDS: "30",
      PUSH_ALLOW_HTTP: "true",
      PUSH_RETRY_MAX_SECONDS: "1",
      MEDIA_LISTEN_IP: "127.0.0.1",
    };
    // One after the other: the first runs the migrations (and is first to take the lease).
    app1 = await startServer({ port: ports.app1, env: { ...env, WORKER_ID: "1" } });
    app2 = await startServer({ port: ports.app2, env: { ...env, WORKER_ID: "2" } });
    nginx = await startNginx({
      port: nginxPort,
      upstreams: [`127.0.0.1:${ports.app1}`, `127.0.0.1:${ports.app2}`],
      upstreamHeader: UPSTREAM_HEADER,
    });
  });

  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    for (const c of clients) c.disconnect();
    await nginx?.stop();
    await app2?.stop();
    await app1?.stop();
    await push?.close();
    if (admin) {
      await admin.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`).catch(() => undefined);
      await admin.end();
    }
  });

  // --- people, and which process they landed on -------------------------------------

  interface Person {
    email: string;
    password: string;
    name: string;
    /** One client per session (a device); each has its own cookie. */
    sessions: TestClient[];
  }

  /** A client that talks to nginx, as a browser on the site would. */
  function browser(): TestClient {
    const c = new TestClient(nginx.url, { origin: nginx.url });
    clients.push(c);
    return c;
  }

  function nodeOf(reply: { headers: Headers }): Node {
    const upstream = reply.headers.get(UPSTREAM_HEADER) ?? "";
    // After a failed try nginx lists every upstream it tried: the last one answered.
    const last = upstream.split(",").pop()!.trim();
    if (last === `127.0.0.1:${ports.app1}`) return "app1";
    if (last === `127.0.0.1:${ports.app2}`) return "app2";
    throw new Error(`no upstream in ${UPSTREAM_HEADER}: ${JSON.stringify(upstream)}`);
  }

  /** The process this session's requests reach (nginx says which). */
  async function where(c: TestClient): Promise<Node> {
    const me = await c.get("/api/v1/users/@me");
    expect(me.status).toBe(200);
    return nodeOf(me);
  }

  let counter = 0;
  async function signUp(name: string): Promise<{ person: Person; node: Node }> {
    const person: Person = {
      name,
      email: `${name.toLowerCase()}.${++counter}.${randomBytes(4).toString("hex")}@cluster.test`,
      password: "correct horse battery",
      sessions: [],
    };
    const c = browser();
    const res = await c.post("/api/auth/sign-up/email", { email: person.email, password: person.password, name });
    expect(res.status).toBe(200);
    c.user = (await c.get<NonNullable<TestClient["user"]>>("/api/v1/users/@me")).body;
    person.sessions.push(c);
    return { person, node: await where(c) };
  }

  /** Someone whose (first) session landed on this process: people are signed up until one does. */
  async function personOn(node: Node, name: string): Promise<Person> {
    for (let i = 0; i < 40; i++) {
      const { person, node: landed } = await signUp(`${name}${i}`);
      if (landed === node) return person;
    }
    throw new Error(`40 sign-ups and none landed on ${node}: is the stickiness hashing anything?`);
  }

  /** A new session (sign-in from another device) of this person that lands on `node`. */
  async function sessionOn(person: Person, node: Node): Promise<TestClient> {
    for (let i = 0; i < 40; i++) {
      const c = browser();
      const res = await c.post("/api/auth/sign-in/email", { email: person.email, password: person.password });
      expect(res.status).toBe(200);
      c.user = person.sessions[0]!.user;
      if ((await where(c)) === node) {
        person.sessions.push(c);
        return c;
      }
    }
    throw new Error(`40 sign-ins and no session landed on ${node}`);
  }

  /** A socket through nginx that reconnects by itself, as the web app's does. */
  function reconnectingSocket(c: TestClient): ClientSocket {
    const socket: ClientSocket = connect(nginx.url, {
      path: "/socket.io",
      transports: ["websocket"],
      extraHeaders: { cookie: c.cookie, origin: nginx.url },
      reconnection: true,
      reconnectionDelay: 200,
      reconnectionDelayMax: 1_000,
      forceNew: true,
    });
    sockets.push(socket);
    return socket;
  }

  async function send(c: TestClient, channelId: string, content: string, nonce?: string): Promise<Message> {
    const res = await c.post<Message>(`/api/v1/channels/${channelId}/messages`, { content, ...(nonce ? { nonce } : {}) });
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    return res.body;
  }

  // --- the shared scene -------------------------------------------------------------

  let ann: Person; // on app1: owner; her client reconnects after the kill
  let ben: Person; // on app2
  let gus: Person; // on app1; gone with it (no reconnect)
  let server: Server;
  let general: Channel;
  let invite: Invite;
  let annSocket: ClientSocket;
  let benSocket: ClientSocket;
  let gusSocket: ClientSocket;
  const ready = (s: ClientSocket) => new Promise<void>((resolve, reject) => {
    s.once("ready", () => resolve());
    s.once("connect_error", reject);
  });

  it("keeps each session on one process (sticky by the session cookie), and people land on both", async () => {
    ann = await personOn("app1", "Ann");
    ben = await personOn("app2", "Ben");
    gus = await personOn("app1", "Gus");
    for (const [p, node] of [[ann, "app1"], [ben, "app2"], [gus, "app1"]] as const) {
      for (let i = 0; i < 5; i++) expect(await where(p.sessions[0]!)).toBe(node);
    }
    const owner = ann.sessions[0]!;
    server = (await owner.post<Server>("/api/v1/servers", { name: "Cluster" })).body;
    general = (await owner.get<Channel[]>(`/api/v1/servers/${server.id}/channels`)).body[0]!;
    await owner.request("PATCH", `/api/v1/servers/${server.id}`, { systemChannelId: null });
    invite = (await owner.post<Invite>(`/api/v1/servers/${server.id}/invites`, {})).body;
    for (const p of [ben, gus]) expect((await p.sessions[0]!.post(`/api/v1/invites/${invite.code}`)).status).toBe(200);

    annSocket = reconnectingSocket(owner);
    await ready(annSocket);
    // Ben's socket uses long-polling only: each poll is its own request, and they all
    // must reach the process that holds the connection — or the socket breaks.
    benSocket = await ben.sessions[0]!.socket({ transports: ["polling"] });
    sockets.push(benSocket);
    gusSocket = await gus.sessions[0]!.socket();
    sockets.push(gusSocket);
  });

  it("people on different processes chat both ways", async () => {
    const annHeard = collect(annSocket, "message.created");
    const benHeard = collect(benSocket, "message.created");
    const fromAnn = await send(ann.sessions[0]!, general.id, "hello from process 1");
    await waitFor(() => benHeard.some((e) => e.message.id === fromAnn.id), 10_000);
    const fromBen = await send(ben.sessions[0]!, general.id, "hello from process 2");
    await waitFor(() => annHeard.some((e) => e.message.id === fromBen.id), 10_000);
    expect(benHeard.find((e) => e.message.id === fromAnn.id)!.message).toEqual(fromAnn);
  });

  it("people on different processes see each other type", async () => {
    const annSees = collect(annSocket, "typing.started");
    const benSees = collect(benSocket, "typing.started");
    expect(await annSocket.emitWithAck("typing.start", { channelId: general.id })).toEqual({ ok: true });
    await waitFor(() => benSees.some((t) => t.userId === ann.sessions[0]!.user!.id && t.channelId === general.id), 10_000);
    expect(await benSocket.emitWithAck("typing.start", { channelId: general.id })).toEqual({ ok: true });
    await waitFor(() => annSees.some((t) => t.userId === ben.sessions[0]!.user!.id), 10_000);
  });

  it("people on different processes see each other's status change", async () => {
    const annSees = collect(annSocket, "presence.updated");
    const benSees = collect(benSocket, "presence.updated");
    expect(await annSocket.emitWithAck("presence.set", { status: "dnd" })).toEqual({ ok: true });
    await waitFor(() => benSees.some((p) => p.userId === ann.sessions[0]!.user!.id && p.status === "dnd"), 10_000);
    expect(await benSocket.emitWithAck("presence.set", { status: "idle" })).toEqual({ ok: true });
    await waitFor(() => annSees.some((p) => p.userId === ben.sessions[0]!.user!.id && p.status === "idle"), 10_000);
    expect(await annSocket.emitWithAck("presence.set", { status: "online" })).toEqual({ ok: true });
    expect(await benSocket.emitWithAck("presence.set", { status: "online" })).toEqual({ ok: true });
  });

  it("a fresh member list on either process shows who is online on the other (shared presence)", async () => {
    const online = async (c: TestClient) =>
      new Map((await c.get<{ userId: string; status: string }[]>(`/api/v1/servers/${server.id}/presences`)).body.map((p) => [p.userId, p.status]));
    const ids = [ann, ben, gus].map((p) => p.sessions[0]!.user!.id);
    // Ben asks process 2 about Ann and Gus (process 1); Ann asks process 1 about Ben.
    for (const asker of [ben, ann]) {
      await until(async () => {
        const shown = await online(asker.sessions[0]!);
        return ids.every((id) => shown.get(id) === "online");
      }, 10_000);
    }
  });

  it("a flood through both processes (two sessions of one person) is limited as through one", async () => {
    const { person: flo } = await signUp("Flo");
    expect((await flo.sessions[0]!.post(`/api/v1/invites/${invite.code}`)).status).toBe(200);
    const one = await sessionOn(flo, "app1");
    const two = await sessionOn(flo, "app2");
    const attempts = [one, two].flatMap((c) =>
      Array.from({ length: SEND_BURST }, (_, i) => c.post(`/api/v1/channels/${general.id}/messages`, { content: `flood ${i}` })),
    );
    const replies = await Promise.all(attempts);
    // Both processes took part...
    expect(new Set(replies.map(nodeOf))).toEqual(new Set(["app1", "app2"]));
    const accepted = replies.filter((r) => r.status === 201).length;
    const refused = replies.filter((r) => r.status === 429).length;
    // ...and together let through no more than one process alone would.
    expect(accepted + refused).toBe(replies.length);
    expect(accepted).toBeGreaterThan(0);
    expect(accepted).toBeLessThanOrEqual(SEND_BURST);
  });

  it("a person who joins through process 1 gets the server's events at once on their socket on process 2", async () => {
    const owner = ann.sessions[0]!;
    const other = (await owner.post<Server>("/api/v1/servers", { name: "Joined later" })).body;
    const [room] = (await owner.get<Channel[]>(`/api/v1/servers/${other.id}/channels`)).body;
    const code = (await owner.post<Invite>(`/api/v1/servers/${other.id}/invites`, {})).body.code;

    const jo = await personOn("app1", "Jo");
    const onTwo = await sessionOn(jo, "app2");
    const device = await onTwo.socket();
    sockets.push(device);
    const joined = collect(device, "server.joined");
    const heard = collect(device, "message.created");

    const join = await jo.sessions[0]!.post(`/api/v1/invites/${code}`);
    expect(join.status).toBe(200);
    expect(nodeOf(join)).toBe("app1");
    await waitFor(() => joined.some((j) => j.server.id === other.id), 5_000);
    const said = await send(owner, room!.id, "welcome, Jo");
    await waitFor(() => heard.some((e) => e.message.id === said.id), 5_000);
  });

  // --- process 1 dies ---------------------------------------------------------------

  let pat: Person;
  let patPhone: ReturnType<PushServiceStandIn["newSubscription"]>;
  let dmWithPat: string;
  let killedAt = 0;
  /** What Ben (process 2) hears about people's status from just before the kill. */
  let benPresence: ReturnType<typeof collect<"presence.updated">> = [];

  it("SIGKILL process 1: its clients reconnect through nginx to process 2 and catch up, nothing lost or doubled", async () => {
    // Pat is away (no socket), with a phone subscribed to pushes; Ben can write to Pat.
    ({ person: pat } = await signUp("Pat"));
    expect((await pat.sessions[0]!.post(`/api/v1/invites/${invite.code}`)).status).toBe(200);
    patPhone = push.newSubscription();
    expect((await pat.sessions[0]!.post("/api/v1/users/@me/push-subscriptions", patPhone)).status).toBe(201);
    dmWithPat = (await ben.sessions[0]!.post<DmChannel>("/api/v1/users/@me/channels", { recipientId: pat.sessions[0]!.user!.id })).body.id;

    const annClient = ann.sessions[0]!;
    const annHeard = collect(annSocket, "message.created");
    const seen = await send(ben.sessions[0]!, general.id, "before the crash");
    await waitFor(() => annHeard.some((e) => e.message.id === seen.id), 10_000);
    // A send whose answer Ann never saw: her client sends it again after the reconnect.
    const nonce = `n${Date.now()}`;
    const first = await send(annClient, general.id, "sent twice, kept once", nonce);

    const annDown = new Promise<void>((resolve) => annSocket.once("disconnect", () => resolve()));
    const annReady = collect(annSocket, "ready");
    const benDisconnected = collect(benSocket, "session.ended");
    let benDropped = false;
    benSocket.once("disconnect", () => (benDropped = true));

    benPresence = collect(benSocket, "presence.updated");
    await app1.kill("SIGKILL");
    killedAt = Date.now();
    await annDown;

    // While Ann is away, Ben (process 2) goes on writing.
    const missed: Message[] = [];
    for (let i = 0; i < 5; i++) missed.push(await send(ben.sessions[0]!, general.id, `while Ann was away ${i}`));

    // Her socket reconnects by itself and is ready again (its rooms joined).
    await waitFor(() => annReady.length === 1, 20_000);
    expect(annSocket.connected).toBe(true);
    // Ann's client now reaches process 2 through the same address.
    expect(await where(annClient)).toBe("app2");
    const again = await annClient.post<Message>(`/api/v1/channels/${general.id}/messages`, { content: "sent twice, kept once", nonce });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.id);

    // The catch-up: everything after the last message she saw, live or fetched, once each.
    const page = await annClient.get<Message[]>(`/api/v1/channels/${general.id}/messages?after=${seen.id}&limit=100`);
    expect(page.status).toBe(200);
    const byId = new Map<string, Message>();
    for (const m of [...page.body, ...annHeard.map((e) => e.message).filter((m) => BigInt(m.id) > BigInt(seen.id))]) byId.set(m.id, m);
    const caughtUp = [...byId.values()].sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
    expect(page.body.map((m) => m.id).sort()).toEqual([...new Set(page.body.map((m) => m.id))].sort());
    expect(caughtUp.map((m) => m.content)).toEqual(["sent twice, kept once", ...missed.map((m) => m.content)]);

    // Ben's connection (process 2) never noticed.
    expect(benDropped).toBe(false);
    expect(benSocket.connected).toBe(true);
    expect(benDisconnected).toEqual([]);
    // Gus's went with process 1.
    expect(gusSocket.connected).toBe(false);
  });

  it("background work goes on on process 2: a push is delivered after process 1 died", async () => {
    expect(killedAt).toBeGreaterThan(0);
    const dm = await ben.sessions[0]!.post<Message>(`/api/v1/channels/${dmWithPat}/messages`, { content: "are you there, Pat?" });
    expect(dm.status).toBe(201);
    expect(nodeOf(dm)).toBe("app2");
    await waitFor(
      () =>
        push
          .deliveriesTo(patPhone.endpoint)
          .some((d) => {
            const p = d.payload as PushPayload;
            return p.type === "notification" && p.notification.messageId === dm.body.id;
          }),
      30_000,
    );
    expect(push.rejected).toEqual([]);
  });

  it("process 2 holds the leader lease within 30 s of process 1's death (GET /api/health)", async () => {
    await until(async () => {
      const res = await fetch(`${app2.baseUrl}/api/health`);
      const body = (await res.json()) as { leader?: boolean };
      return body.leader === true;
    }, Math.max(1_000, 30_000 - (Date.now() - killedAt)));
  }, 40_000);

  it("the person whose only process died shows offline on process 2 within 60 s", async () => {
    const gusId = gus.sessions[0]!.user!.id;
    const benSees = benPresence;
    const left = Math.max(1_000, 60_000 - (Date.now() - killedAt));
    const start = Date.now();
    await waitFor(() => benSees.some((p) => p.userId === gusId && p.status === "offline"), left);
    // And a fresh member list on process 2 no longer lists Gus as online.
    const list = await ben.sessions[0]!.get<{ userId: string }[]>(`/api/v1/servers/${server.id}/presences`);
    expect(list.body.map((p) => p.userId)).not.toContain(gusId);
    expect(Date.now() - start).toBeLessThan(left);
  }, 70_000);
});
