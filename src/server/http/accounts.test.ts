import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Message, SelfUser, Server, UserProfile, UserSession, UsernameCheck } from "@/shared/api";
import { eq } from "drizzle-orm";
import { account, session } from "../db/schema";
import { type TestClient, type TestServer, collect, serverWithPeople, startTestServer, waitFor } from "../testing/harness";
import { testDatabaseKinds } from "../testing/databases";

type ErrorBody = { error: { code: string; details?: unknown } };
const PASSWORD = "correct horse battery";

describe.each(testDatabaseKinds())("accounts on %s", (kind) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  async function signInAgain(person: TestClient): Promise<TestClient> {
    const other = t.client();
    const res = await other.post("/api/auth/sign-in/email", { email: person.user!.email, password: PASSWORD });
    expect(res.status).toBe(200);
    other.user = person.user;
    return other;
  }

  /** An owner with a server and a member who joined it. */
  async function pair() {
    const { people, server, general } = await serverWithPeople(t, ["Owner", "Member"]);
    return { owner: people[0]!, member: people[1]!, server, general };
  }

  describe("profile", () => {
    it("gives everyone a unique username at sign-up and lets them change it under the rules", async () => {
      const a = t.client();
      const b = t.client();
      const meA = await a.signUp("Grace Hopper");
      const meB = await b.signUp("Grace Hopper");
      expect(meA.username).toMatch(/^grace_hopper/);
      expect(meB.username).toMatch(/^grace_hopper/);
      expect(meA.username).not.toBe(meB.username);

      const bad = await a.request<ErrorBody>("PATCH", "/api/v1/users/@me", { username: "Bad..Name" });
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe("VALIDATION_FAILED");
      const taken = await a.request<ErrorBody>("PATCH", "/api/v1/users/@me", { username: meB.username });
      expect(taken.status).toBe(409);
      expect(taken.body.error.code).toBe("USERNAME_TAKEN");

      const check = await a.get<UsernameCheck>(`/api/v1/users/username-check?username=${meB.username}`);
      expect(check.body).toMatchObject({ available: false, reason: "That username is taken." });
      const rules = await a.get<UsernameCheck>("/api/v1/users/username-check?username=a");
      expect(rules.body.available).toBe(false);
      expect(rules.body.reason).toMatch(/between 2 and 32/);
      const mine = await a.get<UsernameCheck>(`/api/v1/users/username-check?username=${meA.username}`);
      expect(mine.body.available).toBe(true);

      const unique = `amazing.grace${Date.now() % 100000}`;
      const ok = await a.request<SelfUser>("PATCH", "/api/v1/users/@me", {
        name: "Amazing Grace",
        username: unique.toUpperCase(),
        about: "Wrote the first compiler.",
        bannerColor: "#FF7A00",
        customStatus: { text: "debugging", expiresAt: null },
      });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({
        name: "Amazing Grace",
        username: unique,
        about: "Wrote the first compiler.",
        bannerColor: "#ff7a00",
        customStatus: { text: "debugging", expiresAt: null },
      });
      expect((await a.request("PATCH", "/api/v1/users/@me", {})).status).toBe(400);
      expect((await a.request("PATCH", "/api/v1/users/@me", { about: "x".repeat(191) })).status).toBe(400);
      expect((await a.request("PATCH", "/api/v1/users/@me", { bannerColor: "red" })).status).toBe(400);
    });

    it("an expired custom status is no status", async () => {
      const a = t.client();
      await a.signUp("Brief");
      const past = new Date(Date.now() - 1000).toISOString();
      const res = await a.request<SelfUser>("PATCH", "/api/v1/users/@me", { customStatus: { text: "lunch", expiresAt: past } });
      expect(res.body.customStatus).toBeNull();
    });

    it("shows a profile to people sharing a server, tells them of changes, and hides it from others", async () => {
      const { owner, member, general } = await pair();
      const stranger = t.client();
      await stranger.signUp("Stranger");
      const ownerSocket = await owner.socket();
      const strangerSocket = await stranger.socket();
      const seenByOwner = collect(ownerSocket, "user.updated");
      const seenByStranger = collect(strangerSocket, "user.updated");

      const memberSocket = await member.socket();
      await member.request("PATCH", "/api/v1/users/@me", { name: "Renamed", customStatus: { text: "away", expiresAt: null } });
      await waitFor(() => seenByOwner.length === 1);
      // Typing indicators carry the new name from then on.
      const typing = collect(ownerSocket, "typing.started");
      memberSocket.emit("typing.start", { channelId: general.id });
      await waitFor(() => typing.length === 1);
      expect(typing[0]!.name).toBe("Renamed");
      expect(seenByOwner[0]).toMatchObject({ user: { id: member.user!.id, name: "Renamed" }, customStatus: { text: "away" } });

      const profile = await owner.get<UserProfile>(`/api/v1/users/${member.user!.id}/profile`);
      expect(profile.status).toBe(200);
      expect(profile.body).toMatchObject({ name: "Renamed", customStatus: { text: "away" }, deleted: false });
      expect(JSON.stringify(profile.body)).not.toContain("@example.test");

      expect((await stranger.get(`/api/v1/users/${member.user!.id}/profile`)).status).toBe(404);
      expect((await stranger.get("/api/v1/users/no-such-user/profile")).status).toBe(404);
      expect((await t.client().get(`/api/v1/users/${member.user!.id}/profile`)).status).toBe(401);
      await new Promise((r) => setTimeout(r, 100));
      expect(seenByStranger).toHaveLength(0);
    });
  });

  describe("sessions", () => {
    it("lists sessions with device and activity, the current one first", async () => {
      const a = t.client();
      await a.signUp("Lister");
      const phone = t.client();
      const res = await phone.request(
        "POST",
        "/api/auth/sign-in/email",
        { email: a.user!.email, password: PASSWORD },
        { "user-agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1" },
      );
      expect(res.status).toBe(200);
      const list = await a.get<UserSession[]>("/api/v1/users/@me/sessions");
      expect(list.status).toBe(200);
      expect(list.body).toHaveLength(2);
      expect(list.body[0]!.current).toBe(true);
      expect(list.body[1]).toMatchObject({ current: false, device: "Safari on iOS", ipAddress: "127.0.0.1" });
      expect(Date.parse(list.body[1]!.lastActiveAt)).toBeGreaterThan(Date.now() - 60_000);
      expect(JSON.stringify(list.body)).not.toMatch(/token/i);
    });

    it("revoking a session ends it at once, over HTTP and on its open sockets", async () => {
      const a = t.client();
      await a.signUp("Reviver");
      const laptop = await signInAgain(a);
      const laptopSocket = await laptop.socket();
      const ended = collect(laptopSocket, "session.ended");
      let disconnected = false;
      laptopSocket.on("disconnect", () => (disconnected = true));
      const keep = await a.socket();

      const sessions = (await a.get<UserSession[]>("/api/v1/users/@me/sessions")).body;
      const other = sessions.find((s) => !s.current)!;
      expect((await a.request("DELETE", `/api/v1/users/@me/sessions/${other.id}`)).status).toBe(204);

      await waitFor(() => disconnected);
      expect(ended).toEqual([{ reason: "revoked" }]);
      expect((await laptop.get("/api/v1/users/@me")).status).toBe(401);
      await expect(laptop.socket()).rejects.toThrow(/UNAUTHORIZED/);
      // The revoking device is untouched.
      expect(keep.connected).toBe(true);
      expect((await a.get("/api/v1/users/@me")).status).toBe(200);
    });

    it("signs out every other device at once, and sign-out closes the device's own sockets", async () => {
      const a = t.client();
      await a.signUp("Everywhere");
      const others = [await signInAgain(a), await signInAgain(a)];
      const sockets = await Promise.all(others.map((o) => o.socket()));
      const gone = sockets.map(() => false);
      sockets.forEach((s, i) => s.on("disconnect", () => (gone[i] = true)));
      expect((await a.request("DELETE", "/api/v1/users/@me/sessions")).status).toBe(204);
      await waitFor(() => gone.every(Boolean));
      for (const o of others) expect((await o.get("/api/v1/users/@me")).status).toBe(401);
      expect((await a.get<UserSession[]>("/api/v1/users/@me/sessions")).body).toHaveLength(1);

      const mine = await a.socket();
      const ended = collect(mine, "session.ended");
      let closed = false;
      mine.on("disconnect", () => (closed = true));
      expect((await a.post("/api/auth/sign-out")).status).toBe(200);
      await waitFor(() => closed);
      expect(ended).toEqual([{ reason: "signed_out" }]);
    });

    it("nobody can revoke someone else's session", async () => {
      const a = t.client();
      const b = t.client();
      await a.signUp("Victim");
      await b.signUp("Attacker");
      const [victimSession] = (await a.get<UserSession[]>("/api/v1/users/@me/sessions")).body;
      const res = await b.request<ErrorBody>("DELETE", `/api/v1/users/@me/sessions/${victimSession!.id}`);
      expect(res.status).toBe(404);
      expect((await a.get("/api/v1/users/@me")).status).toBe(200);
      expect((await t.client().request("DELETE", `/api/v1/users/@me/sessions/${victimSession!.id}`)).status).toBe(401);
      expect((await t.client().get("/api/v1/users/@me/sessions")).status).toBe(401);
    });
  });

  describe("deleting an account", () => {
    it("asks for the password and refuses while the person owns servers", async () => {
      const { owner, server } = await pair();
      const wrong = await owner.request<ErrorBody>("DELETE", "/api/v1/users/@me", { password: "not it at all" });
      expect(wrong.status).toBe(403);
      expect(wrong.body.error.code).toBe("INVALID_PASSWORD");
      const owns = await owner.request<ErrorBody>("DELETE", "/api/v1/users/@me", { password: PASSWORD });
      expect(owns.status).toBe(409);
      expect(owns.body.error).toMatchObject({ code: "OWNS_SERVERS", details: { servers: [{ id: server.id, name: "Guild" }] } });
      expect((await owner.get("/api/v1/users/@me")).status).toBe(200);
      expect((await t.client().request("DELETE", "/api/v1/users/@me", { password: PASSWORD })).status).toBe(401);
    });

    it("keeps their messages as Deleted user, ends their sessions and frees nothing anyone else owns", async () => {
      const { owner, member, server, general } = await pair();
      const said = (await member.post<Message>(`/api/v1/channels/${general.id}/messages`, { content: "I was here" })).body;
      const ownerSaid = (await owner.post<Message>(`/api/v1/channels/${general.id}/messages`, { content: "welcome" })).body;
      const memberSocket = await member.socket();
      let disconnected = false;
      memberSocket.on("disconnect", () => (disconnected = true));
      const ownerSocket = await owner.socket();
      const updates = collect(ownerSocket, "user.updated");
      const removed = collect(ownerSocket, "member.removed");

      expect((await member.request("DELETE", "/api/v1/users/@me", { password: PASSWORD })).status).toBe(204);
      await waitFor(() => disconnected && updates.length === 1 && removed.length === 1);
      expect(updates[0]!.user).toEqual({ id: member.user!.id, name: "Deleted user", image: null });

      const history = (await owner.get<Message[]>(`/api/v1/channels/${general.id}/messages`)).body;
      const kept = history.find((m) => m.id === said.id)!;
      expect(kept.content).toBe("I was here");
      expect(kept.author).toEqual({ id: member.user!.id, name: "Deleted user", image: null });
      expect(history.find((m) => m.id === ownerSaid.id)?.author.name).toBe("Owner");
      const profile = (await owner.get<UserProfile>(`/api/v1/users/${member.user!.id}/profile`)).body;
      expect(profile).toMatchObject({ name: "Deleted user", deleted: true, about: "", customStatus: null });
      expect(JSON.stringify(profile)).not.toContain("@example.test");

      // The server, its owner and everyone else's things are untouched.
      expect((await owner.get<Server>(`/api/v1/servers/${server.id}`)).body.name).toBe("Guild");
      expect((await owner.get("/api/v1/users/@me")).status).toBe(200);

      expect((await member.get("/api/v1/users/@me")).status).toBe(401);
      const again = await t.client().post("/api/auth/sign-in/email", { email: member.user!.email, password: PASSWORD });
      expect(again.status).toBe(401);
      // The email is free for a new account.
      const fresh = await t.client().post("/api/auth/sign-up/email", { email: member.user!.email, password: PASSWORD, name: "New" });
      expect(fresh.status).toBe(200);
    });

    it("without a password or 2FA, asks for a recent sign-in instead", async () => {
      const person = t.client();
      await person.signUp("Social Only");
      const { db } = t.database;
      // As if they had signed up with a provider: no password sign-in.
      await db.delete(account).where(eq(account.userId, person.user!.id));
      await db.update(session).set({ createdAt: new Date(Date.now() - 3600_000) }).where(eq(session.userId, person.user!.id));
      const stale = await person.request<ErrorBody>("DELETE", "/api/v1/users/@me", {});
      expect(stale.status).toBe(403);
      expect(stale.body.error.code).toBe("SESSION_NOT_FRESH");
      await db.update(session).set({ createdAt: new Date() }).where(eq(session.userId, person.user!.id));
      expect((await person.request("DELETE", "/api/v1/users/@me", {})).status).toBe(204);
    });
  });
});
