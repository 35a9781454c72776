/**
 * Two nodes of one deployment: same database, Socket.IO fanned out through Redis. Runs
 * when TEST_REDIS_URL is set (CI sets it); without it there is no Redis to talk to.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Channel, Invite, Message, Server } from "@/shared/api";
import { type TestServer, collect, startTestServer, waitFor } from "../testing/harness";
import { testDatabaseKinds } from "../testing/databases";

const redisUrl = process.env.TEST_REDIS_URL;

describe.runIf(redisUrl).each(testDatabaseKinds())("two nodes with the Redis adapter on %s", (kind) => {
  let a: TestServer;
  let b: TestServer;
  beforeAll(async () => {
    const env = { REDIS_URL: redisUrl!, REDIS_KEY_PREFIX: `giga-test-${randomBytes(6).toString("hex")}` };
    a = await startTestServer(kind, { env });
    b = await startTestServer(kind, { env, database: a.database });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it("delivers a message sent on node A to a socket on node B, and room joins cross nodes", async () => {
    const owner = a.client();
    await owner.signUp("Owner");
    const server = (await owner.post<Server>("/api/v1/servers", { name: "Scaled" })).body;
    const [channel] = (await owner.get<Channel[]>(`/api/v1/servers/${server.id}/channels`)).body;
    const invite = (await owner.post<Invite>(`/api/v1/servers/${server.id}/invites`, {})).body;

    const guestOnA = a.client();
    await guestOnA.signUp("Guest");
    const guestOnB = b.client();
    guestOnB.cookie = guestOnA.cookie; // the same person, connected to the other node
    const socket = await guestOnB.socket();
    const received = collect(socket, "message.created");
    const joined = collect(socket, "server.joined");

    await guestOnA.post(`/api/v1/invites/${invite.code}`); // joined on A: B's socket must join the rooms
    await waitFor(() => joined.length === 1);
    const sent = (await owner.post<Message>(`/api/v1/channels/${channel!.id}/messages`, { content: "across nodes" })).body;
    // The guest's own "joined the server" line comes too (the rooms were joined in time for it).
    await waitFor(() => received.length === 2);
    expect(received.map((e) => e.message.type).sort()).toEqual(["default", "join"]);
    expect(received.find((e) => e.message.type === "default")!.message).toEqual(sent);
  });

  it("a new name given on node A reaches the person's other device and their server on node B", async () => {
    const owner = a.client();
    await owner.signUp("Renamer");
    const server = (await owner.post<Server>("/api/v1/servers", { name: "Names" })).body;
    const invite = (await owner.post<Invite>(`/api/v1/servers/${server.id}/invites`, {})).body;
    const friend = b.client();
    await friend.signUp("Friend");
    expect((await friend.post(`/api/v1/invites/${invite.code}`)).status).toBe(200);
    const friendSocket = await friend.socket(); // on B, in the server's room
    const ownerOnB = b.client();
    ownerOnB.cookie = owner.cookie;
    const ownDevice = await ownerOnB.socket(); // on B, the person's own room
    const toFriend = collect(friendSocket, "user.updated");
    const toSelf = collect(ownDevice, "user.updated");
    expect((await owner.request("PATCH", "/api/v1/users/@me", { name: "Renamed" })).status).toBe(200);
    await waitFor(() => toFriend.length === 1 && toSelf.length === 1);
    expect(toFriend[0]).toMatchObject({ user: { id: owner.user!.id, name: "Renamed" } });
    expect(toSelf[0]).toMatchObject({ user: { id: owner.user!.id, name: "Renamed" } });
  });
});
