/**
 * The in-process caches (resolved sessions, permission inputs, notification places) never
 * outlive the change that made them stale: a revoked session, a role taken, an overwrite,
 * a kick and a ban are refused on the very next request and socket event, a new
 * notification level and a channel's new name hold for the very next message, with no
 * wait in between, on the process that made the change and, with Redis, on another one.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Channel, Message, Role, UserSession } from "@/shared/api";
import { Permission } from "@/shared/permissions";
import { fromPostgres } from "../db/client";
import { type TestClient, type TestServer, collect, serverWithPeople, startTestServer, waitFor } from "../testing/harness";
import { type DatabaseKind, type TestDatabase, testDatabaseKinds } from "../testing/databases";

const redisUrl = process.env.TEST_REDIS_URL;
const PASSWORD = "correct horse battery";

/** The same person on another node (or the same one): the cookie is what makes them. */
function as(t: TestServer, person: TestClient): TestClient {
  const c = t.client();
  c.cookie = person.cookie;
  c.user = person.user;
  return c;
}

/** Everything a member does in a channel, each answered with its status (or the socket ack's code). */
async function tryChannel(person: TestClient, channelId: string) {
  const history = (await person.get(`/api/v1/channels/${channelId}/messages`)).status;
  const send = (await person.post(`/api/v1/channels/${channelId}/messages`, { content: "still here?" })).status;
  const socket = await person.socket();
  // Typing is checked once per channel and 2 s: each call here is on a channel not typed in yet.
  const ack = await socket.emitWithAck("typing.start", { channelId });
  socket.disconnect();
  return { history, send, typing: ack.ok ? "ok" : ack.error.code };
}

/** Reads and sends twice: the first may learn the channel's server by query, the second is then served from the cache. */
async function warm(person: TestClient, channelId: string) {
  for (let i = 0; i < 2; i++) {
    expect((await person.get(`/api/v1/channels/${channelId}/messages`)).status).toBe(200);
    expect((await person.post(`/api/v1/channels/${channelId}/messages`, { content: `warm ${i}` })).status).toBe(201);
  }
}

/**
 * `act` is where the moderator acts, `check` where the member asks next (the same node,
 * or another one of the deployment).
 */
