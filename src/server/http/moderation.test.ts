import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { AuditLogEntry, Channel, Invite, Member, Message, Role, Server } from "@/shared/api";
import { Permission } from "@/shared/permissions";
import { invites } from "../db/schema";
import { type TestClient, type TestServer, collect, startTestServer, waitFor } from "../testing/harness";
import { testDatabaseKinds } from "../testing/databases";

type ErrorBody = { error: { code: string } };

describe.each(testDatabaseKinds())("moderation and roles on %s", (kind) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** An owner with a server, an invite, and `n` people who joined through it. */
  async function community(n: number) {
    const owner = t.client();
    await owner.signUp("Owner");
    const server = (await owner.post<Server>("/api/v1/servers", { name: "Guild" })).body;
    const [general] = (await owner.get<Channel[]>(`/api/v1/servers/${server.id}/channels`)).body;
    const invite = (await owner.post<Invite>(`/api/v1/servers/${server.id}/invites`, {})).body;
    const people: TestClient[] = [];
    for (let i = 0; i < n; i++) {
      const p = t.client();
      await p.signUp(`Person ${i}`);
      expect((await p.post(`/api/v1/invites/${invite.code}`)).status).toBe(200);
      people.push(p);
    }
    const roles = (await owner.get<Role[]>(`/api/v1/servers/${server.id}/roles`)).body;
    const role = (name: string) => roles.find((r) => r.name === name)!;
    const send = (c: TestClient, content: string, channelId = general!.id) =>
      c.post<Message>(`/api/v1/channels/${channelId}/messages`, { content });
    return { owner, server, general: general!, invite, people, role, send };
  }

  it("a kicked member loses access at once, over HTTP and on their socket", async () => {
    const { owner, server, general, people, send } = await community(1);
    const [kicked] = people as [TestClient];
    const socket = await kicked.socket();
    const removed = collect(socket, "server.removed");
    const received = collect(socket, "message.created");
    expect((await kicked.request("DELETE", `/api/v1/servers/${server.id}/members/${kicked.user!.id}`, { reason: "spam" })).status).toBe(403);
    expect((await owner.request("DELETE", `/api/v1/servers/${server.id}/members/${kicked.user!.id}`, { reason: "spam" })).status).toBe(204);
    await waitFor(() => removed.length === 1);
    expect(removed[0]).toEqual({ serverId: server.id, reason: "kicked" });
    await send(owner, "after the kick");
    expect((await kicked.get(`/api/v1/channels/${general.id}/messages`)).status).toBe(403);
    expect((await send(kicked, "still here?")).status).toBe(403);
    const ownerSocket = await owner.socket();
    const marker = collect(ownerSocket, "message.created");
    await send(owner, "marker");
    await waitFor(() => marker.length === 1);
    expect(received).toEqual([]);
  });

  it("a ban survives every invite until it is lifted, and can delete recent messages", async () => {
    const { owner, server, general, invite, people, send } = await community(1);
    const [banned] = people as [TestClient];
    await send(banned, "spam 1");
    await send(banned, "spam 2");
    await send(owner, "hello");
    const res = await owner.request("PUT", `/api/v1/servers/${server.id}/bans/${banned.user!.id}`, {
      reason: "spam",
      deleteMessageSeconds: 3600,
    });
    expect(res.status).toBe(204);
    const history = (await owner.get<Message[]>(`/api/v1/channels/${general.id}/messages`)).body;
    expect(history.map((m) => m.content)).toEqual(["hello"]);
    for (const code of [invite.code, (await owner.post<Invite>(`/api/v1/servers/${server.id}/invites`, { maxAge: 0 })).body.code]) {
      const again = await banned.post<ErrorBody>(`/api/v1/invites/${code}`);
      expect(again.status).toBe(403);
      expect(again.body.error.code).toBe("BANNED");
    }
    const bans = (await owner.get<{ user: { id: string }; reason: string }[]>(`/api/v1/servers/${server.id}/bans`)).body;
    expect(bans).toEqual([expect.objectContaining({ user: expect.objectContaining({ id: banned.user!.id }), reason: "spam" })]);
    expect((await owner.request("DELETE", `/api/v1/servers/${server.id}/bans/${banned.user!.id}`)).status).toBe(204);
    expect((await banned.post(`/api/v1/invites/${invite.code}`)).status).toBe(200);
  });

  it("a private channel appears and disappears live as a role is given and taken", async () => {
    const { owner, server, people, send } = await community(1);
    const [b] = people as [TestClient];
    const crew = (await owner.post<Role>(`/api/v1/servers/${server.id}/roles`, { name: "Crew" })).body;
    const secret = await owner.post<Channel>(`/api/v1/servers/${server.id}/channels`, {
      name: "crew-only",
      overwrites: [
        { id: server.id, type: "role", deny: Permission.ViewChannel.toString() },
        { id: crew.id, type: "role", allow: Permission.ViewChannel.toString() },
      ],
    });
    expect(secret.status).toBe(201);
    const channel = secret.body;
    expect((await b.get<Channel[]>(`/api/v1/servers/${server.id}/channels`)).body.map((c) => c.name)).toEqual(["general"]);
    expect((await b.get(`/api/v1/channels/${channel.id}/messages`)).status).toBe(403);

    const socket = await b.socket();
    const shown = collect(socket, "channel.shown");
    const hidden = collect(socket, "channel.hidden");
    const received = collect(socket, "message.created");
    const member = await owner.request<Member>("PATCH", `/api/v1/servers/${server.id}/members/${b.user!.id}`, { roles: [crew.id] });
    expect(member.status).toBe(200);
    expect(member.body.roleIds).toContain(crew.id);
    await waitFor(() => shown.length === 1);
    expect(shown[0]!.channel.id).toBe(channel.id);
    await send(owner, "welcome aboard", channel.id);
    await waitFor(() => received.length === 1);
    expect((await b.get<Message[]>(`/api/v1/channels/${channel.id}/messages`)).status).toBe(200);

    await owner.request("PATCH", `/api/v1/servers/${server.id}/members/${b.user!.id}`, { roles: [] });
    await waitFor(() => hidden.length === 1);
    expect(hidden[0]).toEqual({ serverId: server.id, channelId: channel.id });
    await send(owner, "you should not see this", channel.id);
    await send(owner, "but this", (await owner.get<Channel[]>(`/api/v1/servers/${server.id}/channels`)).body[0]!.id);
    await waitFor(() => received.length === 2);
    expect(received.map((e) => e.message.content)).toEqual(["welcome aboard", "but this"]);
    expect((await b.get(`/api/v1/channels/${channel.id}/messages`)).status).toBe(403);

    const log = (await owner.get<AuditLogEntry[]>(`/api/v1/servers/${server.id}/audit-log`)).body;
    const actions = log.map((e) => [e.action, e.actor?.id, e.targetName]);
    expect(actions).toEqual(
      expect.arrayContaining([
        ["role.create", owner.user!.id, "Crew"],
        ["channel.create", owner.user!.id, "crew-only"],
        ["member.roles", owner.user!.id, b.user!.name],
      ]),
    );
    const filtered = (await owner.get<AuditLogEntry[]>(`/api/v1/servers/${server.id}/audit-log?action=member.roles`)).body;
    expect(filtered.map((e) => e.changes[0]!.key)).toEqual(["roles.remove", "roles.add"]);
  });

  it("keeps the role hierarchy: nobody acts on a role or member at or above their own", async () => {
    const { owner, server, people, role } = await community(3);
    const [admin, moderator, member] = people as [TestClient, TestClient, TestClient];
    const patchMember = (actor: TestClient, target: TestClient, body: object) =>
      actor.request<ErrorBody>("PATCH", `/api/v1/servers/${server.id}/members/${target.user!.id}`, body);
    expect((await patchMember(owner, admin, { roles: [role("Admin").id] })).status).toBe(200);
    expect((await patchMember(owner, moderator, { roles: [role("Moderator").id] })).status).toBe(200);

    const kickAdmin = await moderator.request<ErrorBody>("DELETE", `/api/v1/servers/${server.id}/members/${admin.user!.id}`);
    expect([kickAdmin.status, kickAdmin.body.error.code]).toEqual([403, "ROLE_HIERARCHY"]);
    const editAdminRole = await admin.request<ErrorBody>("PATCH", `/api/v1/servers/${server.id}/roles/${role("Admin").id}`, { name: "Boss" });
    expect([editAdminRole.status, editAdminRole.body.error.code]).toEqual([403, "ROLE_HIERARCHY"]);
    expect((await admin.request("PATCH", `/api/v1/servers/${server.id}/roles/${role("Moderator").id}`, { color: 0xff00ff })).status).toBe(200);
    const selfPromote = await moderator.request<ErrorBody>("PATCH", `/api/v1/servers/${server.id}/members/${moderator.user!.id}`, {
      roles: [role("Moderator").id, role("Admin").id],
    });
    expect(selfPromote.status).toBe(403);
    const kickOwner = await admin.request<ErrorBody>("DELETE", `/api/v1/servers/${server.id}/members/${owner.user!.id}`);
    expect([kickOwner.status, kickOwner.body.error.code]).toEqual([403, "ROLE_HIERARCHY"]);
    const memberKicks = await member.request<ErrorBody>("DELETE", `/api/v1/servers/${server.id}/members/${moderator.user!.id}`);
    expect([memberKicks.status, memberKicks.body.error.code]).toEqual([403, "MISSING_PERMISSIONS"]);
    // A moderator may time out a plain member, who can then read but not send.
    const until = new Date(Date.now() + 600_000).toISOString();
    expect((await patchMember(moderator, member, { timeoutUntil: until })).status).toBe(200);
    const [general] = (await member.get<Channel[]>(`/api/v1/servers/${server.id}/channels`)).body;
    expect((await member.get(`/api/v1/channels/${general!.id}/messages`)).status).toBe(200);
    const muted = await member.post<ErrorBody>(`/api/v1/channels/${general!.id}/messages`, { content: "hi" });
    expect([muted.status, muted.body.error.code]).toEqual([403, "MISSING_PERMISSIONS"]);
    expect((await patchMember(moderator, member, { timeoutUntil: null })).status).toBe(200);
    expect((await member.post(`/api/v1/channels/${general!.id}/messages`, { content: "hi" })).status).toBe(201);
    // Nobody grants what they do not hold.
    const grant = await moderator.post<ErrorBody>(`/api/v1/servers/${server.id}/roles`, { permissions: Permission.Administrator.toString() });
    expect(grant.status).toBe(403);
  });

  it("server settings: rename, transfer, leave, and delete with the name typed", async () => {
    const { owner, server, people } = await community(1);
    const [heir] = people as [TestClient];
    expect((await heir.request("PATCH", `/api/v1/servers/${server.id}`, { name: "Mine" })).status).toBe(403);
    expect((await owner.request<Server>("PATCH", `/api/v1/servers/${server.id}`, { name: "Renamed" })).body.name).toBe("Renamed");
    const ownerLeaves = await owner.request("DELETE", `/api/v1/users/@me/servers/${server.id}`);
    expect(ownerLeaves.status).toBe(400);
    expect((await owner.request<Server>("PATCH", `/api/v1/servers/${server.id}`, { ownerId: heir.user!.id })).body.ownerId).toBe(heir.user!.id);
    expect((await owner.request("DELETE", `/api/v1/users/@me/servers/${server.id}`)).status).toBe(204);
    expect((await owner.get(`/api/v1/servers/${server.id}`)).status).toBe(403);
    const socket = await heir.socket();
    const removed = collect(socket, "server.removed");
    expect((await heir.request("DELETE", `/api/v1/servers/${server.id}`, { confirmName: "renamed" })).status).toBe(400);
    expect((await heir.request("DELETE", `/api/v1/servers/${server.id}`, { confirmName: "Renamed" })).status).toBe(204);
    await waitFor(() => removed.length === 1);
    expect((await heir.get(`/api/v1/servers/${server.id}`)).status).toBe(404);
  });

  it("invites: list, revoke, expiry and max uses each give a clear error", async () => {
    const { owner, server, invite } = await community(0);
    const listed = (await owner.get<Invite[]>(`/api/v1/servers/${server.id}/invites`)).body;
    expect(listed.map((i) => i.code)).toEqual([invite.code]);
    expect((await owner.post(`/api/v1/servers/${server.id}/invites`, { maxAge: 1234 })).status).toBe(400);
    expect((await owner.request("DELETE", `/api/v1/invites/${invite.code}`)).status).toBe(204);
    const guest = t.client();
    await guest.signUp();
    const revoked = await guest.post<ErrorBody & { error: { message: string } }>(`/api/v1/invites/${invite.code}`);
    expect([revoked.status, revoked.body.error.code]).toEqual([404, "INVITE_INVALID"]);
    expect(revoked.body.error.message).toMatch(/revoked/);
    const old = (await owner.post<Invite>(`/api/v1/servers/${server.id}/invites`, { maxAge: 1800 })).body;
    await t.database.db.update(invites).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(invites.code, old.code));
    const expired = await guest.post<{ error: { message: string } }>(`/api/v1/invites/${old.code}`);
    expect(expired.status).toBe(404);
    expect(expired.body.error.message).toMatch(/expired/);
  });

  it("channels: categories, rename, reorder and delete reach members live", async () => {
    const { owner, server, general, people } = await community(1);
    const [b] = people as [TestClient];
    const socket = await b.socket();
    const updated = collect(socket, "channel.updated");
    const deleted = collect(socket, "channel.deleted");
    const category = (await owner.post<Channel>(`/api/v1/servers/${server.id}/channels`, { name: "Text Channels", type: "category" })).body;
    expect(category.name).toBe("Text Channels"); // categories keep their case; channels become slugs
    expect((await owner.post<Channel>(`/api/v1/servers/${server.id}/channels`, { name: "Off Topic" })).body.name).toBe("off-topic");
    const moved = await owner.request<Channel>("PATCH", `/api/v1/channels/${general.id}`, { parentId: category.id, topic: "Say hi" });
    expect(moved.body).toMatchObject({ parentId: category.id, topic: "Say hi" });
    await waitFor(() => updated.length === 1);
    expect((await b.request("PATCH", `/api/v1/channels/${general.id}`, { name: "mine" })).status).toBe(403);
    const reorder = await owner.request("PATCH", `/api/v1/servers/${server.id}/channels`, [
      { id: category.id, position: 0 },
      { id: general.id, position: 1, parentId: category.id },
    ]);
    expect(reorder.status).toBe(204);
    const nested = await owner.request("PATCH", `/api/v1/channels/${category.id}`, { parentId: category.id });
    expect(nested.status).toBe(400);
    // Deleting a category leaves its channels, without a category, and says so live.
    expect((await owner.request("DELETE", `/api/v1/channels/${category.id}`)).status).toBe(204);
    await waitFor(() => updated.some((e) => e.channel.id === general.id && e.channel.parentId === null));
    expect((await owner.request("DELETE", `/api/v1/channels/${general.id}`)).status).toBe(204);
    await waitFor(() => deleted.length === 2);
    expect(deleted).toEqual([
      { serverId: server.id, channelId: category.id },
      { serverId: server.id, channelId: general.id },
    ]);
  });
});
