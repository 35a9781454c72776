import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Channel, Invite, InvitePreview, Message, Server, ServerDetail } from "@/shared/api";
import { limits } from "@/shared/limits";
import { type TestServer, startTestServer } from "../testing/harness";
import { testDatabaseKinds } from "../testing/databases";

describe.each(testDatabaseKinds())("HTTP API on %s", (kind) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  async function ownerWithServer() {
    const owner = t.client();
    await owner.signUp("Owner");
    const server = (await owner.post<Server>("/api/v1/servers", { name: "Guild" })).body;
    const channels = (await owner.get<Channel[]>(`/api/v1/servers/${server.id}/channels`)).body;
    return { owner, server, channel: channels[0]! };
  }

  it("answers health without a session", async () => {
    const res = await t.client().get<{ ok: boolean }>("/api/health");
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(true);
  });

  it("signs up, signs out and signs back in", async () => {
    const c = t.client();
    const me = await c.signUp("Ada");
    expect(me.name).toBe("Ada");
    // No password or its hash (better-auth's scrypt "salt:key" hex) leaves the server.
    expect(JSON.stringify(me)).not.toMatch(/"password"|[0-9a-f]{32}:[0-9a-f]{64}/i);
    expect((await c.post("/api/auth/sign-out")).status).toBe(200);
    expect((await c.get("/api/v1/users/@me")).status).toBe(401);
    const signIn = await c.post("/api/auth/sign-in/email", { email: me.email, password: "correct horse battery" });
    expect(signIn.status).toBe(200);
    expect((await c.get("/api/v1/users/@me")).status).toBe(200);
    const wrong = await t.client().post<{ code: string }>("/api/auth/sign-in/email", { email: me.email, password: "nope nope nope" });
    expect(wrong.status).toBe(401);
  });

  it("creates a server with its owner, default roles and a general channel", async () => {
    const { owner, server, channel } = await ownerWithServer();
    expect(server.ownerId).toBe(owner.user!.id);
    expect(channel).toMatchObject({ name: "general", type: "text", serverId: server.id });
    const detail = (await owner.get<ServerDetail>(`/api/v1/servers/${server.id}`)).body;
    expect(detail.memberCount).toBe(1);
    const rows = await t.database.db.query.roles.findMany({ where: (r, { eq }) => eq(r.serverId, BigInt(server.id)) });
    expect(rows.map((r) => r.name).sort()).toEqual(["@everyone", "Admin", "Moderator"]);
    expect((await owner.get<Server[]>("/api/v1/servers")).body.map((s) => s.id)).toContain(server.id);
  });

  it("refuses bad input with a stable code and keeps nothing", async () => {
    const { owner, channel } = await ownerWithServer();
    const tooShort = await owner.post<{ error: { code: string } }>("/api/v1/servers", { name: "x" });
    expect(tooShort.status).toBe(400);
    expect(tooShort.body.error.code).toBe("VALIDATION_FAILED");
    const tooLong = await owner.post<{ error: { code: string } }>(`/api/v1/channels/${channel.id}/messages`, {
      content: "a".repeat(limits.messageContentMax + 1),
    });
    expect(tooLong.status).toBe(400);
    const blank = await owner.post(`/api/v1/channels/${channel.id}/messages`, { content: "   " });
    expect(blank.status).toBe(400);
    const notJson = await owner.request("POST", `/api/v1/channels/${channel.id}/messages`, undefined, {
      "content-type": "application/json",
    });
    expect(notJson.status).toBe(400);
    expect((await owner.get(`/api/v1/channels/not-an-id/messages`)).status).toBe(400);
    expect((await owner.get(`/api/v1/channels/123/messages`)).status).toBe(404);
    expect((await owner.get<Message[]>(`/api/v1/channels/${channel.id}/messages`)).body).toEqual([]);
    const exact = await owner.post(`/api/v1/channels/${channel.id}/messages`, { content: "a".repeat(limits.messageContentMax) });
    expect(exact.status).toBe(201);
  });

  it("invites: preview works signed out, joining makes a member, once", async () => {
    const { owner, server } = await ownerWithServer();
    const invite = (await owner.post<Invite>(`/api/v1/servers/${server.id}/invites`, {})).body;
    const preview = await t.client().get<InvitePreview>(`/api/v1/invites/${invite.code}`);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ server: { id: server.id, name: "Guild" }, memberCount: 1 });

    expect((await t.client().post(`/api/v1/invites/${invite.code}`)).status).toBe(401);
    const guest = t.client();
    await guest.signUp("Guest");
    const joined = await guest.post<{ serverId: string }>(`/api/v1/invites/${invite.code}`);
    expect(joined).toMatchObject({ status: 200, body: { serverId: server.id } });
    expect((await guest.post(`/api/v1/invites/${invite.code}`)).status).toBe(200);
    expect((await owner.get<ServerDetail>(`/api/v1/servers/${server.id}`)).body.memberCount).toBe(2);
    expect((await owner.get<Invite[]>(`/api/v1/servers/${server.id}/members`)).body).toHaveLength(2);
    const unknown = await guest.get<{ error: { code: string } }>(`/api/v1/invites/NoSuchCode1`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("INVITE_INVALID");
  });

  it("an invite refuses once used up or expired", async () => {
    const { owner, server } = await ownerWithServer();
    const once = (await owner.post<Invite>(`/api/v1/servers/${server.id}/invites`, { maxUses: 1 })).body;
    const a = t.client();
    await a.signUp();
    expect((await a.post(`/api/v1/invites/${once.code}`)).status).toBe(200);
    const b = t.client();
    await b.signUp();
    const refused = await b.post<{ error: { code: string } }>(`/api/v1/invites/${once.code}`);
    expect(refused.status).toBe(404);
    expect(refused.body.error.code).toBe("INVITE_INVALID");
    expect((await b.get(`/api/v1/servers/${server.id}`)).status).toBe(403);
  });

  it("sends messages: the same nonce twice is one message", async () => {
    const { owner, channel } = await ownerWithServer();
    const first = await owner.post<Message>(`/api/v1/channels/${channel.id}/messages`, { content: "hello", nonce: "n-1" });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ content: "hello", nonce: "n-1", author: { id: owner.user!.id, name: "Owner" } });
    expect(JSON.stringify(first.body)).not.toContain("@example.test");
    const again = await owner.post<Message>(`/api/v1/channels/${channel.id}/messages`, { content: "hello", nonce: "n-1" });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    const retries = await Promise.all(
      Array.from({ length: 5 }, () => owner.post<Message>(`/api/v1/channels/${channel.id}/messages`, { content: "race", nonce: "n-2" })),
    );
    expect(new Set(retries.map((r) => r.body.id)).size).toBe(1);
    const history = (await owner.get<Message[]>(`/api/v1/channels/${channel.id}/messages`)).body;
    expect(history.map((m) => m.content)).toEqual(["race", "hello"]);
  });

  it("pages through 250 messages newest first with keyset cursors", async () => {
    const { owner, channel } = await ownerWithServer();
    for (let i = 0; i < 250; i++) {
      const res = await owner.post(`/api/v1/channels/${channel.id}/messages`, { content: `m${i}`, nonce: `p${i}` });
      expect(res.status).toBe(201);
    }
    const seen: string[] = [];
    let before: string | undefined;
    for (;;) {
      const page = await owner.get<Message[]>(
        `/api/v1/channels/${channel.id}/messages?limit=100${before ? `&before=${before}` : ""}`,
      );
      expect(page.status).toBe(200);
      if (page.body.length === 0) break;
      seen.push(...page.body.map((m) => m.content));
      before = page.body.at(-1)!.id;
    }
    expect(seen).toEqual(Array.from({ length: 250 }, (_, i) => `m${249 - i}`));
    const oldest50 = await owner.get<Message[]>(`/api/v1/channels/${channel.id}/messages?limit=101`);
    expect(oldest50.status).toBe(400);
    // `after` returns what came later, newest first: the catch-up after a reconnect.
    const all = (await owner.get<Message[]>(`/api/v1/channels/${channel.id}/messages?limit=100`)).body;
    const missed = (await owner.get<Message[]>(`/api/v1/channels/${channel.id}/messages?after=${all[10]!.id}`)).body;
    expect(missed.map((m) => m.content)).toEqual(all.slice(0, 10).map((m) => m.content));
  });

  describe("refusals", () => {
    it("answers 401 without a session on every v1 route", async () => {
      const { server, channel } = await ownerWithServer();
      const anon = t.client();
      const routes: [string, string][] = [
        ["GET", "/api/v1/users/@me"],
        ["GET", "/api/v1/servers"],
        ["POST", "/api/v1/servers"],
        ["GET", `/api/v1/servers/${server.id}`],
        ["GET", `/api/v1/servers/${server.id}/channels`],
        ["POST", `/api/v1/servers/${server.id}/channels`],
        ["GET", `/api/v1/servers/${server.id}/members`],
        ["POST", `/api/v1/servers/${server.id}/invites`],
        ["GET", `/api/v1/channels/${channel.id}/messages`],
        ["POST", `/api/v1/channels/${channel.id}/messages`],
      ];
      for (const [method, path] of routes) {
        const res = await anon.request<{ error: { code: string } }>(method, path, method === "POST" ? { name: "x", content: "x" } : undefined);
        expect([method, path, res.status, res.body.error.code]).toEqual([method, path, 401, "UNAUTHORIZED"]);
      }
    });

    it("answers 403 to a signed-in non-member and stores nothing", async () => {
      const { owner, server, channel } = await ownerWithServer();
      const stranger = t.client();
      await stranger.signUp("Stranger");
      const routes: [string, string, object?][] = [
        ["GET", `/api/v1/servers/${server.id}`],
        ["GET", `/api/v1/servers/${server.id}/channels`],
        ["POST", `/api/v1/servers/${server.id}/channels`, { name: "x" }],
        ["GET", `/api/v1/servers/${server.id}/members`],
        ["POST", `/api/v1/servers/${server.id}/invites`, {}],
        ["GET", `/api/v1/channels/${channel.id}/messages`],
        ["POST", `/api/v1/channels/${channel.id}/messages`, { content: "x" }],
      ];
      for (const [method, path, body] of routes) {
        const res = await stranger.request(method, path, body);
        expect([method, path, res.status]).toEqual([method, path, 403]);
      }
      expect((await stranger.get<Server[]>("/api/v1/servers")).body).toEqual([]);
      expect((await owner.get<Message[]>(`/api/v1/channels/${channel.id}/messages`)).body).toEqual([]);
    });

    it("refuses a member without the permission to create channels", async () => {
      const { owner, server } = await ownerWithServer();
      const invite = (await owner.post<Invite>(`/api/v1/servers/${server.id}/invites`, {})).body;
      const member = t.client();
      await member.signUp();
      await member.post(`/api/v1/invites/${invite.code}`);
      const res = await member.post<{ error: { code: string } }>(`/api/v1/servers/${server.id}/channels`, { name: "mine" });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe("MISSING_PERMISSIONS");
      expect((await owner.post(`/api/v1/servers/${server.id}/channels`, { name: "Off Topic" })).status).toBe(201);
    });

    it("refuses state changes from another site", async () => {
      const c = t.client();
      await c.signUp();
      const res = await c.request("POST", "/api/v1/servers", { name: "Evil" }, { origin: "https://evil.example" });
      expect(res.status).toBe(403);
    });
  });
});
