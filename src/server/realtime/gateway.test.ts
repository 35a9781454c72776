import { io as connect } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Channel, Invite, Message, Server } from "@/shared/api";
import type { Tx } from "../db/client";
import { withStatementLog } from "../db/statement-log";
import { type TestClient, type TestServer, collect, startTestServer, waitFor } from "../testing/harness";
import { testDatabaseKinds } from "../testing/databases";

describe.each(testDatabaseKinds())("Socket.IO gateway on %s", (kind) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  async function serverOf(owner: TestClient) {
    const server = (await owner.post<Server>("/api/v1/servers", { name: "Live" })).body;
    const [channel] = (await owner.get<Channel[]>(`/api/v1/servers/${server.id}/channels`)).body;
    const invite = (await owner.post<Invite>(`/api/v1/servers/${server.id}/invites`, {})).body;
    return { server, channel: channel!, invite };
  }

  it("refuses a socket without a session", async () => {
    const anon = t.client();
    await expect(anon.socket()).rejects.toThrow("UNAUTHORIZED");
    const forged = t.client();
    forged.cookie = "better-auth.session_token=forged.value";
    await expect(forged.socket()).rejects.toThrow("UNAUTHORIZED");
  });

  it("closes a socket that sends a message larger than any event needs, unread", async () => {
    const owner = t.client();
    await owner.signUp();
    const socket = await owner.socket();
    const closed = new Promise<string>((resolve) => socket.once("disconnect", (reason) => resolve(reason)));
    // A 512 KB typing event: socket.io's default buffer (1 MB) would take it, ours stops at 96 KB.
    (socket as unknown as { emit(event: string, payload: unknown): void }).emit("typing.start", { channelId: "1", padding: "x".repeat(512 * 1024) });
    expect(await closed).toMatch(/transport close|transport error/);
  });

  it("refuses a WebSocket handshake from another site", async () => {
    const owner = t.client();
    await owner.signUp();
    const socket = connect(t.url, {
      transports: ["websocket"],
      extraHeaders: { cookie: owner.cookie, origin: "https://evil.example" },
      reconnection: false,
      forceNew: true,
    });
    const result = await new Promise<string>((resolve) => {
      socket.once("connect", () => resolve("connected"));
      socket.once("connect_error", () => resolve("refused"));
    });
    socket.disconnect();
    expect(result).toBe("refused");
  });

  it("delivers message.created to members and nothing to a non-member", async () => {
    const owner = t.client();
    await owner.signUp("Owner");
    const { channel, invite } = await serverOf(owner);
    const member = t.client();
    await member.signUp("Member");
    await member.post(`/api/v1/invites/${invite.code}`);
    const stranger = t.client();
    await stranger.signUp("Stranger");

    const memberSocket = await member.socket();
    const strangerSocket = await stranger.socket();
    const got = collect(memberSocket, "message.created");
    const strangerGot: unknown[] = [];
    strangerSocket.onAny((event, payload) => strangerGot.push([event, payload]));

    const sent = (await owner.post<Message>(`/api/v1/channels/${channel.id}/messages`, { content: "hi all", nonce: "x1" })).body;
    await waitFor(() => got.length === 1);
    expect(got[0]).toEqual({ channelId: channel.id, message: sent });
    // A retry with the same nonce is not a second event.
    await owner.post(`/api/v1/channels/${channel.id}/messages`, { content: "hi all", nonce: "x1" });
    const marker = (await owner.post<Message>(`/api/v1/channels/${channel.id}/messages`, { content: "end" })).body;
    await waitFor(() => got.length === 2);
    expect(got.map((e) => e.message.id)).toEqual([sent.id, marker.id]);
    expect(strangerGot).toEqual([]);
  });

  it("a socket joins a server's rooms the moment its user joins, and works over long-polling", async () => {
    const owner = t.client();
    await owner.signUp();
    const { server, channel, invite } = await serverOf(owner);
    const newcomer = t.client();
    await newcomer.signUp("Newcomer");
    const socket = await newcomer.socket({ transports: ["polling"] });
    const joined = collect(socket, "server.joined");
    const messages = collect(socket, "message.created");
    const ownerSocket = await owner.socket();
    const members = collect(ownerSocket, "member.added");

    await owner.post(`/api/v1/channels/${channel.id}/messages`, { content: "before you came" });
    await newcomer.post(`/api/v1/invites/${invite.code}`);
    await waitFor(() => joined.length === 1 && members.length === 1);
    expect(joined[0]!.server.id).toBe(server.id);
    expect(members[0]!.member.user.name).toBe("Newcomer");
    await owner.post(`/api/v1/channels/${channel.id}/messages`, { content: "welcome" });
    // The server's own "joined the server" line reaches the newcomer too: already in the room.
    await waitFor(() => messages.length === 2);
    expect(messages.map((m) => [m.message.type, m.message.content])).toEqual([
      ["join", ""],
      ["default", "welcome"],
    ]);
  });

  it("announces a new channel to members, who then receive its messages", async () => {
    const owner = t.client();
    await owner.signUp();
    const { server, invite } = await serverOf(owner);
    const member = t.client();
    await member.signUp();
    await member.post(`/api/v1/invites/${invite.code}`);
    const socket = await member.socket();
    const created = collect(socket, "channel.created");
    const messages = collect(socket, "message.created");
    const channel = (await owner.post<Channel>(`/api/v1/servers/${server.id}/channels`, { name: "news" })).body;
    await waitFor(() => created.length === 1);
    expect(created[0]!.channel).toMatchObject({ id: channel.id, name: "news" });
    await owner.post(`/api/v1/channels/${channel.id}/messages`, { content: "fresh" });
    await waitFor(() => messages.length === 1);
  });

  it("answers ping with an ack", async () => {
    const c = t.client();
    await c.signUp();
    const socket = await c.socket();
    const reply = await socket.timeout(2000).emitWithAck("ping");
    expect(typeof reply.now).toBe("number");
  });

  it("sets a socket's rooms up with one statement, whatever the number of servers", async () => {
    const owner = t.client();
    await owner.signUp();
    const person = t.client();
    await person.signUp();
    const services = t.server.services as { db: Tx };
    const real = services.db;
    const statementsAtConnect = async () => {
      const { db, log } = withStatementLog(t.database);
      services.db = db;
      try {
        const socket = await person.socket();
        socket.disconnect();
        return log.length;
      } finally {
        services.db = real;
      }
    };
    const first = await serverOf(owner);
    await person.post(`/api/v1/invites/${first.invite.code}`);
    expect(await statementsAtConnect()).toBe(1);
    for (let i = 0; i < 3; i++) await person.post(`/api/v1/invites/${(await serverOf(owner)).invite.code}`);
    expect(await statementsAtConnect()).toBe(1);
  });
});
