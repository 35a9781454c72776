/**
 * Calls in direct conversations through a real server, real sockets and the real SFU
 * child process: the system line and the rings on every device, joining, declining, a
 * ring running out, ringing again, the end with its trace, and every refusal (a
 * stranger, a block either way, someone removed from a group; server channels on call
 * routes and conversations on a server's voice routes). The sockets ignore the media
 * server's offers: media flow is tested with the SFU.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Channel, DmChannel, Message, ReadState, SearchResult } from "@/shared/api";
import type { CallInfo } from "@/shared/calls";
import type { CallAck, SocketAck, VoiceJoinAck } from "@/shared/events";
import type { VoiceSlot, VoiceState } from "@/shared/voice";
import { testDatabaseKinds } from "../testing/databases";
import { type ClientSocket, type TestClient, type TestServer, collect, serverWithPeople, startTestServer, waitFor } from "../testing/harness";

type ErrorBody = { error: { code: string; message: string } };
type CallBody = { call: CallInfo } & ErrorBody;

const RING_SECONDS = 2;

describe.each(testDatabaseKinds())("calls in conversations on %s", (kind) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(kind, { env: { CALL_RING_SECONDS: String(RING_SECONDS) } });
  });
  afterAll(async () => {
    await t?.close();
  });

  async function community(...names: string[]) {
    const { people, server, owner } = await serverWithPeople(t, names);
    const outsider = t.client();
    await outsider.signUp("Stranger");
    return { people: people as TestClient[], server, owner, outsider };
  }
  const direct = async (from: TestClient, to: TestClient) =>
    (await from.post<DmChannel>("/api/v1/users/@me/channels", { recipientId: to.user!.id })).body.id;
  const group = async (from: TestClient, ...others: TestClient[]) => {
    const reply = await from.post<DmChannel>("/api/v1/users/@me/channels", { recipientIds: others.map((o) => o.user!.id) });
    expect(reply.status).toBe(201);
    return reply.body.id;
  };
  const base = (channelId: string) => `/api/v1/channels/${channelId}/call`;
  const start = (c: TestClient, channelId: string, body: unknown = {}) => c.post<CallBody>(base(channelId), body);
  const join = (socket: ClientSocket, channelId: string, slots: VoiceSlot[] = []) =>
    socket.emitWithAck("voice.join", { channelId, slots }) as Promise<VoiceJoinAck>;
  const code = (ack: VoiceJoinAck | CallAck | SocketAck) => (ack.ok ? null : ack.error.code);
  const id = (c: TestClient) => c.user!.id;
  const last = <T>(list: T[]) => list[list.length - 1];

  it("starting posts the call's line as a message and rings every device of the other person; joining stops the ring; the last one out ends it", async () => {
    const { people: [ann, ben] } = await community("Ann", "Ben");
    const dm = await direct(ann!, ben!);
    const benPhone = await ben!.socket();
    const benDesk = await ben!.socket();
    const annSocket = await ann!.socket();
    const rings = [collect(benPhone, "call.updated"), collect(benDesk, "call.updated")];
    const lines = [collect(benPhone, "message.created"), collect(benDesk, "message.created")];
    const updates = collect(benPhone, "message.updated");
    const ended = [collect(benPhone, "call.ended"), collect(annSocket, "call.ended")];

    const started = await start(ann!, dm, { video: true });
    expect(started.status).toBe(201);
    const call = started.body.call;
    expect(call).toMatchObject({ channelId: dm, startedBy: id(ann!), video: true, ringing: [id(ben!)] });
    await waitFor(() => rings.every((r) => r.length === 1) && lines.every((l) => l.length === 1));
    for (const r of rings) expect(r[0]).toEqual(call);
    const line = lines[0]![0]!.message;
    expect(line).toMatchObject({ id: call.messageId, type: "call", content: "", author: { id: id(ann!) } });
    expect(line.call).toMatchObject({ id: call.id, startedBy: id(ann!), endedAt: null, durationSeconds: null, missed: [], video: true });
    // An ordinary message otherwise: it counts as unread, and the conversation is in Ben's list.
    const states = (await ben!.get<ReadState[]>("/api/v1/users/@me/read-states")).body;
    expect(states.find((s) => s.channelId === dm)).toMatchObject({ unreadCount: 1 });
    expect((await ben!.get<DmChannel[]>("/api/v1/users/@me/channels")).body.map((c) => c.id)).toEqual([dm]);

    // One open call per conversation: starting again answers it.
    const again = await start(ben!, dm);
    expect(again.status).toBe(200);
    expect(again.body.call.id).toBe(call.id);
    expect((await ben!.get<{ call: CallInfo | null }>(base(dm))).body.call).toEqual(call);
    expect((await ben!.get<CallInfo[]>("/api/v1/users/@me/calls")).body).toEqual([call]);

    expect((await join(annSocket, dm, ["audio", "video"])).ok).toBe(true);
    const joined = await join(benDesk, dm, ["audio"]);
    expect(joined.ok).toBe(true);
    expect((joined as Extract<VoiceJoinAck, { ok: true }>).states.map((s) => s.userId).sort()).toEqual([id(ann!), id(ben!)].sort());
    // Joining on one device stops the ring on all of them.
    await waitFor(() => rings.every((r) => r.length === 2));
    for (const r of rings) expect(r[1]).toMatchObject({ id: call.id, ringing: [] });
    const page = (await ben!.get<Message[]>(`/api/v1/channels/${dm}/messages`)).body;
    expect(page[0]).toMatchObject({ id: call.messageId, type: "call", call: { participants: [id(ann!), id(ben!)], endedAt: null } });

    // Who is in it can be read from outside it (a conversation opened mid-call).
    const inside = (await ben!.get<{ states: VoiceState[] }>(base(dm))).body.states;
    expect(inside.map((s) => s.userId).sort()).toEqual([id(ann!), id(ben!)].sort());
    expect(inside.find((s) => s.userId === id(ann!))).toMatchObject({ channelId: dm, serverId: null, camera: true });
    expect(inside[0]).not.toHaveProperty("socketId");

    // The call stays while anyone is in it.
    expect((await annSocket.emitWithAck("voice.leave")).ok).toBe(true);
    await annSocket.emitWithAck("ping");
    expect((await ann!.get<{ call: CallInfo | null; states: VoiceState[] }>(base(dm))).body).toMatchObject({ call: { id: call.id }, states: [{ userId: id(ben!) }] });
    // Ann comes back late; then both leave (Ben by closing the tab).
    expect((await join(annSocket, dm)).ok).toBe(true);
    expect((await annSocket.emitWithAck("voice.leave")).ok).toBe(true);
    benDesk.disconnect();
    await waitFor(() => ended.every((e) => e.length === 1) && updates.length === 1);
    expect(ended[0]![0]).toEqual({ channelId: dm, callId: call.id });
    expect(updates[0]!.message).toMatchObject({ id: call.messageId, type: "call" });
    const traced = (await ann!.get<Message[]>(`/api/v1/channels/${dm}/messages`)).body[0]!;
    expect(traced).toEqual({ ...updates[0]!.message, reactions: [] });
    expect(traced.call).toMatchObject({ participants: [id(ann!), id(ben!)], missed: [] });
    expect(traced.call!.endedAt).not.toBeNull();
    expect(traced.call!.durationSeconds).toBeGreaterThanOrEqual(0);
    expect((await ann!.get<{ call: CallInfo | null; states: VoiceState[] }>(base(dm))).body).toEqual({ call: null, states: [] });
    expect((await ben!.get<CallInfo[]>("/api/v1/users/@me/calls")).body).toEqual([]);
  });

  it("the end updates the line with its duration and who missed it: a decline and a ring that ran out; ringing again", async () => {
    const { people: [ann, ben, cy] } = await community("Ann", "Ben", "Cy");
    const trio = await group(ann!, ben!, cy!);
    const annSocket = await ann!.socket();
    const benSockets = [await ben!.socket(), await ben!.socket()];
    const cySocket = await cy!.socket();
    const benRings = benSockets.map((s) => collect(s, "call.updated"));
    const cyRings = collect(cySocket, "call.updated");
    const updates = collect(cySocket, "message.updated");
    const created = collect(cySocket, "message.created");

    // Joining a conversation's room with no call open starts nothing (a late accept or a
    // rejoin after a drop must not ring everyone again): NO_CALL. call.start starts it.
    const early = await join(annSocket, trio, ["audio"]);
    expect(early.ok).toBe(false);
    expect(code(early)).toBe("NO_CALL");
    expect((await annSocket.emitWithAck("call.start", { channelId: trio })).ok).toBe(true);
    expect((await join(annSocket, trio, ["audio"])).ok).toBe(true);
    await waitFor(() => cyRings.length === 1 && created.length === 1);
    const call = cyRings[0]!;
    expect(call.ringing).toEqual([id(ben!), id(cy!)]);
    expect(created[0]!.message).toMatchObject({ type: "call", id: call.messageId });

    // Ben declines on one device: the ring stops on both; a second decline is refused.
    expect(await benSockets[0]!.emitWithAck("call.decline", { channelId: trio })).toEqual({ ok: true });
    await waitFor(() => benRings.every((r) => r.some((c) => !c.ringing.includes(id(ben!)))));
    expect(last(benRings[1]!)!.ringing).toEqual([id(cy!)]);
    expect(code(await benSockets[1]!.emitWithAck("call.decline", { channelId: trio }))).toBe("CONFLICT");
    expect((await ben!.post<ErrorBody>(`${base(trio)}/decline`)).status).toBe(409);

    // Cy's ring runs out.
    await waitFor(() => last(cyRings)!.ringing.length === 0, RING_SECONDS * 1000 + 3000);
    expect((await ann!.get<{ call: CallInfo | null }>(base(trio))).body.call).toMatchObject({ id: call.id, ringing: [] });

    // Only someone in the call rings, and only people of the conversation who are not in it.
    expect((await ben!.post<ErrorBody>(`${base(trio)}/ring`, {})).body.error.code).toBe("NOT_IN_VOICE");
    expect((await ann!.post<ErrorBody>(`${base(trio)}/ring`, { userIds: [id(ann!)] })).status).toBe(400);
    const stranger = t.client();
    await stranger.signUp("Nobody");
    expect((await ann!.post<ErrorBody>(`${base(trio)}/ring`, { userIds: [stranger.user!.id] })).status).toBe(400);
    const rung = await annSocket.emitWithAck("call.ring", { channelId: trio, userIds: [id(cy!)] });
    expect(rung).toMatchObject({ ok: true, call: { id: call.id, ringing: [id(cy!)] } });
    await waitFor(() => last(cyRings)!.ringing.includes(id(cy!)));
    // Ringing everyone not in the call by default; Cy's timer starts over.
    const everyone = await ann!.post<CallBody>(`${base(trio)}/ring`);
    expect(everyone.status).toBe(200);
    expect(everyone.body.call.ringing.sort()).toEqual([id(ben!), id(cy!)].sort());
    expect((await cy!.get<CallInfo[]>("/api/v1/users/@me/calls")).body.map((c) => c.id)).toEqual([call.id]);

    // The starter leaves with nobody else in: the call ends, the rings stop, the line tells who missed it.
    const endedForCy = collect(cySocket, "call.ended");
    await new Promise((r) => setTimeout(r, 1100));
    expect((await annSocket.emitWithAck("voice.leave")).ok).toBe(true);
    await waitFor(() => endedForCy.length === 1 && updates.length === 1);
    const trace = updates[0]!.message.call!;
    expect(trace).toMatchObject({ id: call.id, startedBy: id(ann!), participants: [id(ann!)] });
    expect(trace.missed.sort()).toEqual([id(ben!), id(cy!)].sort());
    expect(trace.durationSeconds).toBeGreaterThanOrEqual(1);
    expect(new Date(trace.endedAt!).getTime()).toBeGreaterThan(new Date(trace.startedAt).getTime());
    expect((await cy!.get<CallInfo[]>("/api/v1/users/@me/calls")).body).toEqual([]);
    expect((await cy!.post<ErrorBody>(`${base(trio)}/decline`)).status).toBe(404);
  });

  it("a decline that lands before the caller's own join leaves the call open for them; a join after the end rings nobody", async () => {
    const { people: [ann, ben] } = await community("Ann", "Ben");
    const dm = await direct(ann!, ben!);
    const annSocket = await ann!.socket();
    const benSocket = await ben!.socket();
    const created = collect(benSocket, "message.created");
    const ended = collect(benSocket, "call.ended");
    const started = await annSocket.emitWithAck("call.start", { channelId: dm });
    expect(started.ok).toBe(true);
    // Ben declines at once, while Ann's browser is still loading the call.
    expect(await benSocket.emitWithAck("call.decline", { channelId: dm })).toEqual({ ok: true });
    expect((await ann!.get<{ call: CallInfo | null }>(base(dm))).body.call?.id).toBe(started.ok && started.call.id);
    expect((await join(annSocket, dm, ["audio"])).ok).toBe(true);
    // Ann hangs up: the call ends; Ben's late accept starts nothing and rings nobody.
    expect((await annSocket.emitWithAck("voice.leave")).ok).toBe(true);
    await waitFor(() => ended.length === 1);
    expect(code(await join(benSocket, dm, ["audio"]))).toBe("NO_CALL");
    await benSocket.emitWithAck("ping");
    expect(created.filter((c) => c.message.type === "call")).toHaveLength(1);
    expect((await ben!.get<CallInfo[]>("/api/v1/users/@me/calls")).body).toEqual([]);
  });

  it("a media server restart keeps the call open for the browsers' rejoin", async () => {
    const { people: [ann, ben] } = await community("Ann", "Ben");
    const dm = await direct(ann!, ben!);
    const annSocket = await ann!.socket();
    const dropped = collect(annSocket, "voice.ended");
    expect((await annSocket.emitWithAck("call.start", { channelId: dm })).ok).toBe(true);
    expect((await join(annSocket, dm, ["audio"])).ok).toBe(true);
    const callId = (await ann!.get<{ call: CallInfo | null }>(base(dm))).body.call?.id;
    const pid = (t.server.services.media as { pid?: number }).pid;
    expect(pid).toBeTypeOf("number");
    process.kill(pid!, "SIGKILL");
    await waitFor(() => dropped.length === 1, 20_000);
    expect(dropped[0]).toEqual({ channelId: dm, reason: "media_restart" });
    expect((await ann!.get<{ call: CallInfo | null }>(base(dm))).body.call?.id).toBe(callId);
    expect((await join(annSocket, dm, ["audio"])).ok).toBe(true);
    expect((await ann!.get<{ call: CallInfo | null }>(base(dm))).body.call?.id).toBe(callId);
  });

  it("a call nobody joins ends when its rings run out", async () => {
    const { people: [ann, ben] } = await community("Ann", "Ben");
    const dm = await direct(ann!, ben!);
    const benSocket = await ben!.socket();
    const ended = collect(benSocket, "call.ended");
    const updates = collect(benSocket, "message.updated");
    const started = await (await ann!.socket()).emitWithAck("call.start", { channelId: dm });
    expect(started).toMatchObject({ ok: true, call: { channelId: dm, video: false, ringing: [id(ben!)] } });
    await waitFor(() => ended.length === 1 && updates.length === 1, RING_SECONDS * 1000 + 3000);
    expect(updates[0]!.message.call).toMatchObject({ participants: [], missed: [id(ben!)] });
  });

  it("refuses strangers, a block either way and people removed from a group: at the API and on the socket", async () => {
    const { people: [ann, ben, cy], outsider, server } = await community("Ann", "Ben", "Cy");
    const dm = await direct(ann!, ben!);
    const trio = await group(ann!, ben!, cy!);
    const attempts = async (c: TestClient, channelId: string) => {
      const socket = await c.socket();
      return {
        get: (await c.get<ErrorBody>(base(channelId))).body.error?.code ?? "ok",
        start: (await start(c, channelId)).body.error?.code ?? "ok",
        ring: (await c.post<ErrorBody>(`${base(channelId)}/ring`, {})).body?.error?.code ?? "ok",
        decline: (await c.post<ErrorBody>(`${base(channelId)}/decline`)).body?.error?.code ?? "ok",
        socketStart: code(await socket.emitWithAck("call.start", { channelId })) ?? "ok",
        socketRing: code(await socket.emitWithAck("call.ring", { channelId })) ?? "ok",
        socketDecline: code(await socket.emitWithAck("call.decline", { channelId })) ?? "ok",
        join: code(await join(socket, channelId)) ?? "ok",
      };
    };
    const all = (value: string) => ({
      get: value,
      start: value,
      ring: value,
      decline: value,
      socketStart: value,
      socketRing: value,
      socketDecline: value,
      join: value,
    });

    // A stranger: as if the conversation did not exist.
    expect(await attempts(outsider, dm)).toEqual(all("NOT_FOUND"));
    expect(await attempts(outsider, trio)).toEqual(all("NOT_FOUND"));
    expect((await t.client().get(base(dm))).status).toBe(401);

    // A block, either way: the refusal a message gets, word for word.
    expect((await ben!.request("PUT", `/api/v1/users/@me/blocks/${id(ann!)}`)).status).toBe(204);
    const message = await ann!.post<ErrorBody>(`/api/v1/channels/${dm}/messages`, { content: "hello?" });
    expect(message.body.error.code).toBe("DM_REFUSED");
    const refused = await start(ann!, dm);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: message.body.error.code, message: message.body.error.message });
    expect(await attempts(ann!, dm)).toEqual(all("DM_REFUSED"));
    expect(await attempts(ben!, dm)).toEqual(all("DM_REFUSED"));
    // A group with both in it still calls.
    expect((await start(ann!, trio)).status).toBe(201);
    expect((await ben!.request("DELETE", `/api/v1/users/@me/blocks/${id(ann!)}`)).status).toBe(204);
    expect((await start(ann!, dm)).status).toBe(201);

    // Removed from the group: refused like a stranger.
    expect((await ann!.request("DELETE", `/api/v1/dms/${trio}/recipients/${id(cy!)}`)).status).toBe(204);
    expect(await attempts(cy!, trio)).toEqual(all("NOT_FOUND"));

    // A server's channels are never a call's room, and a conversation never a server's voice room.
    const voice = (await ann!.post<Channel>(`/api/v1/servers/${server.id}/channels`, { name: "lounge", type: "audio" })).body;
    const text = (await ann!.get<Channel[]>(`/api/v1/servers/${server.id}/channels`)).body.find((c) => c.type === "text")!;
    for (const channel of [voice, text]) {
      expect((await ann!.get<ErrorBody>(base(channel.id))).body.error.code).toBe("NOT_FOUND");
      expect((await start(ann!, channel.id)).body.error.code).toBe("NOT_FOUND");
      expect((await ann!.post<ErrorBody>(`${base(channel.id)}/ring`, {})).body.error.code).toBe("NOT_FOUND");
      expect((await ann!.post<ErrorBody>(`${base(channel.id)}/decline`)).body.error.code).toBe("NOT_FOUND");
      expect(code(await (await ann!.socket()).emitWithAck("call.start", { channelId: channel.id }))).toBe("NOT_FOUND");
    }
    expect((await join(await ben!.socket(), voice.id)).ok).toBe(true);
    const move = await ann!.request<ErrorBody>("PATCH", `/api/v1/servers/${server.id}/voice-states/${id(ben!)}`, { channelId: dm });
    expect(move.status).toBe(404);
    expect(move.body.error.code).toBe("NOT_FOUND");
    // Nor does a server's moderation reach someone in a call.
    const annInCall = await ann!.socket();
    expect((await join(annInCall, dm)).ok).toBe(true);
    expect((await ann!.request("PATCH", `/api/v1/servers/${server.id}/voice-states/${id(ann!)}`, { serverMute: true })).status).toBe(409);
    expect((await ann!.request("DELETE", `/api/v1/servers/${server.id}/voice-states/${id(ann!)}`)).status).toBe(409);
  });

  it("leaving or being removed from a group ends one's place in its call and stops one's ring", async () => {
    const { people: [ann, ben, cy, dee] } = await community("Ann", "Ben", "Cy", "Dee");
    const quad = await group(ann!, ben!, cy!, dee!);
    const annSocket = await ann!.socket();
    const benSocket = await ben!.socket();
    const annRings = collect(annSocket, "call.updated");
    const benEnded = collect(benSocket, "voice.ended");
    const left = collect(annSocket, "voice.left");
    expect((await annSocket.emitWithAck("call.start", { channelId: quad })).ok).toBe(true);
    expect((await join(annSocket, quad)).ok).toBe(true);
    expect((await join(benSocket, quad)).ok).toBe(true);
    await waitFor(() => annRings.length >= 2 && last(annRings)!.ringing.length === 2);

    // Cy is removed while ringing; Dee leaves while ringing; Ben is removed while in the call.
    expect((await ann!.request("DELETE", `/api/v1/dms/${quad}/recipients/${id(cy!)}`)).status).toBe(204);
    expect((await dee!.request("DELETE", `/api/v1/users/@me/channels/${quad}`)).status).toBe(204);
    await waitFor(() => last(annRings)!.ringing.length === 0);
    expect((await ann!.request("DELETE", `/api/v1/dms/${quad}/recipients/${id(ben!)}`)).status).toBe(204);
    await waitFor(() => benEnded.length === 1 && left.length === 1);
    expect(benEnded[0]).toEqual({ channelId: quad, reason: "lost_access" });
    expect(await t.server.services.voice.get(id(ben!))).toBeNull();
    // Ann is still in it.
    expect((await ann!.get<{ call: CallInfo | null }>(base(quad))).body.call).not.toBeNull();
  });

  it("a server that starts closes the calls a previous run left open", async () => {
    const { people: [ann, ben] } = await community("Ann", "Ben");
    const dm = await direct(ann!, ben!);
    const call = (await start(ann!, dm)).body.call;
    const next = await startTestServer(kind, { database: t.database, env: { CALL_RING_SECONDS: String(RING_SECONDS) } });
    try {
      const line = (await ann!.get<Message[]>(`/api/v1/channels/${dm}/messages`)).body[0]!;
      expect(line.call).toMatchObject({ id: call.id, missed: [id(ben!)] });
      expect(line.call!.endedAt).not.toBeNull();
    } finally {
      await next.close();
    }
  });

  it("a call's line cannot be edited or replied to, and search skips it", async () => {
    const { people: [ann, ben] } = await community("Ann", "Ben");
    const dm = await direct(ann!, ben!);
    const call = (await start(ann!, dm)).body.call;
    const edit = await ann!.request<ErrorBody>("PATCH", `/api/v1/channels/${dm}/messages/${call.messageId}`, { content: "rewritten" });
    expect(edit.status).toBe(400);
    expect(edit.body.error).toMatchObject({ code: "BAD_REQUEST", message: "System messages cannot be edited." });
    const reply = await ben!.post<ErrorBody>(`/api/v1/channels/${dm}/messages`, { content: "re", replyToId: call.messageId });
    expect(reply.status).toBe(400);
    expect((await ann!.post(`/api/v1/channels/${dm}/messages`, { content: "call me later" })).status).toBe(201);
    const found = await ben!.get<SearchResult>(`/api/v1/channels/${dm}/messages/search?q=${encodeURIComponent(`from:${id(ann!)}`)}`);
    expect(found.status).toBe(200);
    expect(found.body.messages.map((m) => m.content)).toEqual(["call me later"]);
    // A single message fetched around it carries the call.
    const around = (await ben!.get<Message[]>(`/api/v1/channels/${dm}/messages?around=${call.messageId}`)).body;
    expect(around.find((m) => m.id === call.messageId)).toMatchObject({ type: "call", call: { id: call.id } });
  });
});
