/**
 * Shared state across two nodes (two app servers on one database and one Redis): a node
 * that stops beating (as if killed) has its people shown offline and its voice places
 * ended by the other node's sweep, which also ends a call its last person was in; a node
 * shut down cleanly says so at once; sign-in
 * attempts count on both nodes together. Runs when TEST_REDIS_URL is set.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Channel } from "@/shared/api";
import { type TestClient, type TestServer, collect, serverWithPeople, startTestServer, waitFor } from "../testing/harness";
import { RedisNode } from "./node";

/** A place in a room held by this socket, as a join stores it before the media answers. */
function heldPlace(userId: string, channelId: string, serverId: string | null, socketId: string) {
  const quiet = { selfMute: false, selfDeaf: false, serverMute: false, serverDeaf: false, camera: false, screen: false };
  return { userId, channelId, serverId, ...quiet, joinedAt: new Date().toISOString(), socketId };
}

const redisUrl = process.env.TEST_REDIS_URL;

describe.runIf(redisUrl)("shared state across two nodes", () => {
  let a: TestServer;
  let b: TestServer;
  let env: Record<string, string>;
  beforeAll(async () => {
    // A short heartbeat so a dead node is found within seconds (30 s in production).
    env = { REDIS_URL: redisUrl!, REDIS_KEY_PREFIX: `giga-test-${randomBytes(6).toString("hex")}`, NODE_HEARTBEAT_TTL_SECONDS: "3" };
    a = await startTestServer("pglite", { env });
    b = await startTestServer("pglite", { env, database: a.database });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it("sees on node B who is online and in voice on node A; when A stops beating, B says they left", async () => {
    const { owner, people, server, invite } = await serverWithPeople(b, ["Owner", "Witness"]);
    const lounge = (await owner.post<Channel>(`/api/v1/servers/${server.id}/channels`, { name: "Lounge", type: "audio" })).body;
    const witness = await people[1]!.socket(); // on B
    const heard = collect(witness, "presence.updated");
    const left = collect(witness, "voice.left");

    const traveller = a.client();
    await traveller.signUp("Traveller");
    expect((await traveller.post(`/api/v1/invites/${invite.code}`)).status).toBe(200);
    const device = await traveller.socket(); // on A, the only one
    const id = traveller.user!.id;
    await waitFor(() => heard.some((p) => p.userId === id && p.status === "online"));
    const presences = async () => (await owner.get<Array<{ userId: string }>>(`/api/v1/servers/${server.id}/presences`)).body.map((p) => p.userId);
    expect(await presences()).toContain(id); // asked of B

    // A place held by A's socket (what a join stores before the media answers).
    await a.server.services.voice.set(heldPlace(id, lounge.id, server.id, device.id!));
    expect((await b.server.services.voice.inRoom(lounge.id)).map((s) => s.userId)).toEqual([id]);

    const node = a.server.services.node;
    expect(node).toBeInstanceOf(RedisNode);
    (node as RedisNode).halt(); // no heartbeat, no clean-up: to B, A is dead
    await waitFor(() => heard.some((p) => p.userId === id && p.status === "offline"), 15_000);
    await waitFor(() => left.some((l) => l.userId === id && l.channelId === lounge.id), 5_000);
    expect(await presences()).not.toContain(id);
    expect(await b.server.services.voice.get(id)).toBeNull();
  });

  it("a conversation's call ends when the node of its last person dies", async () => {
    const c = await startTestServer("pglite", { env, database: a.database });
    try {
      const { people } = await serverWithPeople(b, ["Ann", "Ben"]);
      const [ann, ben] = people as [TestClient, TestClient];
      const dm = (await ann.post<{ id: string }>("/api/v1/users/@me/channels", { recipientId: ben.user!.id })).body.id;
      const ended = collect(await ben.socket(), "call.ended"); // on B
      const annOnC = c.client();
      annOnC.cookie = ann.cookie;
      const device = await annOnC.socket();
      expect((await annOnC.post(`/api/v1/channels/${dm}/call`, {})).status).toBeLessThan(300);
      // Ann's place in the call, held by her socket on C.
      await c.server.services.voice.set(heldPlace(ann.user!.id, dm, null, device.id!));
      (c.server.services.node as RedisNode).halt();
      await waitFor(() => ended.some((e) => e.channelId === dm), 15_000);
    } finally {
      await c.close();
    }
  });

  it("a node shut down cleanly takes its people offline at once", async () => {
    const c = await startTestServer("pglite", { env, database: a.database });
    const { people, invite } = await serverWithPeople(b, ["Owner", "Witness"]);
    const heard = collect(await people[1]!.socket(), "presence.updated");
    const visitor = c.client();
    await visitor.signUp("Visitor");
    expect((await visitor.post(`/api/v1/invites/${invite.code}`)).status).toBe(200);
    await visitor.socket();
    const id = visitor.user!.id;
    await waitFor(() => heard.some((p) => p.userId === id && p.status === "online"));
    await c.close();
    await waitFor(() => heard.some((p) => p.userId === id && p.status === "offline"), 2_000);
  });
});

describe.runIf(redisUrl)("sign-in attempt limits across two nodes", () => {
  let a: TestServer;
  let b: TestServer;
  beforeAll(async () => {
    const env = { REDIS_URL: redisUrl!, REDIS_KEY_PREFIX: `giga-test-${randomBytes(6).toString("hex")}`, AUTH_ACCOUNT_LIMIT: "3" };
    a = await startTestServer("pglite", { env, realAttemptLimits: true });
    b = await startTestServer("pglite", { env, database: a.database, realAttemptLimits: true });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it("counts an account's attempts on both nodes together", async () => {
    const email = `nobody.${randomBytes(4).toString("hex")}@example.test`;
    const attempt = (t: TestServer) => t.client().post("/api/auth/sign-in/email", { email, password: "wrong password here" });
    const statuses = [];
    for (const t of [a, b, a, b]) statuses.push((await attempt(t)).status);
    expect(statuses.slice(0, 3)).not.toContain(429);
    expect(statuses[3]).toBe(429);
  });
});
