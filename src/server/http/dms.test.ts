import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DmChannel, Message, ReadState } from "@/shared/api";
import { type TestClient, type TestServer, collect, serverWithPeople, startTestServer, waitFor } from "../testing/harness";
import { testDatabaseKinds } from "../testing/databases";

type ErrorBody = { error: { code: string } };

describe.each(testDatabaseKinds())("direct messages on %s", (kind) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** `names.length` people in one server, plus an outsider who shares none with them. */
  /** `names` in one server, plus an outsider who shares none with them. */
  async function community(...names: string[]) {
    const { people, server } = await serverWithPeople(t, names);
    const outsider = t.client();
    await outsider.signUp("Outsider");
    return { people, server, outsider };
  }

  const open = (from: TestClient, to: TestClient) =>
    from.post<DmChannel & ErrorBody>("/api/v1/users/@me/channels", { recipientId: to.user!.id });
  const send = (from: TestClient, channelId: string, content: string) =>
    from.post<Message & ErrorBody>(`/api/v1/channels/${channelId}/messages`, { content });

  it("only the two people read, send to, or hear a 1:1 conversation", async () => {
    const { people: [a, b], outsider } = await community("Ann", "Ben");
    const bSocket = await b!.socket();
    const outsiderSocket = await outsider.socket();
    const opened = collect(bSocket, "dm.opened");
    const bHears = collect(bSocket, "message.created");
    const outsiderHears = collect(outsiderSocket, "message.created");

    const dm = await open(a!, b!);
    expect(dm.status).toBe(200);
    expect(dm.body).toMatchObject({ type: "dm", name: null, recipients: [{ id: b!.user!.id, name: "Ben" }] });
    // The same pair always gets the same conversation.
    expect((await open(a!, b!)).body.id).toBe(dm.body.id);
    // It reaches Ben's list with the first message.
    expect((await b!.get<DmChannel[]>("/api/v1/users/@me/channels")).body).toEqual([]);

    const hello = await send(a!, dm.body.id, `hi <@${b!.user!.id}> and <@${outsider.user!.id}>`);
    expect(hello.status).toBe(201);
    expect(hello.body.mentions.users).toEqual([b!.user!.id]);
    await waitFor(() => bHears.length === 1 && opened.length === 1);
    expect(opened[0]!.channel).toMatchObject({ id: dm.body.id, recipients: [{ id: a!.user!.id }] });
    const list = (await b!.get<DmChannel[]>("/api/v1/users/@me/channels")).body;
    expect(list.map((c) => c.id)).toEqual([dm.body.id]);
    expect(list[0]!.lastMessageId).toBe(hello.body.id);
    // Read state and unread work as in any channel.
    const states = (await b!.get<ReadState[]>("/api/v1/users/@me/read-states")).body;
    expect(states.find((s) => s.channelId === dm.body.id)).toMatchObject({ mentionCount: 1 });
    expect((await b!.post(`/api/v1/channels/${dm.body.id}/messages/${hello.body.id}/ack`, {})).status).toBe(200);
    expect((await send(b!, dm.body.id, "hello back")).status).toBe(201);

    // Everyone else: as if it did not exist.
    expect((await outsider.get(`/api/v1/channels/${dm.body.id}/messages`)).status).toBe(404);
    expect((await send(outsider, dm.body.id, "let me in")).status).toBe(404);
    expect((await outsider.request("PUT", `/api/v1/channels/${dm.body.id}/messages/${hello.body.id}/reactions/%F0%9F%91%8D/@me`)).status).toBe(404);
    expect((await outsider.post(`/api/v1/channels/${dm.body.id}/messages/${hello.body.id}/ack`, {})).status).toBe(404);
    expect((await t.client().get(`/api/v1/channels/${dm.body.id}/messages`)).status).toBe(401);
    // A conversation is not a server channel to manage.
    expect((await a!.request("PATCH", `/api/v1/channels/${dm.body.id}`, { name: "renamed" })).status).toBe(400);
    expect((await a!.request("DELETE", `/api/v1/channels/${dm.body.id}`)).status).toBe(400);
    // Typing in someone else's conversation is refused and reaches nobody.
    const typing = collect(bSocket, "typing.started");
    const ack = await new Promise<{ ok: boolean }>((resolve) => outsiderSocket.emit("typing.start", { channelId: dm.body.id }, resolve));
    expect(ack.ok).toBe(false);
    await new Promise((r) => setTimeout(r, 100));
    expect(outsiderHears).toHaveLength(0);
    expect(typing).toHaveLength(0);
  });

  it("starts only with people who share a server and accept messages, and never with a blocker", async () => {
    const { people: [a, b, c], server, outsider } = await community("Ava", "Bo", "Cy");
    const refused = await open(a!, outsider);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("DM_REFUSED");

    // Cy turns off messages from this server's members.
    expect((await c!.request("PUT", `/api/v1/users/@me/servers/${server.id}/settings`, { allowDms: false })).status).toBe(200);
    expect((await c!.get(`/api/v1/users/@me/servers/${server.id}/settings`)).body).toEqual({ allowDms: false });
    expect((await open(a!, c!)).body.error.code).toBe("DM_REFUSED");
    expect((await outsider.get(`/api/v1/users/@me/servers/${server.id}/settings`)).status).toBe(403);

    // Bo blocks Ava: she cannot open a conversation, and cannot send in one that exists.
    const dm = (await open(b!, a!)).body;
    expect((await b!.request("PUT", `/api/v1/users/@me/blocks/${a!.user!.id}`)).status).toBe(204);
    expect((await b!.get<{ id: string }[]>("/api/v1/users/@me/blocks")).body.map((u) => u.id)).toEqual([a!.user!.id]);
    const blockedSend = await send(a!, dm.id, "hello?");
    expect(blockedSend.status).toBe(403);
    // The same words as for any refusal: the block is not revealed.
    expect(blockedSend.body.error.code).toBe("DM_REFUSED");
    const d = t.client();
    await d.signUp("Dee");
    expect((await d.request("PUT", `/api/v1/users/@me/blocks/${a!.user!.id}`)).status).toBe(204);
    expect((await b!.request("DELETE", `/api/v1/users/@me/blocks/${a!.user!.id}`)).status).toBe(204);
    expect((await send(a!, dm.id, "friends again")).status).toBe(201);
    expect((await a!.request("PUT", `/api/v1/users/@me/blocks/${a!.user!.id}`)).status).toBe(400);
  });

  it("keeps the history when people leave the server they met in", async () => {
    const { people: [a, b], server } = await community("Al", "Bea");
    const dm = (await open(a!, b!)).body;
    const said = (await send(a!, dm.id, "before leaving")).body;
    expect((await b!.request("DELETE", `/api/v1/users/@me/servers/${server.id}`)).status).toBe(204);
    for (const p of [a!, b!]) {
      const history = await p.get<Message[]>(`/api/v1/channels/${dm.id}/messages`);
      expect(history.status).toBe(200);
      expect(history.body.map((m) => m.id)).toContain(said.id);
    }
    // A new conversation needs a shared server again; this one stays.
    const stranger = t.client();
    await stranger.signUp("Stranger");
    expect((await open(b!, stranger)).status).toBe(403);
  });

  it("closing hides a conversation until the next message", async () => {
    const { people: [a, b] } = await community("Cat", "Dan");
    const dm = (await open(a!, b!)).body;
    await send(a!, dm.id, "one");
    const aSocket = await a!.socket();
    const closed = collect(aSocket, "dm.closed");
    const reopened = collect(aSocket, "dm.opened");
    expect((await a!.request("DELETE", `/api/v1/users/@me/channels/${dm.id}`)).status).toBe(204);
    await waitFor(() => closed.length === 1);
    expect((await a!.get<DmChannel[]>("/api/v1/users/@me/channels")).body).toEqual([]);
    await send(b!, dm.id, "two");
    await waitFor(() => reopened.length === 1);
    expect((await a!.get<DmChannel[]>("/api/v1/users/@me/channels")).body.map((c) => c.id)).toEqual([dm.id]);
  });

  it("runs a group: everyone hears it, the creator removes people, others may not", async () => {
    const { people, outsider } = await community("Gina", "Hal", "Ida", "Jo");
    const [g, h, i, j] = people as [TestClient, TestClient, TestClient, TestClient];
    const sockets = await Promise.all([g, h, i, j].map((p) => p.socket()));
    const heard = sockets.map((s) => collect(s, "message.created"));
    const openedFor = sockets.map((s) => collect(s, "dm.opened"));

    const created = await g.post<DmChannel & ErrorBody>("/api/v1/users/@me/channels", { recipientIds: [h.user!.id, i.user!.id], name: "Trio" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ type: "group_dm", name: "Trio", ownerId: g.user!.id });
    expect(created.body.recipients.map((r) => r.name).sort()).toEqual(["Hal", "Ida"]);
    await waitFor(() => openedFor[0]!.length === 1 && openedFor[1]!.length === 1 && openedFor[2]!.length === 1);
    expect(openedFor[3]).toHaveLength(0);

    const msg = (await send(h, created.body.id, "hi all")).body;
    await waitFor(() => heard[0]!.length === 1 && heard[1]!.length === 1 && heard[2]!.length === 1);
    expect(heard[3]).toHaveLength(0);
    expect((await j.get(`/api/v1/channels/${created.body.id}/messages`)).status).toBe(404);
    expect((await outsider.request("PATCH", `/api/v1/dms/${created.body.id}`, { name: "mine" })).status).toBe(404);
    expect((await outsider.request("PUT", `/api/v1/dms/${created.body.id}/recipients/${outsider.user!.id}`)).status).toBe(404);
    expect((await outsider.request("DELETE", `/api/v1/dms/${created.body.id}/recipients/${h.user!.id}`)).status).toBe(404);
    expect((await outsider.request("DELETE", `/api/v1/users/@me/channels/${created.body.id}`)).status).toBe(404);
    expect((await t.client().request("PATCH", `/api/v1/dms/${created.body.id}`, { name: "x" })).status).toBe(401);

    // Anyone in it renames it; only the creator removes people.
    const renamed = await i.request<DmChannel>("PATCH", `/api/v1/dms/${created.body.id}`, { name: "Quartet", icon: "🎻" });
    expect(renamed.body).toMatchObject({ name: "Quartet", icon: "🎻" });
    expect((await h.request("DELETE", `/api/v1/dms/${created.body.id}/recipients/${i.user!.id}`)).status).toBe(403);
    expect((await i.request("PUT", `/api/v1/dms/${created.body.id}/recipients/${j.user!.id}`)).status).toBe(200);
    await waitFor(() => openedFor[3]!.length === 1);
    const closedForIda = collect(sockets[2]!, "dm.closed");
    expect((await g.request("DELETE", `/api/v1/dms/${created.body.id}/recipients/${i.user!.id}`)).status).toBe(204);
    await waitFor(() => closedForIda.length === 1);
    await send(j, created.body.id, "welcome me");
    await waitFor(() => heard[3]!.length === 1 && heard[0]!.length === 2);
    await new Promise((r) => setTimeout(r, 100));
    expect(heard[2]!.map((m) => m.message.id)).toEqual([msg.id]);
    expect((await i.get(`/api/v1/channels/${created.body.id}/messages`)).status).toBe(404);

    // The creator leaves: the group passes on.
    expect((await g.request("DELETE", `/api/v1/users/@me/channels/${created.body.id}`)).status).toBe(204);
    const after = (await h.get<DmChannel[]>("/api/v1/users/@me/channels")).body.find((c) => c.id === created.body.id)!;
    expect(after.ownerId).toBe(h.user!.id);
    expect(after.recipients.map((r) => r.name)).toEqual(["Jo"]);
  });

  it("holds at most 10 people", async () => {
    const names = Array.from({ length: 11 }, (_, n) => `P${n}`);
    const { people } = await community(...names);
    const [first, ...rest] = people;
    const tooMany = await first!.post<ErrorBody>("/api/v1/users/@me/channels", { recipientIds: rest.map((p) => p.user!.id) });
    expect(tooMany.status).toBe(400);
    const group = (await first!.post<DmChannel>("/api/v1/users/@me/channels", { recipientIds: rest.slice(0, 9).map((p) => p.user!.id) })).body;
    expect(group.recipients).toHaveLength(9);
    const full = await first!.request<ErrorBody>("PUT", `/api/v1/dms/${group.id}/recipients/${rest[9]!.user!.id}`);
    expect(full.status).toBe(400);
    expect(full.body.error.code).toBe("GROUP_FULL");
  });

  it("searches a conversation for the people in it only", async () => {
    const { people: [a, b], outsider } = await community("Pia", "Quin");
    const dm = (await open(a!, b!)).body;
    await send(a!, dm.id, "the deployment window is friday");
    await send(b!, dm.id, "noted");
    const found = await b!.get<{ total: number; messages: Message[] }>(`/api/v1/channels/${dm.id}/messages/search?q=deploy`);
    expect(found.status).toBe(200);
    expect(found.body.total).toBe(1);
    const fromPia = await b!.get<{ total: number }>(`/api/v1/channels/${dm.id}/messages/search?q=from:${encodeURIComponent("Pia")}`);
    expect(fromPia.body.total).toBe(1);
    expect((await outsider.get(`/api/v1/channels/${dm.id}/messages/search?q=deploy`)).status).toBe(404);
  });

  it("lists the people one shares a server with", async () => {
    const { people: [a], outsider } = await community("Kim", "Lee", "Max");
    const names = (await a!.get<{ name: string }[]>("/api/v1/users/@me/people")).body.map((p) => p.name);
    expect(names).toEqual(["Lee", "Max"]);
    expect(names).not.toContain(outsider.user!.name);
  });

  it("a socket connecting later joins its conversations' rooms", async () => {
    const { people: [a, b] } = await community("Nia", "Oz");
    const dm = (await open(a!, b!)).body;
    const late = await b!.socket();
    const heard = collect(late, "message.created");
    await send(a!, dm.id, "are you there");
    await waitFor(() => heard.length === 1);
    expect((await b!.get<Message[]>(`/api/v1/channels/${dm.id}/messages`)).body).toHaveLength(1);
  });
});
