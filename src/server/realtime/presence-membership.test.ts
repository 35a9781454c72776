/**
 * Presence follows membership as it changes while people are connected: once someone is
 * kicked, banned or has left, nothing of their status reaches the server's members (from
 * any of their devices); someone who joins is announced to the server at once, their
 * later changes reach it, and they hear its members' changes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Presence } from "@/shared/api";
import { type ClientSocket, type TestClient, type TestServer, collect, serverWithPeople, startTestServer, waitFor } from "../testing/harness";
import { testDatabaseKinds } from "../testing/databases";

describe.each(testDatabaseKinds())("presence follows membership on %s", (kind) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Everything a socket heard before this moment has arrived: the server answers in order. */
  const settled = (...sockets: ClientSocket[]) => Promise.all(sockets.map((s) => s.emitWithAck("ping")));

  /** The person's status changes from both devices, ending with both gone. */
  async function changeEverything(devices: [ClientSocket, ClientSocket]) {
    const [phone, desktop] = devices;
    await phone.emitWithAck("presence.set", { status: "dnd" });
    await desktop.emitWithAck("presence.set", { status: "online" });
    phone.emit("presence.idle");
    desktop.emit("presence.idle");
    await settled(phone, desktop);
    desktop.disconnect();
    phone.disconnect();
  }

  async function leavesAndGoesQuiet(remove: (owner: TestClient, leaver: TestClient, serverId: string) => Promise<number>) {
    const { owner, people, server } = await serverWithPeople(t, ["Owner", "Witness", "Leaver"]);
    const [, witness, leaver] = people as [TestClient, TestClient, TestClient];
    const watching = await witness.socket();
    const heard = collect(watching, "presence.updated");
    const devices: [ClientSocket, ClientSocket] = [await leaver.socket(), await leaver.socket()];
    const ownerSocket = await owner.socket();
    const leaverHeard = devices.map((d) => collect(d, "presence.updated"));
    await waitFor(() => heard.some((p) => p.userId === leaver.user!.id && p.status === "online"));

    const removed = collect(devices[0], "server.removed");
    expect(await remove(owner, leaver, server.id)).toBe(204);
    await waitFor(() => removed.length === 1);
    const from = heard.length;
    const leaverFrom = leaverHeard.map((h) => h.length);

    // The server's people change too: the one who left hears none of it.
    await ownerSocket.emitWithAck("presence.set", { status: "dnd" });
    await changeEverything(devices);
    await settled(watching, ownerSocket);
    const about = (p: Presence) => p.userId === leaver.user!.id;
    expect(heard.slice(from).filter(about)).toEqual([]);
    expect(heard.slice(from)).toEqual([{ userId: owner.user!.id, status: "dnd" }]);
    expect(leaverHeard.map((h, i) => h.slice(leaverFrom[i]))).toEqual([[], []]);
  }

  it("a kicked person's status changes stop reaching the server (both devices)", async () => {
    await leavesAndGoesQuiet(async (owner, leaver, serverId) => (await owner.request("DELETE", `/api/v1/servers/${serverId}/members/${leaver.user!.id}`)).status);
  });

  it("a banned person's status changes stop reaching the server (both devices)", async () => {
    await leavesAndGoesQuiet(async (owner, leaver, serverId) => (await owner.request("PUT", `/api/v1/servers/${serverId}/bans/${leaver.user!.id}`, {})).status);
  });

  it("after leaving, a person's status changes stop reaching the server (both devices)", async () => {
    await leavesAndGoesQuiet(async (_owner, leaver, serverId) => (await leaver.request("DELETE", `/api/v1/users/@me/servers/${serverId}`)).status);
  });

  it("someone who joins while connected is announced, and presence flows both ways from then on", async () => {
    const { owner, people, server, invite } = await serverWithPeople(t, ["Owner", "Witness"]);
    const witness = people[1]!;
    const newcomer = t.client();
    await newcomer.signUp("Newcomer");
    const watching = await witness.socket();
    const ownerSocket = await owner.socket();
    const heard = collect(watching, "presence.updated");
    const devices: [ClientSocket, ClientSocket] = [await newcomer.socket(), await newcomer.socket()];
    const newcomerHeard = devices.map((d) => collect(d, "presence.updated"));
    await devices[0].emitWithAck("presence.set", { status: "idle" });
    await settled(watching);
    const about = (p: Presence) => p.userId === newcomer.user!.id;
    expect(heard.filter(about)).toEqual([]); // no server in common yet

    const joined = collect(devices[1], "server.joined");
    expect((await newcomer.post(`/api/v1/invites/${invite.code}`)).status).toBe(200);
    await waitFor(() => joined.length === 1);
    // Announced with the status the person already has, once for both devices.
    await waitFor(() => heard.some((p) => about(p) && p.status === "idle"));
    await settled(watching);
    expect(heard.filter(about)).toEqual([{ userId: newcomer.user!.id, status: "idle" }]);
    // And they see who is online there.
    const online = (await newcomer.get<Presence[]>(`/api/v1/servers/${server.id}/presences`)).body;
    expect(online).toEqual(expect.arrayContaining([{ userId: owner.user!.id, status: "online" }, { userId: witness.user!.id, status: "online" }]));

    // The server's changes reach both devices; theirs, from either device, reach the server.
    await ownerSocket.emitWithAck("presence.set", { status: "dnd" });
    for (const h of newcomerHeard) await waitFor(() => h.some((p) => p.userId === owner.user!.id && p.status === "dnd"));
    await devices[1].emitWithAck("presence.set", { status: "dnd" });
    await waitFor(() => heard.some((p) => about(p) && p.status === "dnd"));
    devices[1].disconnect();
    await devices[0].emitWithAck("presence.set", { status: "online" });
    await waitFor(() => heard.some((p) => about(p) && p.status === "online"));
    devices[0].disconnect();
    await waitFor(() => heard.some((p) => about(p) && p.status === "offline"));
  });

  it("an invisible person who joins is not announced", async () => {
    const { invite, people } = await serverWithPeople(t, ["Owner"]);
    const watching = await people[0]!.socket();
    const heard = collect(watching, "presence.updated");
    const ghost = t.client();
    await ghost.signUp("Ghost");
    const device = await ghost.socket();
    await device.emitWithAck("presence.set", { status: "invisible" });
    const joined = collect(device, "server.joined");
    expect((await ghost.post(`/api/v1/invites/${invite.code}`)).status).toBe(200);
    await waitFor(() => joined.length === 1);
    await settled(watching);
    expect(heard.filter((p) => p.userId === ghost.user!.id)).toEqual([]);
  });
});
