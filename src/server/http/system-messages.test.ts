/**
 * The server's system lines and role flags through a real server: the system channel
 * (a new server's #general, changed in Overview, refused unless a text channel of the
 * server, cleared when its channel goes), "joined the server" lines there, "pinned a
 * message" lines where the pin happened, who may remove them, that they notify nobody;
 * the hoist and mentionable flags of a role and what a mentionable role's mention does.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { AuditLogEntry, Channel, Message, Role, Server } from "@/shared/api";
import { notifications } from "../db/schema";
import { type TestClient, type TestServer, collect, serverWithPeople, startTestServer, waitFor } from "../testing/harness";
import { testDatabaseKinds } from "../testing/databases";

type ErrorBody = { error: { code: string } };

describe.each(testDatabaseKinds())("system messages and role flags on %s", (kind) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  const history = async (c: TestClient, channelId: string) => (await c.get<Message[]>(`/api/v1/channels/${channelId}/messages`)).body;
  const send = async (c: TestClient, channelId: string, content: string) => {
    const r = await c.post<Message>(`/api/v1/channels/${channelId}/messages`, { content });
    expect(r.status).toBe(201);
    return r.body;
  };

  describe("the system channel", () => {
    it("is a new server's #general, and a join through an invite writes a line there, live", async () => {
      const ann = t.client();
      await ann.signUp("Ann");
      const server = (await ann.post<Server>("/api/v1/servers", { name: "Giga Club" })).body;
      const [general] = (await ann.get<Channel[]>(`/api/v1/servers/${server.id}/channels`)).body;
      expect(server.systemChannelId).toBe(general!.id);
      const socket = await ann.socket();
      const created = collect(socket, "message.created");
      const invite = (await ann.post<{ code: string }>(`/api/v1/servers/${server.id}/invites`, {})).body;
      const ben = t.client();
      await ben.signUp("Ben");
      expect((await ben.post(`/api/v1/invites/${invite.code}`)).status).toBe(200);
      await waitFor(() => created.length === 1);
      expect(created[0]!.message).toMatchObject({ type: "join", channelId: general!.id, content: "", author: { id: ben.user!.id } });
      const lines = await history(ben, general!.id);
      expect(lines.map((m) => [m.type, m.author.id])).toEqual([["join", ben.user!.id]]);
      // Joining again changes nothing, and writes no second line.
      expect((await ben.post(`/api/v1/invites/${invite.code}`)).status).toBe(200);
      expect(await history(ben, general!.id)).toHaveLength(1);
    });

    it("is changed in the server's settings, audit logged; none means no line; only text channels of the server", async () => {
      const { owner: ann, people, server, general, invite } = await serverWithPeople(t, ["Ann", "Ben"], "Guild", { systemMessages: true });
      const ben = people[1]!;
      const lobby = (await ann.post<Channel>(`/api/v1/servers/${server.id}/channels`, { name: "lobby", type: "text" })).body;
      const voice = (await ann.post<Channel>(`/api/v1/servers/${server.id}/channels`, { name: "Voice", type: "audio" })).body;
      const other = (await ann.post<Server>("/api/v1/servers", { name: "Elsewhere" })).body;
      const patch = (c: TestClient, systemChannelId: string | null) =>
        c.request<Server & ErrorBody>("PATCH", `/api/v1/servers/${server.id}`, { systemChannelId });

      // Refused: a member without Manage Server, a voice channel, another server's channel, a bad id, signed out.
      const byBen = await patch(ben, lobby.id);
      expect([byBen.status, byBen.body.error.code]).toEqual([403, "MISSING_PERMISSIONS"]);
      for (const id of [voice.id, other.systemChannelId!, "123456789"]) {
        const r = await patch(ann, id);
        expect([r.status, r.body.error.code]).toEqual([400, "INVALID_SYSTEM_CHANNEL"]);
      }
      expect((await patch(ann, "lobby")).body.error.code).toBe("VALIDATION_FAILED");
      expect((await t.client().request("PATCH", `/api/v1/servers/${server.id}`, { systemChannelId: lobby.id })).status).toBe(401);

      const moved = await patch(ann, lobby.id);
      expect([moved.status, moved.body.systemChannelId]).toEqual([200, lobby.id]);
      const log = (await ann.get<AuditLogEntry[]>(`/api/v1/servers/${server.id}/audit-log?action=server.update`)).body;
      expect(log[0]).toMatchObject({ action: "server.update", changes: [{ key: "systemChannelId", before: general.id, after: lobby.id }] });

      const cy = t.client();
      await cy.signUp("Cy");
      await cy.post(`/api/v1/invites/${invite.code}`);
      expect((await history(ann, lobby.id)).map((m) => m.type)).toEqual(["join"]);

      expect((await patch(ann, null)).body.systemChannelId).toBeNull();
      const di = t.client();
      await di.signUp("Di");
      await di.post(`/api/v1/invites/${invite.code}`);
      expect((await history(ann, lobby.id)).map((m) => m.type)).toEqual(["join"]);
      expect((await history(ann, general.id)).filter((m) => m.author.id === di.user!.id)).toEqual([]);
    });

    it("is cleared when its channel is deleted", async () => {
      const { owner: ann, server } = await serverWithPeople(t, ["Ann"]);
      const lobby = (await ann.post<Channel>(`/api/v1/servers/${server.id}/channels`, { name: "lobby", type: "text" })).body;
      await ann.request("PATCH", `/api/v1/servers/${server.id}`, { systemChannelId: lobby.id });
      expect((await ann.request("DELETE", `/api/v1/channels/${lobby.id}`)).status).toBe(204);
      expect((await ann.get<Server>(`/api/v1/servers/${server.id}`)).body.systemChannelId).toBeNull();
    });
  });

  describe("lines", () => {
    it("a pin writes a line in the pin's channel pointing at the pinned message, and notifies nobody of it", async () => {
      const { people, general } = await serverWithPeople(t, ["Ann", "Ben"], "Guild", { systemMessages: true });
      const [ann, ben] = people as [TestClient, TestClient];
      const benSocket = await ben.socket();
      const told = collect(benSocket, "notification.created");
      const said = await send(ben, general.id, "pin me");
      expect((await ann.request("PUT", `/api/v1/channels/${general.id}/pins/${said.id}`)).status).toBe(204);
      // Pinning again changes nothing and writes no second line.
      await ann.request("PUT", `/api/v1/channels/${general.id}/pins/${said.id}`);
      const lines = (await history(ben, general.id)).filter((m) => m.type === "pin");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({ author: { id: ann.user!.id }, content: "", replyTo: { id: said.id } });
      // A mention after it is told; the pin line (a "reply" to Ben by its reference) never is.
      const mention = await send(ann, general.id, `<@${ben.user!.id}> look`);
      await waitFor(() => told.length >= 1);
      expect(told.map((n) => n.messageId)).toEqual([mention.id]);
      const rows = await t.database.db
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, ben.user!.id), eq(notifications.messageId, BigInt(lines[0]!.id))));
      expect(rows).toEqual([]);
    });

    it("cannot be edited, nor removed by the person it names; a moderator removes it", async () => {
      const { people, general } = await serverWithPeople(t, ["Ann", "Ben"], "Guild", { systemMessages: true });
      const [ann, ben] = people as [TestClient, TestClient];
      const [join] = await history(ann, general.id);
      expect(join).toMatchObject({ type: "join", author: { id: ben.user!.id } });
      const url = `/api/v1/channels/${general.id}/messages/${join!.id}`;
      const edit = await ben.request<ErrorBody>("PATCH", url, { content: "hi" });
      expect([edit.status, edit.body.error.code]).toEqual([400, "BAD_REQUEST"]);
      const del = await ben.request<ErrorBody>("DELETE", url);
      expect([del.status, del.body.error.code]).toEqual([403, "MISSING_PERMISSIONS"]);
      expect((await ann.request("DELETE", url)).status).toBe(204);
      expect(await history(ann, general.id)).toEqual([]);
    });
  });

  describe("role flags", () => {
    async function setting() {
      const { people, server, general } = await serverWithPeople(t, ["Ann", "Ben", "Cy"]);
      const [ann, ben, cy] = people as [TestClient, TestClient, TestClient];
      const make = async (name: string) => (await ann.post<Role>(`/api/v1/servers/${server.id}/roles`, { name })).body;
      const crew = await make("Crew");
      const quiet = await make("Quiet");
      expect((await ann.request("PATCH", `/api/v1/servers/${server.id}/members/${cy.user!.id}`, { roles: [crew.id, quiet.id] })).status).toBe(200);
      return { ann, ben, cy, server, general, crew, quiet };
    }

    it("hoist and mentionable are saved, presented and audit logged; refused to members and on @everyone", async () => {
      const { ann, ben, server, crew } = await setting();
      expect(crew).toMatchObject({ hoist: false, mentionable: false });
      const url = `/api/v1/servers/${server.id}/roles/${crew.id}`;
      const saved = await ann.request<Role>("PATCH", url, { hoist: true, mentionable: true });
      expect(saved.status).toBe(200);
      expect(saved.body).toMatchObject({ hoist: true, mentionable: true });
      const listed = (await ben.get<Role[]>(`/api/v1/servers/${server.id}/roles`)).body.find((r) => r.id === crew.id);
      expect(listed).toMatchObject({ hoist: true, mentionable: true });
      const log = (await ann.get<AuditLogEntry[]>(`/api/v1/servers/${server.id}/audit-log?action=role.update`)).body;
      expect(log[0]!.changes).toEqual([
        { key: "hoist", before: false, after: true },
        { key: "mentionable", before: false, after: true },
      ]);
      const byBen = await ben.request<ErrorBody>("PATCH", url, { hoist: false });
      expect([byBen.status, byBen.body.error.code]).toEqual([403, "MISSING_PERMISSIONS"]);
      const everyone = await ann.request<ErrorBody>("PATCH", `/api/v1/servers/${server.id}/roles/${server.id}`, { mentionable: true });
      expect([everyone.status, everyone.body.error.code]).toEqual([400, "BAD_REQUEST"]);
      expect((await ann.request<ErrorBody>("PATCH", url, { hoist: "yes" })).body.error.code).toBe("VALIDATION_FAILED");
      expect((await t.client().request("PATCH", url, { hoist: true })).status).toBe(401);
    });

    it("a member without Mention Everyone pings a mentionable role, not another one", async () => {
      const { ann, ben, cy, server, general, crew, quiet } = await setting();
      await ann.request("PATCH", `/api/v1/servers/${server.id}/roles/${crew.id}`, { mentionable: true });
      const cySocket = await cy.socket();
      const told = collect(cySocket, "notification.created");
      const quietOne = await send(ben, general.id, `<@&${quiet.id}> hello`);
      expect(quietOne.mentions.roles).toEqual([]);
      const crewOne = await send(ben, general.id, `<@&${crew.id}> hello`);
      expect(crewOne.mentions.roles).toEqual([crew.id]);
      await waitFor(() => told.length >= 1);
      expect(told.map((n) => [n.messageId, n.kind])).toEqual([[crewOne.id, "mention"]]);
      // The owner (Mention Everyone through ownership) pings any role.
      expect((await send(ann, general.id, `<@&${quiet.id}> all`)).mentions.roles).toEqual([quiet.id]);
      // @everyone as a role id is never "mentionable".
      expect((await send(ben, general.id, `<@&${server.id}> all`)).mentions.roles).toEqual([]);
    });
  });
});