function invalidationCases(nodes: () => { act: TestServer; check: TestServer }) {
  async function setUp() {
    const { act, check } = nodes();
    const { owner, people, server, general } = await serverWithPeople(act, ["Owner", "Member"]);
    const member = as(check, people[1]!);
    const ownerHere = as(act, owner);
    return { owner: ownerHere, member, memberId: people[1]!.user!.id, server, general };
  }

  async function newChannel(owner: TestClient, serverId: string, name: string): Promise<Channel> {
    const res = await owner.post<Channel>(`/api/v1/servers/${serverId}/channels`, { name, type: "text" });
    expect(res.status).toBe(201);
    return res.body;
  }

  it("a role taken from a member", async () => {
    const { owner, member, memberId, server } = await setUp();
    const role = (await owner.post<Role>(`/api/v1/servers/${server.id}/roles`, { name: "Crew" })).body;
    const crewOnly = await newChannel(owner, server.id, "crew-only");
    const view = String(Permission.ViewChannel);
    expect((await owner.request("PUT", `/api/v1/channels/${crewOnly.id}/permissions/${server.id}`, { type: "role", deny: view })).status).toBe(204);
    expect((await owner.request("PUT", `/api/v1/channels/${crewOnly.id}/permissions/${role.id}`, { type: "role", allow: view })).status).toBe(204);
    expect((await owner.request("PATCH", `/api/v1/servers/${server.id}/members/${memberId}`, { roles: [role.id] })).status).toBe(200);
    await warm(member, crewOnly.id);

    expect((await owner.request("PATCH", `/api/v1/servers/${server.id}/members/${memberId}`, { roles: [] })).status).toBe(200);
    expect(await tryChannel(member, crewOnly.id)).toEqual({ history: 403, send: 403, typing: "FORBIDDEN" });
  });

  it("a channel overwrite denying the member", async () => {
    const { owner, member, memberId, server } = await setUp();
    const room = await newChannel(owner, server.id, "room");
    const quiet = await newChannel(owner, server.id, "quiet");
    await warm(member, room.id);
    await warm(member, quiet.id);

    const deny = String(Permission.ViewChannel);
    expect((await owner.request("PUT", `/api/v1/channels/${room.id}/permissions/${memberId}`, { type: "member", deny })).status).toBe(204);
    expect(await tryChannel(member, room.id)).toEqual({ history: 403, send: 403, typing: "FORBIDDEN" });

    // Send Messages alone: the history still reads, sending and typing do not.
    const mute = String(Permission.SendMessages);
    expect((await owner.request("PUT", `/api/v1/channels/${quiet.id}/permissions/${memberId}`, { type: "member", deny: mute })).status).toBe(204);
    expect(await tryChannel(member, quiet.id)).toEqual({ history: 200, send: 403, typing: "MISSING_PERMISSIONS" });
    // And lifting it is seen at once too.
    expect((await owner.request("DELETE", `/api/v1/channels/${quiet.id}/permissions/${memberId}`)).status).toBe(204);
    expect((await member.post(`/api/v1/channels/${quiet.id}/messages`, { content: "back" })).status).toBe(201);
  });

  it("a kick", async () => {
    const { owner, member, memberId, server, general } = await setUp();
    await warm(member, general.id);
    expect((await member.get(`/api/v1/servers/${server.id}/channels`)).status).toBe(200);

    expect((await owner.request("DELETE", `/api/v1/servers/${server.id}/members/${memberId}`)).status).toBe(204);
    expect(await tryChannel(member, general.id)).toEqual({ history: 403, send: 403, typing: "FORBIDDEN" });
    expect((await member.get(`/api/v1/servers/${server.id}/channels`)).status).toBe(403);
  });

  it("a ban", async () => {
    const { owner, member, memberId, server, general } = await setUp();
    await warm(member, general.id);

    expect((await owner.request("PUT", `/api/v1/servers/${server.id}/bans/${memberId}`, {})).status).toBe(204);
    expect(await tryChannel(member, general.id)).toEqual({ history: 403, send: 403, typing: "FORBIDDEN" });
  });

  it("a notification's place: a member asking for every message, a channel renamed", async () => {
    const { owner, member, server, general } = await setUp();
    const ownerTold = collect(await owner.socket(), "notification.created");
    const memberTold = collect(await member.socket(), "notification.created");
    // Messages on both nodes: each node's fan-out now holds #general's place, where nobody hears every message.
    await warm(owner, general.id);
    await warm(member, general.id);
    const mention = await member.post<Message>(`/api/v1/channels/${general.id}/messages`, { content: `<@${owner.user!.id}> first` });
    await waitFor(() => ownerTold.some((n) => n.messageId === mention.body.id));
    expect(memberTold).toHaveLength(0);

    const level = { level: "all", mute: null, suppressEveryone: false, suppressRoles: false };
    expect((await member.request("PUT", `/api/v1/users/@me/notification-settings/servers/${server.id}`, level)).status).toBe(200);
    const plain = await owner.post<Message>(`/api/v1/channels/${general.id}/messages`, { content: "for everyone who asked" });
    await waitFor(() => memberTold.some((n) => n.messageId === plain.body.id));
    expect(memberTold.find((n) => n.messageId === plain.body.id)).toMatchObject({ kind: "message" });

    expect((await owner.request("PATCH", `/api/v1/channels/${general.id}`, { name: "lobby" })).status).toBe(200);
    const after = await member.post<Message>(`/api/v1/channels/${general.id}/messages`, { content: `<@${owner.user!.id}> where?` });
    await waitFor(() => ownerTold.some((n) => n.messageId === after.body.id));
    expect(ownerTold.find((n) => n.messageId === after.body.id)!.title).toBe(`Member (#lobby, ${server.name})`);
  });

  it("a revoked session, and a changed name", async () => {
    const { act, check } = nodes();
    const first = act.client();
    const me = await first.signUp("Twice");
    const second = check.client();
    expect((await second.post("/api/auth/sign-in/email", { email: me.email, password: PASSWORD })).status).toBe(200);
    expect((await second.get("/api/v1/users/@me")).status).toBe(200);
    (await second.socket()).disconnect();

    const sessions = (await first.get<UserSession[]>("/api/v1/users/@me/sessions")).body;
    const other = sessions.find((s) => !s.current)!;
    expect((await first.request("DELETE", `/api/v1/users/@me/sessions/${other.id}`)).status).toBe(204);
    expect((await second.get("/api/v1/users/@me")).status).toBe(401);
    await expect(second.socket()).rejects.toThrow("UNAUTHORIZED");

    // The cached session carries the person's row: a new name is theirs on the next request.
    const { owner, general } = await serverWithPeople(act, ["Host"]);
    const host = as(check, owner);
    const before = await host.post<Message>(`/api/v1/channels/${general.id}/messages`, { content: "as Host" });
    expect(before.body.author.name).toBe("Host");
    const renamed = `Renamed ${randomBytes(3).toString("hex")}`;
    expect((await owner.request("PATCH", "/api/v1/users/@me", { name: renamed })).status).toBe(200);
    const after = await host.post<Message>(`/api/v1/channels/${general.id}/messages`, { content: "as whom?" });
    expect(after.body.author.name).toBe(renamed);
  });
}

