import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inArray, sql } from "drizzle-orm";
import type { Channel, Invite, Message, Role, SearchResult, Server } from "@/shared/api";
import { Permission } from "@/shared/permissions";
import { messages } from "../db/schema";
import { type TestClient, type TestServer, startTestServer } from "../testing/harness";
import { testDatabaseKinds } from "../testing/databases";

type Hit = SearchResult["messages"][number];

describe.each(testDatabaseKinds())("message search on %s", (kind) => {
  let t: TestServer;
  let w: Awaited<ReturnType<typeof world>>;

  beforeAll(async () => {
    t = await startTestServer(kind);
    w = await world();
  });
  afterAll(async () => {
    await t?.close();
  });

  const search = (c: TestClient, q: string, serverId = w.server.id, page = "") =>
    c.get<SearchResult>(`/api/v1/servers/${serverId}/messages/search?q=${encodeURIComponent(q)}${page}`);
  const contents = (hits: Hit[]) => hits.map((h) => h.content);
  async function found(c: TestClient, q: string): Promise<string[]> {
    const res = await search(c, q);
    expect(res.status).toBe(200);
    return contents(res.body.messages).sort();
  }

  /**
   * An owner, Grace (a plain member) and Linus (an Insider); #general and #random for
   * all, #secret for Insiders only, #archive visible to all but without history.
   */
  async function world() {
    const suffix = Math.random().toString(36).slice(2, 8);
    const owner = t.client();
    await owner.signUp(`Ada ${suffix}`);
    const server = (await owner.post<Server>("/api/v1/servers", { name: "Searchers" })).body;
    const [general] = (await owner.get<Channel[]>(`/api/v1/servers/${server.id}/channels`)).body;
    const invite = (await owner.post<Invite>(`/api/v1/servers/${server.id}/invites`, {})).body;
    const join = async (name: string) => {
      const c = t.client();
      await c.signUp(name);
      expect((await c.post(`/api/v1/invites/${invite.code}`)).status).toBe(200);
      return c;
    };
    const grace = await join(`Grace ${suffix}`);
    const linus = await join(`Linus ${suffix}`);
    const insiders = (await owner.post<Role>(`/api/v1/servers/${server.id}/roles`, { name: "Insiders" })).body;
    expect((await owner.request("PATCH", `/api/v1/servers/${server.id}/members/${linus.user!.id}`, { roles: [insiders.id] })).status).toBe(200);
    const channel = async (name: string, overwrites: unknown[] = []) =>
      (await owner.post<Channel>(`/api/v1/servers/${server.id}/channels`, { name, type: "text", overwrites })).body;
    const view = Permission.ViewChannel.toString();
    const random = await channel("random");
    const secret = await channel("secret", [
      { id: server.id, type: "role", deny: view },
      { id: insiders.id, type: "role", allow: view },
    ]);
    const archive = await channel("archive", [{ id: server.id, type: "role", deny: Permission.ReadMessageHistory.toString() }]);

    const send = async (c: TestClient, channelId: string, content: string) => {
      const res = await c.post<Message>(`/api/v1/channels/${channelId}/messages`, { content });
      expect(res.status).toBe(201);
      return res.body;
    };
    await send(owner, general!.id, "We will deploy the server tomorrow");
    await send(grace, general!.id, "Redeployed the servers at noon");
    await send(owner, general!.id, "Release notes are at https://example.com/notes");
    const mention = await send(grace, general!.id, `hey <@${owner.user!.id}> look at the release`);
    await send(linus, general!.id, "go go gadget, going going gone");
    await send(grace, random.id, "deploy from random");
    await send(owner, secret.id, "deploy the secret plan");
    await send(owner, archive.id, "deploy the archived plan");
    const doomed = await send(owner, general!.id, "deploy doomed message");
    const old = await send(owner, random.id, "an old deploy checklist");

    // Stored state set directly, so these tests are about search and not about the
    // commands that write it (deleting, mention parsing, backdating is impossible).
    const db = t.database.db;
    await db.update(messages).set({ deletedAt: new Date() }).where(inArray(messages.id, [BigInt(doomed.id)]));
    await db.update(messages).set({ mentionUserIds: [owner.user!.id] }).where(inArray(messages.id, [BigInt(mention.id)]));
    await db.update(messages).set({ createdAt: new Date("2026-01-15T12:00:00Z") }).where(inArray(messages.id, [BigInt(old.id)]));
    await db.execute(sql`analyze messages`);
    return { owner, grace, linus, server, general: general!, random, secret, archive };
  }

  it("finds whole words and highlights them as written", async () => {
    const res = await search(w.grace, "tomorrow");
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(1);
    const [hit] = res.body.messages;
    expect(hit).toMatchObject({ content: "We will deploy the server tomorrow", channelId: w.general.id });
    expect(hit!.author.id).toBe(w.owner.user!.id);
    expect(hit!.highlights).toEqual(["tomorrow"]);
  });

  it("finds partial words through the trigram match", async () => {
    expect(await found(w.grace, "deplo")).toEqual([
      "Redeployed the servers at noon",
      "We will deploy the server tomorrow",
      "an old deploy checklist",
      "deploy from random",
    ]);
    const [hit] = (await search(w.grace, "eploy noo")).body.messages;
    expect(hit).toMatchObject({ content: "Redeployed the servers at noon", highlights: ["eploy", "noo"] });
  });

  it("matches short words only as whole words", async () => {
    expect(await found(w.grace, "go")).toEqual(["go go gadget, going going gone"]);
    expect(await found(w.grace, "gon")).toEqual(["go go gadget, going going gone"]);
    expect(await found(w.grace, "ti")).toEqual([]);
  });

  it("needs every word, and a quoted phrase in its order", async () => {
    expect(await found(w.grace, "deploy random")).toEqual(["deploy from random"]);
    expect(await found(w.grace, '"release notes"')).toEqual(["Release notes are at https://example.com/notes"]);
    expect(await found(w.grace, '"notes release"')).toEqual([]);
  });

  it("ranks whole-word hits first, then newest first", async () => {
    const res = await search(w.grace, "deploy");
    expect(contents(res.body.messages)).toEqual([
      "an old deploy checklist",
      "deploy from random",
      "We will deploy the server tomorrow",
      "Redeployed the servers at noon",
    ]);
  });

  it("pages with limit and offset and counts the total", async () => {
    const all = contents((await search(w.grace, "deploy")).body.messages);
    const first = await search(w.grace, "deploy", w.server.id, "&limit=2");
    const second = await search(w.grace, "deploy", w.server.id, "&limit=2&offset=2");
    const past = await search(w.grace, "deploy", w.server.id, "&limit=2&offset=4");
    expect(first.body.total).toBe(4);
    expect([...contents(first.body.messages), ...contents(second.body.messages)]).toEqual(all);
    expect(past.body).toEqual({ total: 4, messages: [] });
    expect((await search(w.grace, "deploy", w.server.id, "&limit=0")).status).toBe(400);
  });

  it("filters by author id and by exact name in any case, quoted or not", async () => {
    const fromGrace = ["Redeployed the servers at noon", "deploy from random"];
    expect(await found(w.grace, `deploy from:${w.grace.user!.id}`)).toEqual(fromGrace);
    expect(await found(w.grace, `deploy from:"${w.grace.user!.name.toUpperCase()}"`)).toEqual(fromGrace);
    expect(await found(w.grace, "deploy from:nobody-at-all")).toEqual([]);
  });

  it("filters by channel id or name", async () => {
    expect(await found(w.grace, `deploy in:${w.random.id}`)).toEqual(["an old deploy checklist", "deploy from random"]);
    expect(await found(w.grace, "deploy in:#Random")).toEqual(["an old deploy checklist", "deploy from random"]);
    expect(await found(w.grace, "deploy in:secret")).toEqual([]);
  });

  it("filters by links, files and mentions, with or without text", async () => {
    expect(await found(w.grace, "has:link")).toEqual(["Release notes are at https://example.com/notes"]);
    expect(await found(w.grace, "release has:link")).toEqual(["Release notes are at https://example.com/notes"]);
    expect(await found(w.grace, "has:file")).toEqual([]);
    expect(await found(w.grace, `mentions:${w.owner.user!.id}`)).toEqual([`hey <@${w.owner.user!.id}> look at the release`]);
    expect(await found(w.grace, `release mentions:${w.grace.user!.id}`)).toEqual([]);
  });

  it("filters by day, before: and after: excluding the day itself", async () => {
    expect(await found(w.grace, "deploy before:2026-01-16")).toEqual(["an old deploy checklist"]);
    expect(await found(w.grace, "deploy before:2026-01-15")).toEqual([]);
    expect(await found(w.grace, "deploy after:2026-01-15")).toEqual([
      "Redeployed the servers at noon",
      "We will deploy the server tomorrow",
      "deploy from random",
    ]);
    expect(await found(w.grace, "deploy after:2026-01-14 before:2026-01-16")).toEqual(["an old deploy checklist"]);
  });

  it("searches unknown filters as text", async () => {
    expect(await found(w.grace, "example.com/notes")).toEqual(["Release notes are at https://example.com/notes"]);
    expect(await found(w.grace, "https://example.com")).toEqual(["Release notes are at https://example.com/notes"]);
  });

  it("never returns deleted messages", async () => {
    expect(await found(w.owner, "doomed")).toEqual([]);
  });

  it("shows a private channel's messages only to those who may read it", async () => {
    expect(await found(w.grace, "plan")).toEqual([]);
    expect(await found(w.linus, "plan")).toEqual(["deploy the secret plan"]);
    expect(await found(w.owner, "plan")).toEqual(["deploy the archived plan", "deploy the secret plan"]);
  });

  it("hides channels whose history a member may not read, even though they can see them", async () => {
    expect(await found(w.linus, "archived")).toEqual([]);
  });

  it("refuses people outside the server and anonymous requests", async () => {
    const stranger = t.client();
    await stranger.signUp("Stranger");
    const outside = await search(stranger, "deploy");
    expect(outside.status).toBe(403);
    expect(await search(t.client(), "deploy").then((r) => r.status)).toBe(401);
    expect((await search(w.grace, "deploy", "999999999")).status).toBe(404);
    expect((await search(w.grace, "")).status).toBe(400);
  });
});
