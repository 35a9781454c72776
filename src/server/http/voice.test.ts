/**
 * Voice rooms on the server, through a real server, real sockets and the real SFU child
 * process: joining and who hears of it, refusals, one room per person, leaving,
 * occupants by visibility, moderation, and removal when access is lost. The sockets
 * ignore the media server's offers: media flow is tested with the SFU.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { AuditLogEntry, Channel, Invite, Role, Server } from "@/shared/api";
import type { VoiceJoinAck } from "@/shared/events";
import { Permission } from "@/shared/permissions";
import type { VoiceSlot, VoiceState } from "@/shared/voice";
import { mediaTestDatabaseKinds } from "../testing/databases";
import { type ClientSocket, type TestClient, type TestServer, collect, startTestServer, waitFor } from "../testing/harness";

type ErrorBody = { error: { code: string } };
type Failed = Extract<VoiceJoinAck, { ok: false }>;

describe.each(mediaTestDatabaseKinds())("voice rooms on %s", (kind) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** An owner, a moderator (the Moderator role), two members, and voice rooms: two open, one private to moderators. */
  async function guild() {
    const person = async (name: string) => {
      const c = t.client();
      await c.signUp(name);
      return c;
    };
    const owner = await person("Owner");
    const server = (await owner.post<Server>("/api/v1/servers", { name: "Voice Guild" })).body;
    const base = `/api/v1/servers/${server.id}`;
    const invite = (await owner.post<Invite>(`${base}/invites`, {})).body;
    const [moderator, alice, bob] = [await person("Mod"), await person("Alice"), await person("Bob")];
    for (const p of [moderator, alice, bob]) expect((await p.post(`/api/v1/invites/${invite.code}`)).status).toBe(200);
    const roles = (await owner.get<Role[]>(`${base}/roles`)).body;
    const role = (name: string) => roles.find((r) => r.name === name)!.id;
    expect((await owner.request("PATCH", `${base}/members/${moderator.user!.id}`, { roles: [role("Moderator")] })).status).toBe(200);
    const channel = async (name: string, type: "audio" | "video" | "text", overwrites?: unknown[]) => {
      const reply = await owner.post<Channel>(`${base}/channels`, { name, type, ...(overwrites ? { overwrites } : {}) });
      expect(reply.status).toBe(201);
      return reply.body;
    };
    const lounge = await channel("lounge", "audio");
    const stage = await channel("stage", "video");
    const staff = await channel("staff", "audio", [
      { id: server.id, type: "role", deny: Permission.ViewChannel.toString() },
      { id: role("Moderator"), type: "role", allow: Permission.ViewChannel.toString() },
    ]);
    const text = await channel("chat", "text");
    return { owner, moderator, alice, bob, server, base, invite, lounge, stage, staff, text };
  }

  const join = (socket: ClientSocket, channelId: string, slots: VoiceSlot[] = ["audio"]) =>
    socket.emitWithAck("voice.join", { channelId, slots });
  const code = (ack: VoiceJoinAck | { ok: boolean }) => (ack as Failed).error?.code;
  const setOverwrite = (owner: TestClient, channelId: string, targetId: string, type: "role" | "member", o: { allow?: bigint; deny?: bigint }) =>
    owner.request("PUT", `/api/v1/channels/${channelId}/permissions/${targetId}`, {
      type,
      allow: (o.allow ?? 0n).toString(),
      deny: (o.deny ?? 0n).toString(),
    });

  it("a join is acked with the connection and the room, and every viewer hears the new state", async () => {
    const g = await guild();
    const bobSocket = await g.bob.socket();
    const states = collect(bobSocket, "voice.state");
    const aliceSocket = await g.alice.socket();
    const ack = await join(aliceSocket, g.lounge.id, ["audio", "video"]);
    expect(ack).toMatchObject({ ok: true, connection: { kind: "embedded", iceServers: [] } });
    const mine = (ack as Extract<VoiceJoinAck, { ok: true }>).states;
    expect(mine).toEqual([
      expect.objectContaining({ userId: g.alice.user!.id, channelId: g.lounge.id, serverId: g.server.id, selfMute: false, camera: true }),
    ]);
    await waitFor(() => states.length === 1);
    expect(states[0]).toEqual(mine[0]);
    expect(await t.server.services.media.participants(g.lounge.id)).toEqual([g.alice.user!.id]);

    const bobAck = await join(bobSocket, g.lounge.id, []);
    expect((bobAck as Extract<VoiceJoinAck, { ok: true }>).states.map((s) => s.userId).sort()).toEqual([g.alice.user!.id, g.bob.user!.id].sort());
  });

  it("refuses rooms one may not enter: unseen rooms answer like missing ones, missing Connect or Speak is said", async () => {
    const g = await guild();
    const outsider = t.client();
    await outsider.signUp("Outsider");
    const outsiderSocket = await outsider.socket();
    expect(code(await join(outsiderSocket, g.lounge.id))).toBe("NOT_FOUND");
    expect(code(await join(outsiderSocket, "123456789"))).toBe("NOT_FOUND");

    const alice = await g.alice.socket();
    expect(code(await join(alice, g.staff.id))).toBe("NOT_FOUND");
    expect(code(await join(alice, g.text.id))).toBe("BAD_REQUEST");
    expect((await join(await g.moderator.socket(), g.staff.id)).ok).toBe(true);

    expect((await setOverwrite(g.owner, g.lounge.id, g.alice.user!.id, "member", { deny: Permission.Connect })).status).toBe(204);
    expect(code(await join(alice, g.lounge.id))).toBe("MISSING_PERMISSIONS");

    // Without Speak: no microphone slot, at the join or later; listening is fine.
    expect((await setOverwrite(g.owner, g.stage.id, g.alice.user!.id, "member", { deny: Permission.Speak })).status).toBe(204);
    expect(code(await join(alice, g.stage.id, ["audio"]))).toBe("MISSING_PERMISSIONS");
    expect((await join(alice, g.stage.id, ["video"])).ok).toBe(true);
    expect(code(await alice.emitWithAck("voice.publish", { slot: "audio" }))).toBe("MISSING_PERMISSIONS");
    expect((await alice.emitWithAck("voice.publish", { slot: "screen" })).ok).toBe(true);
  });

  it("a timed-out member cannot speak: refused at the join, and a timeout mid-call takes them out", async () => {
    const g = await guild();
    const alice = await g.alice.socket();
    const ended = collect(alice, "voice.ended");
    expect((await join(alice, g.lounge.id)).ok).toBe(true);
    const until = new Date(Date.now() + 3600_000).toISOString();
    expect((await g.owner.request("PATCH", `${g.base}/members/${g.alice.user!.id}`, { timeoutUntil: until })).status).toBe(200);
    await waitFor(() => ended.length === 1);
    expect(ended[0]).toEqual({ channelId: g.lounge.id, reason: "lost_access" });
    expect(await t.server.services.voice.get(g.alice.user!.id)).toBeNull();
    expect(code(await join(alice, g.lounge.id, ["audio"]))).toBe("MISSING_PERMISSIONS");
  });

  it("joining elsewhere ends the old place: another room, or the same person on another device", async () => {
    const g = await guild();
    const watcher = await g.bob.socket();
    const left = collect(watcher, "voice.left");
    const first = await g.alice.socket();
    const firstEnded = collect(first, "voice.ended");
    expect((await join(first, g.lounge.id)).ok).toBe(true);
    expect((await join(first, g.stage.id)).ok).toBe(true);
    await waitFor(() => left.length === 1);
    expect(left[0]).toEqual({ serverId: g.server.id, channelId: g.lounge.id, userId: g.alice.user!.id });

    const second = await g.alice.socket();
    expect((await join(second, g.stage.id)).ok).toBe(true);
    await waitFor(() => firstEnded.length === 1);
    expect(firstEnded[0]).toEqual({ channelId: g.stage.id, reason: "joined_elsewhere" });
    expect(await t.server.services.voice.get(g.alice.user!.id)).toMatchObject({ channelId: g.stage.id, socketId: second.id });
    // The old device no longer drives the place.
    expect(code(await first.emitWithAck("voice.update", { selfMute: true }))).toBe("NOT_IN_VOICE");
    expect(code(await first.emitWithAck("voice.leave"))).toBe("NOT_IN_VOICE");
    expect(await t.server.services.media.participants(g.lounge.id)).toEqual([]);
  });

  it("leaving and disconnecting tell the room's viewers", async () => {
    const g = await guild();
    const watcher = await g.bob.socket();
    const left = collect(watcher, "voice.left");
    const alice = await g.alice.socket();
    expect((await join(alice, g.lounge.id)).ok).toBe(true);
    expect((await alice.emitWithAck("voice.leave")).ok).toBe(true);
    await waitFor(() => left.length === 1);
    expect(code(await alice.emitWithAck("voice.leave"))).toBe("NOT_IN_VOICE");

    expect((await join(alice, g.stage.id)).ok).toBe(true);
    alice.disconnect();
    await waitFor(() => left.length === 2);
    expect(left[1]).toEqual({ serverId: g.server.id, channelId: g.stage.id, userId: g.alice.user!.id });
    expect(await t.server.services.voice.get(g.alice.user!.id)).toBeNull();
  });

  it("self flags: deafening mutes, the state goes to viewers; speaking is relayed only when not muted", async () => {
    const g = await guild();
    const watcher = await g.bob.socket();
    const states = collect(watcher, "voice.state");
    const speaking = collect(watcher, "voice.speaking");
    const alice = await g.alice.socket();
    expect((await join(alice, g.lounge.id)).ok).toBe(true);
    alice.emit("voice.speaking", { speaking: true });
    await waitFor(() => speaking.length === 1);
    expect(speaking[0]).toEqual({ channelId: g.lounge.id, userId: g.alice.user!.id, speaking: true });
    expect((await alice.emitWithAck("voice.update", { selfDeaf: true })).ok).toBe(true);
    await waitFor(() => states.length === 2);
    expect(states[1]).toMatchObject({ selfMute: true, selfDeaf: true });
    alice.emit("voice.speaking", { speaking: true });
    // An ack comes after anything the server sent before it: nothing more is due.
    expect((await alice.emitWithAck("voice.update", { camera: true })).ok).toBe(true);
    await waitFor(() => states.length === 3);
    expect(speaking).toHaveLength(1);
  });

  it("lists the occupants of the rooms the viewer may see", async () => {
    const g = await guild();
    expect((await join(await g.alice.socket(), g.lounge.id)).ok).toBe(true);
    expect((await join(await g.moderator.socket(), g.staff.id)).ok).toBe(true);
    const seen = async (c: TestClient) => (await c.get<VoiceState[]>(`${g.base}/voice-states`)).body.map((s) => s.channelId).sort();
    expect(await seen(g.bob)).toEqual([g.lounge.id]);
    expect(await seen(g.owner)).toEqual([g.lounge.id, g.staff.id].sort());
    const outsider = t.client();
    await outsider.signUp("Nosy");
    expect((await outsider.get(`${g.base}/voice-states`)).status).toBe(403);
  });

  it("server mute, deafen, move and disconnect need their permissions and take effect at once", async () => {
    const g = await guild();
    const alice = await g.alice.socket();
    const moved = collect(alice, "voice.moved");
    const ended = collect(alice, "voice.ended");
    expect((await join(alice, g.lounge.id)).ok).toBe(true);
    const path = `${g.base}/voice-states/${g.alice.user!.id}`;

    const refused = await g.bob.request<ErrorBody>("PATCH", path, { serverMute: true });
    expect([refused.status, refused.body.error.code]).toEqual([403, "MISSING_PERMISSIONS"]);
    expect((await g.bob.request("DELETE", path)).status).toBe(403);
    const invalid = await g.moderator.request<ErrorBody>("PATCH", path, {});
    expect(invalid.body.error.code).toBe("VALIDATION_FAILED");

    const muted = await g.moderator.request<VoiceState>("PATCH", path, { serverMute: true, serverDeaf: true });
    expect(muted.status).toBe(200);
    expect(muted.body).toMatchObject({ serverMute: true, serverDeaf: true, channelId: g.lounge.id });
    // A self-unmute does not lift a server mute.
    expect((await alice.emitWithAck("voice.update", { selfMute: false })).ok).toBe(true);
    expect(await t.server.services.voice.get(g.alice.user!.id)).toMatchObject({ serverMute: true, selfMute: false });

    // Moving needs Move Members, and a room the person moved may be in (Alice cannot see the staff room).
    const notMod = await g.bob.request<ErrorBody>("PATCH", path, { channelId: g.stage.id });
    expect([notMod.status, notMod.body.error.code]).toEqual([403, "MISSING_PERMISSIONS"]);
    const cannot = await g.moderator.request<ErrorBody>("PATCH", path, { channelId: g.staff.id });
    expect([cannot.status, cannot.body.error.code]).toEqual([403, "FORBIDDEN"]);
    const move = await g.moderator.request<VoiceState>("PATCH", path, { channelId: g.stage.id });
    expect(move.status).toBe(200);
    await waitFor(() => moved.length === 1);
    expect(moved[0]).toEqual({ fromChannelId: g.lounge.id, toChannelId: g.stage.id });
    // The device rejoins the new room by itself, keeping the server mute.
    const rejoined = await join(alice, g.stage.id);
    expect((rejoined as Extract<VoiceJoinAck, { ok: true }>).states).toEqual([expect.objectContaining({ serverMute: true })]);
    expect(ended).toEqual([]);

    expect((await g.moderator.request("DELETE", path)).status).toBe(204);
    await waitFor(() => ended.length === 1);
    expect(ended[0]).toEqual({ channelId: g.stage.id, reason: "disconnected_by_moderator" });
    const again = await g.moderator.request<ErrorBody>("DELETE", path);
    expect([again.status, again.body.error.code]).toEqual([409, "NOT_IN_VOICE"]);
  });

  it("a server mute stays on the member: leaving and coming back does not lift it, a moderator does", async () => {
    const g = await guild();
    const alice = await g.alice.socket();
    const path = `${g.base}/voice-states/${g.alice.user!.id}`;
    const rejoin = async () => {
      expect((await alice.emitWithAck("voice.leave")).ok).toBe(true);
      const ack = await join(alice, g.lounge.id);
      return (ack as Extract<VoiceJoinAck, { ok: true }>).states.find((s) => s.userId === g.alice.user!.id);
    };
    expect((await join(alice, g.lounge.id)).ok).toBe(true);
    expect((await g.moderator.request("PATCH", path, { serverMute: true, serverDeaf: true })).status).toBe(200);
    expect(await rejoin()).toMatchObject({ serverMute: true, serverDeaf: true });
    expect((await g.moderator.request("PATCH", path, { serverMute: false, serverDeaf: false })).status).toBe(200);
    expect(await rejoin()).toMatchObject({ serverMute: false, serverDeaf: false });
  });

  it("server mute, deafen, move and disconnect are in the audit log, with who did it to whom", async () => {
    const g = await guild();
    const alice = await g.alice.socket();
    expect((await join(alice, g.lounge.id)).ok).toBe(true);
    const path = `${g.base}/voice-states/${g.alice.user!.id}`;
    expect((await g.moderator.request("PATCH", path, { serverMute: true })).status).toBe(200);
    expect((await g.moderator.request("PATCH", path, { channelId: g.stage.id })).status).toBe(200);
    expect((await g.moderator.request("DELETE", path)).status).toBe(204);
    const log = (await g.owner.get<AuditLogEntry[]>(`${g.base}/audit-log`)).body.filter((e) => e.action.startsWith("member."));
    expect(log.map((e) => [e.action, e.actor?.id, e.targetId, e.targetName, e.changes])).toEqual([
      ["member.disconnect", g.moderator.user!.id, g.alice.user!.id, "Alice", [{ key: "channel", before: { id: g.stage.id, name: "stage" }, after: null }]],
      [
        "member.move",
        g.moderator.user!.id,
        g.alice.user!.id,
        "Alice",
        [{ key: "channel", before: { id: g.lounge.id, name: "lounge" }, after: { id: g.stage.id, name: "stage" } }],
      ],
      ["member.voice", g.moderator.user!.id, g.alice.user!.id, "Alice", [{ key: "serverMute", before: false, after: true }]],
      // The Moderator role given in the set-up.
      ["member.roles", g.owner.user!.id, g.moderator.user!.id, "Mod", expect.any(Array)],
    ]);
  });

  it("a person who is kicked or loses View Channel mid-call is removed at once", async () => {
    const g = await guild();
    const watcher = await g.owner.socket();
    const left = collect(watcher, "voice.left");
    const alice = await g.alice.socket();
    const bob = await g.bob.socket();
    const aliceEnded = collect(alice, "voice.ended");
    const bobEnded = collect(bob, "voice.ended");
    expect((await join(alice, g.lounge.id)).ok).toBe(true);
    expect((await join(bob, g.lounge.id)).ok).toBe(true);

    expect((await g.owner.request("DELETE", `${g.base}/members/${g.alice.user!.id}`, {})).status).toBe(204);
    await waitFor(() => aliceEnded.length === 1);
    expect(aliceEnded[0]).toEqual({ channelId: g.lounge.id, reason: "lost_access" });

    expect((await setOverwrite(g.owner, g.lounge.id, g.bob.user!.id, "member", { deny: Permission.ViewChannel })).status).toBe(204);
    await waitFor(() => bobEnded.length === 1);
    expect(bobEnded[0]).toEqual({ channelId: g.lounge.id, reason: "lost_access" });
    await waitFor(() => left.length === 2);
    expect(await t.server.services.media.participants(g.lounge.id)).toEqual([]);
  });

  it("losing Speak mid-call stops forwarding their audio, without taking them out", async () => {
    const g = await guild();
    const alice = await g.alice.socket();
    const ended = collect(alice, "voice.ended");
    expect((await join(alice, g.lounge.id)).ok).toBe(true);
    const forwarded: Array<{ roomId: string; userId: string; audio: boolean }> = [];
    const media = t.server.services.media;
    // Watched on its way to the real media server.
    const original = media.setForwarding.bind(media);
    const spy = vi.spyOn(media, "setForwarding").mockImplementation(async (peer, forwarding) => {
      forwarded.push({ roomId: peer.roomId, userId: peer.userId, audio: forwarding.audio });
      await original(peer, forwarding);
    });
    try {
      expect((await setOverwrite(g.owner, g.lounge.id, g.alice.user!.id, "member", { deny: Permission.Speak })).status).toBe(204);
      await waitFor(() => forwarded.some((f) => f.userId === g.alice.user!.id && f.roomId === g.lounge.id && !f.audio));
    } finally {
      spy.mockRestore();
    }
    expect(ended).toEqual([]);
    expect(await t.server.services.voice.get(g.alice.user!.id)).toMatchObject({ channelId: g.lounge.id });
  });

  it("a deleted room ends everyone's place in it", async () => {
    const g = await guild();
    const alice = await g.alice.socket();
    const ended = collect(alice, "voice.ended");
    expect((await join(alice, g.stage.id)).ok).toBe(true);
    expect((await g.owner.request("DELETE", `/api/v1/channels/${g.stage.id}`)).status).toBe(204);
    await waitFor(() => ended.length === 1);
    expect(ended[0]).toEqual({ channelId: g.stage.id, reason: "channel_deleted" });
  });

  it("answers malformed payloads with VALIDATION_FAILED, and signaling without a place with NOT_IN_VOICE", async () => {
    const g = await guild();
    const alice = await g.alice.socket();
    const raw = alice as unknown as { emitWithAck(event: string, payload?: unknown): Promise<{ ok: boolean; error?: { code: string } }> };
    expect((await raw.emitWithAck("voice.join", { channelId: "lounge" })).error?.code).toBe("VALIDATION_FAILED");
    expect((await raw.emitWithAck("voice.join", { channelId: g.lounge.id, slots: ["hologram"] })).error?.code).toBe("VALIDATION_FAILED");
    expect((await raw.emitWithAck("voice.answer", { sdp: "" })).error?.code).toBe("VALIDATION_FAILED");
    expect((await raw.emitWithAck("voice.candidate", { candidate: { candidate: 5 } })).error?.code).toBe("VALIDATION_FAILED");
    expect((await raw.emitWithAck("voice.update", {})).error?.code).toBe("VALIDATION_FAILED");
    expect((await raw.emitWithAck("voice.publish", { slot: "smell" })).error?.code).toBe("VALIDATION_FAILED");
    expect((await raw.emitWithAck("voice.answer", { sdp: "v=0" })).error?.code).toBe("NOT_IN_VOICE");

    expect((await join(alice, g.lounge.id)).ok).toBe(true);
    expect((await raw.emitWithAck("voice.answer", { sdp: "not a session description" })).error?.code).toBe("BAD_REQUEST");
    expect((await alice.emitWithAck("voice.update", { selfMute: true })).ok).toBe(true);
  });

  it("a media server crash ends every place with media_restart, and the room takes joins again after the restart", async () => {
    const g = await guild();
    const alice = await g.alice.socket();
    const ended = collect(alice, "voice.ended");
    expect((await join(alice, g.lounge.id)).ok).toBe(true);
    const pid = (t.server.services.media as { pid?: number }).pid;
    expect(pid).toBeTypeOf("number");
    process.kill(pid!, "SIGKILL");
    await waitFor(() => ended.length === 1, 20_000);
    expect(ended[0]).toEqual({ channelId: g.lounge.id, reason: "media_restart" });
    expect(await t.server.services.voice.get(g.alice.user!.id)).toBeNull();
    expect((await join(alice, g.lounge.id)).ok).toBe(true);
    expect(await t.server.services.media.participants(g.lounge.id)).toEqual([g.alice.user!.id]);
  });
});