describe.each(testDatabaseKinds())("caches on one node on %s", (kind) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(kind);
  });
  afterAll(async () => {
    await t?.close();
  });
  invalidationCases(() => ({ act: t, check: t }));

  it("a warm send and history page ask the database nothing about access", async () => {
    const { people, general } = await serverWithPeople(t, ["Owner", "Member"]);
    const member = people[1]!;
    await warm(member, general.id);
    // Every statement is told to the handle's logger (drizzle's and the prepared hot ones alike).
    const { logger } = (t.server.services.db as unknown as { session: { logger: { logQuery: (text: string, params: unknown[]) => void } } }).session;
    const statements = vi.spyOn(logger, "logQuery");
    const textOf = (query: unknown) => String(query);
    // The access query is the one that reads overwrites and member roles.
    const accessQueries = () => statements.mock.calls.map(([query]) => textOf(query)).filter((text) => /channel_overwrites|member_roles/.test(text));
    try {
      expect((await member.post(`/api/v1/channels/${general.id}/messages`, { content: "cached" })).status).toBe(201);
      expect((await member.get(`/api/v1/channels/${general.id}/messages`)).status).toBe(200);
      expect(statements.mock.calls.length).toBeGreaterThan(0); // the INSERT at least: the spy sees statements
      expect(accessQueries()).toEqual([]);
    } finally {
      statements.mockRestore();
    }
  });
});

/** A second handle on the same database, as another process has (PGlite has only the one). */
function secondHandle(kind: DatabaseKind, database: TestDatabase): TestDatabase {
  if (kind === "pglite") return database;
  const url = (database as unknown as { pool: { options: { connectionString: string } } }).pool.options.connectionString;
  const handle = fromPostgres(url, 3);
  return { ...handle, destroy: () => handle.close() };
}

describe.runIf(redisUrl).each(testDatabaseKinds())("caches on two nodes with Redis on %s", (kind) => {
  let a: TestServer;
  let b: TestServer;
  let handle: TestDatabase;
  beforeAll(async () => {
    const env = { REDIS_URL: redisUrl!, REDIS_KEY_PREFIX: `giga-test-${randomBytes(6).toString("hex")}` };
    a = await startTestServer(kind, { env });
    handle = secondHandle(kind, a.database);
    b = await startTestServer(kind, { env, database: handle });
  });
  afterAll(async () => {
    await b?.close();
    if (handle && handle !== a?.database) await handle.destroy();
    await a?.close();
  });
  invalidationCases(() => ({ act: a, check: b }));
});
