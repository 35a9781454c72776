import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Attachment, Channel, DmChannel, Invite, Message, MessageEdit, PublicUser, ReadState, Role, Server } from "@/shared/api";
import type { SocketAck } from "@/shared/events";
import { type TestClient, type TestServer, collect, startTestServer, waitFor } from "../testing/harness";
import { testDatabaseKinds } from "../testing/databases";

type ErrorBody = { error: { code: string; details?: { retryAfterMs: number } } };

describe.each(testDatabaseKinds())("messaging on %s", (kind) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Owner, a moderator, a plain member and an outsider around one channel. */
  async function room() {
    const owner = t.client();
    await owner.signUp("Owner");
    const server = (await owner.post<Server>("/api/v1/servers", { name: "Chat" })).body;
    const [channel] = (await owner.get<Channel[]>(`/api/v1/servers/${server.id}/channels`)).body;
    // No "joined the server" lines: they are system-messages.test.ts's subject, here only noise.
    await owner.request("PATCH", `/api/v1/servers/${server.id}`, { systemChannelId: null });
    const invite = (await owner.post<Invite>(`/api/v1/servers/${server.id}/invites`, {})).body;
    const join = async (name: string) => {
      const c = t.client();
      await c.signUp(name);
      await c.post(`/api/v1/invites/${invite.code}`);
      return c;
    };
    const [mod, member] = [await join("Mod"), await join("Member")];
    const roles = (await owner.get<Role[]>(`/api/v1/servers/${server.id}/roles`)).body;
    await owner.request("PATCH", `/api/v1/servers/${server.id}/members/${mod.user!.id}`, { roles: [roles.find((r) => r.name === "Moderator")!.id] });
    const outsider = t.client();
    await outsider.signUp("Outsider");
    const base = `/api/v1/channels/${channel!.id}`;
    const send = (c: TestClient, content: string, extra: object = {}) => c.post<Message>(`${base}/messages`, { content, ...extra });
    return { owner, mod, member, outsider, server, channel: channel!, base, send, roles };
  }

  it("edits keep their history for the author and moderators, and reach the channel live", async () => {
    const { mod, member, outsider, base, send } = await room();
    const socket = await mod.socket();
    const updates = collect(socket, "message.updated");
    const m = (await send(member, "first draft")).body;
    const edited = await member.request<Message>("PATCH", `${base}/messages/${m.id}`, { content: "final text" });
    expect(edited.body).toMatchObject({ content: "final text", editedAt: expect.any(String) });
    await waitFor(() => updates.length === 1);
    expect(updates[0]!.message.content).toBe("final text");
    expect((await mod.request("PATCH", `${base}/messages/${m.id}`, { content: "not yours" })).status).toBe(403);
    for (const who of [member, mod]) {
      expect((await who.get<MessageEdit[]>(`${base}/messages/${m.id}/edits`)).body.map((e) => e.content)).toEqual(["first draft"]);
    }
    expect((await outsider.get(`${base}/messages/${m.id}/edits`)).status).toBe(403);
  });

  it("deletes softly: gone for readers and live, refused to others, logged when a moderator does it", async () => {
    const { owner, mod, member, base, send, server } = await room();
    const socket = await owner.socket();
    const deleted = collect(socket, "message.deleted");
    const own = (await send(member, "oops")).body;
    const theirs = (await send(owner, "owner's words")).body;
    expect((await member.request("DELETE", `${base}/messages/${theirs.id}`)).status).toBe(403);
    expect((await member.request("DELETE", `${base}/messages/${own.id}`)).status).toBe(204);
    expect((await mod.request("DELETE", `${base}/messages/${theirs.id}`)).status).toBe(204);
    await waitFor(() => deleted.length === 2);
    expect((await owner.get<Message[]>(`${base}/messages`)).body).toEqual([]);
    expect((await member.request("PATCH", `${base}/messages/${own.id}`, { content: "back" })).status).toBe(404);
    const log = (await owner.get<{ action: string; changes: { before: unknown }[] }[]>(`/api/v1/servers/${server.id}/audit-log?action=message.delete`)).body;
    expect(log).toHaveLength(1);
    expect(log[0]!.changes[0]!.before).toBe("owner's words");
  });

  it("sends with one INSERT and no transaction, unless files or a conversation add writes", async () => {
    const { owner, member, channel, send } = await room();
    const transactions = vi.spyOn(t.server.services.db, "transaction");
    try {
      expect((await send(member, "plain")).status).toBe(201);
      expect(transactions).not.toHaveBeenCalled();

      const file = (await member.upload<Attachment>(`/api/v1/channels/${channel.id}/attachments`, "notes.txt", Buffer.from("notes"))).body;
      const dm = (await member.post<DmChannel>("/api/v1/users/@me/channels", { recipientId: owner.user!.id })).body;
      transactions.mockClear();
      expect((await send(member, "", { attachmentIds: [file.id] })).status).toBe(201);
      expect(transactions).toHaveBeenCalledTimes(1);

      const inDm = (content: string) => member.post<Message>(`/api/v1/channels/${dm.id}/messages`, { content, nonce: "dm-1" });
      transactions.mockClear();
      const first = await inDm("hello");
      expect(first.status).toBe(201);
      expect(transactions).toHaveBeenCalledTimes(1);
      const retry = await inDm("hello");
      expect([retry.status, retry.body.id]).toEqual([200, first.body.id]);
    } finally {
      transactions.mockRestore();
    }
  });

  it("replies quote the original and a page can centre on any message", async () => {
    const { owner, member, base, send, channel } = await room();
    const original = (await send(owner, "the question")).body;
    for (let i = 0; i < 60; i++) await send(owner, `filler ${i}`);
    const reply = await send(member, "the answer", { replyToId: original.id });
    expect(reply.body.replyTo).toMatchObject({ id: original.id, content: "the question", deleted: false, author: { id: owner.user!.id } });
    const around = (await member.get<Message[]>(`${base}/messages?around=${original.id}&limit=10`)).body;
    expect(around.map((m) => m.id)).toContain(original.id);
    expect(around).toHaveLength(5); // the original and 4 newer: nothing is older than it
    const other = (await owner.post<Channel>(`/api/v1/servers/${channel.serverId}/channels`, { name: "other" })).body;
    const across = await member.post<ErrorBody>(`/api/v1/channels/${other.id}/messages`, { content: "x", replyToId: original.id });
    expect(across.status).toBe(400);
  });

  it("reactions: toggle, count, who, live; refused without Add Reactions or sight", async () => {
    const { owner, member, outsider, base, send, server } = await room();
    const socket = await owner.socket();
    const added = collect(socket, "reaction.added");
    const removed = collect(socket, "reaction.removed");
    const m = (await send(owner, "react to me")).body;
    const url = (emoji: string) => `${base}/messages/${m.id}/reactions/${encodeURIComponent(emoji)}`;
    expect((await member.request("PUT", `${url("👍")}/@me`)).status).toBe(204);
    expect((await member.request("PUT", `${url("👍")}/@me`)).status).toBe(204); // idempotent
    expect((await owner.request("PUT", `${url("👍")}/@me`)).status).toBe(204);
    expect((await owner.request("PUT", `${url("🎉")}/@me`)).status).toBe(204);
    await waitFor(() => added.length === 3);
    const seen = (await member.get<Message[]>(`${base}/messages`)).body[0]!;
    expect(seen.reactions).toEqual([
      { emoji: "👍", count: 2, me: true },
      { emoji: "🎉", count: 1, me: false },
    ]);
    expect((await owner.get<PublicUser[]>(url("👍"))).body.map((u) => u.name)).toEqual(["Member", "Owner"]);
    expect((await member.request("DELETE", `${url("👍")}/@me`)).status).toBe(204);
    await waitFor(() => removed.length === 1);
    expect((await member.request("PUT", `${url("not an emoji")}/@me`)).status).toBe(400);
    expect((await outsider.request("PUT", `${url("👍")}/@me`)).status).toBe(403);
    await owner.request("PATCH", `/api/v1/servers/${server.id}/members/${member.user!.id}`, {
      timeoutUntil: new Date(Date.now() + 60_000).toISOString(),
    });
    const timedOut = await member.request<ErrorBody>("PUT", `${url("🎉")}/@me`);
    expect([timedOut.status, timedOut.body.error.code]).toEqual([403, "MISSING_PERMISSIONS"]);
  });

  it("pins need Manage Messages and list newest first", async () => {
    const { mod, member, base, send } = await room();
    const a = (await send(member, "pin a")).body;
    const b = (await send(member, "pin b")).body;
    expect((await member.request("PUT", `${base}/pins/${a.id}`)).status).toBe(403);
    expect((await mod.request("PUT", `${base}/pins/${a.id}`)).status).toBe(204);
    expect((await mod.request("PUT", `${base}/pins/${b.id}`)).status).toBe(204);
    expect((await member.get<Message[]>(`${base}/pins`)).body.map((m) => m.content)).toEqual(["pin b", "pin a"]);
    expect((await mod.request("DELETE", `${base}/pins/${b.id}`)).status).toBe(204);
    expect((await member.get<Message[]>(`${base}/pins`)).body.map((m) => m.pinned)).toEqual([true]);
  });

  it("mentions: people always; roles, @everyone and @here only with Mention Everyone", async () => {
    const { owner, mod, member, send, roles } = await room();
    const crew = roles.find((r) => r.name === "Moderator")!;
    const byMember = (await send(member, `hey <@${owner.user!.id}> <@&${crew.id}> @everyone <@nobody>`)).body;
    expect(byMember.mentions).toEqual({ users: [owner.user!.id], roles: [], everyone: false });
    const byMod = (await send(mod, `<@&${crew.id}> @here`)).body; // moderators hold Mention Everyone
    expect(byMod.mentions).toEqual({ users: [], roles: [crew.id], everyone: true });
  });

  it("read state: unread and mention counts from the cursor, cleared on every device", async () => {
    const { owner, member, base, send, channel } = await room();
    const states = async (c: TestClient) => (await c.get<ReadState[]>("/api/v1/users/@me/read-states")).body.find((s) => s.channelId === channel.id)!;
    await send(owner, "one");
    await send(owner, `two <@${member.user!.id}>`);
    const last = (await send(owner, "three")).body;
    expect(await states(member)).toMatchObject({ unreadCount: 3, mentionCount: 1 });
    const phone = t.client();
    phone.cookie = member.cookie;
    const socket = await phone.socket();
    const reads = collect(socket, "read.updated");
    const acked = await member.post<ReadState>(`${base}/messages/${last.id}/ack`);
    expect(acked.body).toMatchObject({ unreadCount: 0, mentionCount: 0, lastReadId: last.id });
    await waitFor(() => reads.length === 1);
    // The cursor never moves back.
    const first = (await member.get<Message[]>(`${base}/messages`)).body.at(-1)!;
    expect((await member.post<ReadState>(`${base}/messages/${first.id}/ack`)).body.lastReadId).toBe(last.id);
    expect((await t.client().post(`${base}/messages/${last.id}/ack`)).status).toBe(401);
  });

  it("someone who cannot see a channel can neither read, react to, nor be notified from it", async () => {
    const { owner, member, server } = await room();
    const hidden = (
      await owner.post<Channel>(`/api/v1/servers/${server.id}/channels`, {
        name: "staff",
        overwrites: [{ id: server.id, type: "role", deny: "1024" }], // everyone: no View Channel
      })
    ).body;
    const socket = await member.socket();
    const created = collect(socket, "message.created");
    const secret = (await owner.post<Message>(`/api/v1/channels/${hidden.id}/messages`, { content: `psst <@${member.user!.id}>` })).body;
    const base = `/api/v1/channels/${hidden.id}`;
    expect((await member.get(`${base}/messages`)).status).toBe(403);
    expect((await member.get(`${base}/messages?around=${secret.id}`)).status).toBe(403);
    expect((await member.get(`${base}/pins`)).status).toBe(403);
    expect((await member.request("PUT", `${base}/messages/${secret.id}/reactions/${encodeURIComponent("👍")}/@me`)).status).toBe(403);
    expect((await member.post(`${base}/messages/${secret.id}/ack`)).status).toBe(403);
    expect((await member.get(`${base}/messages/${secret.id}/edits`)).status).toBe(403);
    const states = (await member.get<ReadState[]>("/api/v1/users/@me/read-states")).body;
    expect(states.map((s) => s.channelId)).not.toContain(hidden.id);
    expect(states.reduce((n, s) => n + s.mentionCount, 0)).toBe(0);
    await socket.emitWithAck("ping");
    expect(created).toEqual([]);
  });

  it("typing reaches the channel's other viewers only; bad events get an error ack", async () => {
    const { owner, member, outsider, channel } = await room();
    const [a, b, c] = [await owner.socket(), await member.socket(), await outsider.socket()];
    const seenByMember = collect(b, "typing.started");
    const seenByOutsider = collect(c, "typing.started");
    const seenByOwner = collect(a, "typing.started");
    expect(await a.emitWithAck("typing.start", { channelId: channel.id })).toEqual({ ok: true });
    await waitFor(() => seenByMember.length === 1);
    expect(seenByMember[0]).toMatchObject({ channelId: channel.id, userId: owner.user!.id, name: "Owner" });
    const refused = (await c.emitWithAck("typing.start", { channelId: channel.id })) as SocketAck;
    expect(refused).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    const invalid = (await c.emitWithAck("typing.start", { channelId: "x" })) as SocketAck;
    expect(invalid).toMatchObject({ ok: false, error: { code: "VALIDATION_FAILED" } });
    await Promise.all([a, b, c].map((s) => s.emitWithAck("ping")));
    expect(seenByOutsider).toEqual([]);
    expect(seenByOwner).toEqual([]);
  });

  it("presence: co-members see online, dnd and invisible-as-offline; nobody else does", async () => {
    const { owner, member, outsider, server } = await room();
    const watcher = await owner.socket();
    const stranger = await outsider.socket();
    const updates = collect(watcher, "presence.updated");
    const leaked = collect(stranger, "presence.updated");
    const s = await member.socket();
    await waitFor(() => updates.some((u) => u.userId === member.user!.id && u.status === "online"));
    expect((await owner.get<{ userId: string; status: string }[]>(`/api/v1/servers/${server.id}/presences`)).body).toEqual(
      expect.arrayContaining([{ userId: member.user!.id, status: "online" }]),
    );
    await s.emitWithAck("presence.set", { status: "dnd" });
    await waitFor(() => updates.some((u) => u.status === "dnd"));
    await s.emitWithAck("presence.set", { status: "invisible" });
    await waitFor(() => updates.some((u) => u.userId === member.user!.id && u.status === "offline"));
    expect((await s.emitWithAck("presence.set", { status: "sleeping" })) as SocketAck).toMatchObject({ ok: false });
    expect((await outsider.get(`/api/v1/servers/${server.id}/presences`)).status).toBe(403);
    await stranger.emitWithAck("ping");
    expect(leaked.filter((u) => u.userId === member.user!.id)).toEqual([]);
  });
});

describe("send limits", () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer("pglite", { realSendLimits: true });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("answers 429 with a retry time after 5 messages in 5 s, and slowmode with its own code", async () => {
    const owner = t.client();
    await owner.signUp();
    const server = (await owner.post<Server>("/api/v1/servers", { name: "Busy" })).body;
    const [channel] = (await owner.get<Channel[]>(`/api/v1/servers/${server.id}/channels`)).body;
    const base = `/api/v1/channels/${channel!.id}`;
    for (let i = 0; i < 5; i++) expect((await owner.post(`${base}/messages`, { content: `m${i}` })).status).toBe(201);
    const limited = await owner.post<ErrorBody>(`${base}/messages`, { content: "one too many" });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe("RATE_LIMITED");
    expect(limited.body.error.details!.retryAfterMs).toBeGreaterThan(0);
    // A retry of an accepted message is not a new send: it is answered, not limited.
    const first = (await owner.get<Message[]>(`${base}/messages`)).body.at(-1)!;
    expect(first.nonce).toBeNull();

    const invite = (await owner.post<Invite>(`/api/v1/servers/${server.id}/invites`, {})).body;
    const member = t.client();
    await member.signUp();
    await member.post(`/api/v1/invites/${invite.code}`);
    expect((await owner.request("PATCH", base, { slowmodeSeconds: 30 })).status).toBe(200);
    expect((await member.request("PATCH", base, { slowmodeSeconds: 0 })).status).toBe(403);
    expect((await member.post(`${base}/messages`, { content: "first", nonce: "s1" })).status).toBe(201);
    expect((await member.post(`${base}/messages`, { content: "first", nonce: "s1" })).status).toBe(200);
    const slow = await member.post<ErrorBody>(`${base}/messages`, { content: "second" });
    expect([slow.status, slow.body.error.code]).toEqual([429, "SLOWMODE"]);
    expect(slow.body.error.details!.retryAfterMs).toBeGreaterThan(25_000);
  });
});
