/**
 * The LiveKit backend without a LiveKit server: the real app, with LIVEKIT_* pointing at
 * a stand-in of LiveKit's room service on 127.0.0.1. Join tokens are read with
 * livekit-server-sdk's own verifier; the room service requests the app makes are
 * recorded; webhooks are signed as LiveKit signs them (a JWT with the body's SHA-256).
 */
import { createHash, randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AccessToken, type ClaimGrants, TokenVerifier } from "livekit-server-sdk";
import type { Channel, Invite, Role, Server } from "@/shared/api";
import type { VoiceJoinAck } from "@/shared/events";
import { Permission } from "@/shared/permissions";
import type { VoiceSlot } from "@/shared/voice";
import { ConfigError, parseConfig } from "../config";
import { pageCsp } from "../http/security-headers";
import { mediaTestDatabaseKinds } from "../testing/databases";
import { type ClientSocket, type TestClient, type TestServer, collect, startTestServer, waitFor } from "../testing/harness";
import { type StandIn, startLiveKitStandIn } from "./livekit-standin.kit";

const KEY = "giga-test-key";
const SECRET = "a-test-secret-of-more-than-32-characters";

type Joined = Extract<VoiceJoinAck, { ok: true }>;
type Failed = Extract<VoiceJoinAck, { ok: false }>;

describe("LiveKit configuration", () => {
  const base = { LIVEKIT_URL: "wss://media.example.test", LIVEKIT_API_KEY: KEY, LIVEKIT_API_SECRET: SECRET };
  it("takes the three together or none, and a browser (ws/wss) address", () => {
    expect(parseConfig(base)).toMatchObject(base);
    expect(parseConfig({}).LIVEKIT_URL).toBeUndefined();
    expect(() => parseConfig({ LIVEKIT_URL: base.LIVEKIT_URL })).toThrow(/go together/);
    expect(() => parseConfig({ ...base, LIVEKIT_API_SECRET: undefined })).toThrow(ConfigError);
    expect(() => parseConfig({ ...base, LIVEKIT_URL: "https://media.example.test" })).toThrow(/ws:\/\/ or wss:\/\//);
    expect(() => parseConfig({ ...base, LIVEKIT_API_SECRET: "short" })).toThrow(/32 characters/);
    expect(() => parseConfig({ LIVEKIT_API_URL: "https://media.internal:7880" })).toThrow(/needs LIVEKIT_URL/);
  });

  it("lets pages reach LiveKit's origin, and nothing more", () => {
    const connectSrc = (livekitUrl?: string) =>
      pageCsp("n", { https: true, host: "chat.example.test", livekitUrl })
        .split("; ")
        .find((d) => d.startsWith("connect-src"));
    expect(connectSrc()).toBe("connect-src 'self' wss://chat.example.test");
    expect(connectSrc("wss://media.example.test:7880/some/path")).toBe(
      "connect-src 'self' wss://chat.example.test wss://media.example.test:7880 https://media.example.test:7880",
    );
    expect(connectSrc("https://media.example.test")).toBe("connect-src 'self' wss://chat.example.test");
    expect(connectSrc("wss://bad host")).toBe("connect-src 'self' wss://chat.example.test");
  });
});

describe.each(mediaTestDatabaseKinds())("voice rooms on LiveKit, on %s", (kind) => {
  let t: TestServer;
  let lk: StandIn;
  beforeAll(async () => {
    lk = await startLiveKitStandIn();
    t = await startTestServer(kind, { env: { LIVEKIT_URL: lk.url, LIVEKIT_API_KEY: KEY, LIVEKIT_API_SECRET: SECRET } });
  });
  afterAll(async () => {
    await t?.close();
    await lk?.close();
  });
  beforeEach(() => {
    lk.calls.length = 0;
  });

  const verifier = new TokenVerifier(KEY, SECRET);

  async function guild() {
    const person = async (name: string) => {
      const c = t.client();
      await c.signUp(name);
      return c;
    };
    const owner = await person("Owner");
    const server = (await owner.post<Server>("/api/v1/servers", { name: "Media Guild" })).body;
    const base = `/api/v1/servers/${server.id}`;
    const invite = (await owner.post<Invite>(`${base}/invites`, {})).body;
    const [moderator, alice, bob] = [await person("Mod"), await person("Alice"), await person("Bob")];
    for (const p of [moderator, alice, bob]) expect((await p.post(`/api/v1/invites/${invite.code}`)).status).toBe(200);
    const roles = (await owner.get<Role[]>(`${base}/roles`)).body;
    const moderatorRole = roles.find((r) => r.name === "Moderator")!.id;
    expect((await owner.request("PATCH", `${base}/members/${moderator.user!.id}`, { roles: [moderatorRole] })).status).toBe(200);
    const channel = async (name: string, type: "audio" | "video") => (await owner.post<Channel>(`${base}/channels`, { name, type })).body;
    return { owner, moderator, alice, bob, server, base, lounge: await channel("lounge", "audio"), stage: await channel("stage", "video") };
  }

  const join = async (socket: ClientSocket, channelId: string, slots: VoiceSlot[] = []) =>
    (await socket.emitWithAck("voice.join", { channelId, slots })) as VoiceJoinAck;
  const deny = (owner: TestClient, channelId: string, userId: string, bits: bigint) =>
    owner.request("PUT", `/api/v1/channels/${channelId}/permissions/${userId}`, { type: "member", allow: "0", deny: bits.toString() });

  async function claimsOf(ack: VoiceJoinAck): Promise<ClaimGrants> {
    expect(ack.ok).toBe(true);
    const { connection } = ack as Joined;
    if (connection.kind !== "livekit") throw new Error(`expected a LiveKit connection, got ${connection.kind}`);
    expect(connection.url).toBe(lk.url);
    return verifier.verify(connection.token);
  }

  /** A webhook as LiveKit sends it: JSON, and a JWT over its SHA-256 in Authorization. */
  async function webhook(event: Record<string, unknown>, opts: { secret?: string; signed?: boolean; body?: string } = {}) {
    const body = opts.body ?? JSON.stringify({ id: `EV_${randomUUID()}`, createdAt: String(Math.floor(Date.now() / 1000)), ...event });
    const headers: Record<string, string> = { "content-type": "application/webhook+json" };
    if (opts.signed !== false) {
      const token = new AccessToken(KEY, opts.secret ?? SECRET, { ttl: "5m" });
      token.sha256 = createHash("sha256").update(body).digest("base64");
      headers.authorization = await token.toJwt();
    }
    const res = await fetch(`${t.url}/api/livekit/webhook`, { method: "POST", headers, body });
    return { status: res.status, body: (await res.json()) as { error?: { code: string; details?: { reason: string } } } };
  }
  const joined = (room: string, identity: string, sid = `PA_${identity}`) =>
    webhook({ event: "participant_joined", room: { name: room }, participant: { sid, identity } });
  const left = (room: string, identity: string, sid = `PA_${identity}`) =>
    webhook({ event: "participant_left", room: { name: room }, participant: { sid, identity } });

  /** The person is in LiveKit's room with a microphone (and camera) track, and LiveKit told us. */
  async function connected(room: string, userId: string) {
    let people = lk.roster.get(room);
    if (!people) lk.roster.set(room, (people = new Map()));
    people.set(userId, [
      { sid: `TR_mic_${userId}`, type: "AUDIO", source: "MICROPHONE" },
      { sid: `TR_cam_${userId}`, type: "VIDEO", source: "CAMERA" },
    ]);
    expect((await joined(room, userId)).status).toBe(200);
  }

  const callsOf = (method: string) => lk.calls.filter((c) => c.method === method);

  describe("join tokens carry our permissions as grants", () => {
    it("Connect, Speak and Video: the microphone, the camera and the screen; identity and room right; no admin", async () => {
      const g = await guild();
      const claims = await claimsOf(await join(await g.alice.socket(), g.stage.id, ["audio", "video"]));
      expect(claims.sub).toBe(g.alice.user!.id);
      expect(claims.video).toEqual({
        roomJoin: true,
        room: g.stage.id,
        canSubscribe: true,
        canPublish: true,
        canPublishSources: ["microphone", "camera", "screen_share", "screen_share_audio"],
        canPublishData: false,
        canUpdateOwnMetadata: false,
        roomAdmin: false,
        roomCreate: false,
        roomList: false,
        roomRecord: false,
        recorder: false,
        hidden: false,
      });
      // Short-lived: ten minutes.
      expect(claims.exp! - claims.nbf!).toBe(600);
    });

    it("Connect without Speak: no microphone; without Video: no camera or screen; listening always", async () => {
      const g = await guild();
      expect((await deny(g.owner, g.stage.id, g.alice.user!.id, Permission.Speak)).status).toBe(204);
      const noSpeak = await claimsOf(await join(await g.alice.socket(), g.stage.id, ["video"]));
      expect(noSpeak.video).toMatchObject({ room: g.stage.id, canSubscribe: true, canPublish: true, canPublishSources: ["camera", "screen_share", "screen_share_audio"] });

      expect((await deny(g.owner, g.lounge.id, g.bob.user!.id, Permission.Video)).status).toBe(204);
      const noVideo = await claimsOf(await join(await g.bob.socket(), g.lounge.id, ["audio"]));
      expect(noVideo.video).toMatchObject({ room: g.lounge.id, canSubscribe: true, canPublish: true, canPublishSources: ["microphone"] });

      expect((await deny(g.owner, g.lounge.id, g.moderator.user!.id, Permission.Speak | Permission.Video)).status).toBe(204);
      const listener = await claimsOf(await join(await g.moderator.socket(), g.lounge.id));
      expect(listener.video).toMatchObject({ canSubscribe: true, canPublish: false, canPublishSources: [], roomAdmin: false });
    });

    it("a timed-out member gets no token at all", async () => {
      const g = await guild();
      const until = new Date(Date.now() + 3600_000).toISOString();
      expect((await g.owner.request("PATCH", `${g.base}/members/${g.alice.user!.id}`, { timeoutUntil: until })).status).toBe(200);
      const ack = await join(await g.alice.socket(), g.lounge.id);
      expect((ack as Failed).error.code).toBe("MISSING_PERMISSIONS");
      expect("connection" in ack).toBe(false);
    });
  });

  describe("moderation goes through LiveKit's room service", () => {
    it("a server mute takes the microphone away, a server deafen stops only sound, move and disconnect remove the participant", async () => {
      const g = await guild();
      const alice = await g.alice.socket();
      const aliceId = g.alice.user!.id;
      const moved = collect(alice, "voice.moved");
      const ended = collect(alice, "voice.ended");
      await claimsOf(await join(alice, g.stage.id, ["audio", "video"]));
      expect((await join(await g.bob.socket(), g.stage.id, ["audio"])).ok).toBe(true);
      expect(lk.calls).toEqual([]);
      await connected(g.stage.id, aliceId);
      await connected(g.stage.id, g.bob.user!.id);
      expect(lk.calls).toEqual([]);
      const path = `${g.base}/voice-states/${aliceId}`;

      expect((await g.moderator.request("PATCH", path, { serverMute: true })).status).toBe(200);
      expect(lk.calls.map((c) => c.method)).toEqual(["GetParticipant", "MutePublishedTrack", "UpdateParticipant"]);
      expect(callsOf("MutePublishedTrack")[0]!.body).toEqual({ room: g.stage.id, identity: aliceId, trackSid: `TR_mic_${aliceId}`, muted: true });
      expect(callsOf("UpdateParticipant")[0]!.body).toMatchObject({
        room: g.stage.id,
        identity: aliceId,
        permission: { canSubscribe: true, canPublish: true, canPublishSources: ["CAMERA", "SCREEN_SHARE", "SCREEN_SHARE_AUDIO"] },
      });
      expect(callsOf("UpdateParticipant")[0]!.body.permission).not.toHaveProperty("canPublishData");
      // Each call is signed with our key, for that room only.
      const admin = await verifier.verify(lk.calls[0]!.token);
      expect(admin.video).toMatchObject({ roomAdmin: true, room: g.stage.id });

      lk.calls.length = 0;
      expect((await g.moderator.request("PATCH", path, { serverDeaf: true })).status).toBe(200);
      expect(lk.calls.map((c) => c.method)).toEqual(["ListParticipants", "UpdateSubscriptions"]);
      // Bob's sound, not his camera or Alice's own tracks.
      expect(callsOf("UpdateSubscriptions")[0]!.body).toMatchObject({ room: g.stage.id, identity: aliceId, trackSids: [`TR_mic_${g.bob.user!.id}`] });
      expect(callsOf("UpdateSubscriptions")[0]!.body.subscribe ?? false).toBe(false);

      lk.calls.length = 0;
      expect((await g.moderator.request("PATCH", path, { serverMute: false, serverDeaf: false })).status).toBe(200);
      expect(callsOf("UpdateParticipant")[0]!.body).toMatchObject({
        permission: { canPublishSources: ["MICROPHONE", "CAMERA", "SCREEN_SHARE", "SCREEN_SHARE_AUDIO"] },
      });
      expect(callsOf("UpdateSubscriptions")[0]!.body).toMatchObject({ identity: aliceId, subscribe: true });

      lk.calls.length = 0;
      expect((await g.moderator.request("PATCH", path, { channelId: g.lounge.id })).status).toBe(200);
      expect(lk.calls.map((c) => [c.method, c.body])).toEqual([["RemoveParticipant", { room: g.stage.id, identity: aliceId }]]);
      await waitFor(() => moved.length === 1);
      // The device joins the new room with a token for it.
      expect((await claimsOf(await join(alice, g.lounge.id, ["audio"]))).video?.room).toBe(g.lounge.id);

      lk.calls.length = 0;
      expect((await g.moderator.request("DELETE", path)).status).toBe(204);
      expect(lk.calls.map((c) => [c.method, c.body])).toEqual([["RemoveParticipant", { room: g.lounge.id, identity: aliceId }]]);
      await waitFor(() => ended.length === 1);
      expect(ended[0]).toEqual({ channelId: g.lounge.id, reason: "disconnected_by_moderator" });
    });

    it("losing Speak mid-call takes the microphone source away", async () => {
      const g = await guild();
      const aliceId = g.alice.user!.id;
      await claimsOf(await join(await g.alice.socket(), g.lounge.id, ["audio"]));
      await connected(g.lounge.id, aliceId);
      lk.calls.length = 0;
      expect((await deny(g.owner, g.lounge.id, aliceId, Permission.Speak)).status).toBe(204);
      await waitFor(() => callsOf("UpdateParticipant").length === 1);
      expect(callsOf("MutePublishedTrack")[0]!.body).toMatchObject({ identity: aliceId, trackSid: `TR_mic_${aliceId}`, muted: true });
      expect(callsOf("UpdateParticipant")[0]!.body).toMatchObject({
        room: g.lounge.id,
        identity: aliceId,
        permission: { canSubscribe: true, canPublishSources: ["CAMERA", "SCREEN_SHARE", "SCREEN_SHARE_AUDIO"] },
      });
    });
  });

  describe("a person's own mute", () => {
    it("stays in the browser: muting and unmuting oneself asks nothing of the room service", async () => {
      const g = await guild();
      const aliceId = g.alice.user!.id;
      const alice = await g.alice.socket();
      await claimsOf(await join(alice, g.lounge.id, ["audio"]));
      await connected(g.lounge.id, aliceId);
      lk.calls.length = 0;
      for (const selfMute of [true, false]) {
        const ack = await new Promise<{ ok: boolean }>((resolve) => alice.emit("voice.update", { selfMute }, resolve));
        expect(ack.ok).toBe(true);
      }
      // A moderator's mute right after does reach LiveKit: the two orders are not confused.
      expect((await g.moderator.request("PATCH", `${g.base}/voice-states/${aliceId}`, { serverMute: true })).status).toBe(200);
      expect(lk.calls.map((c) => c.method)).toEqual(["GetParticipant", "MutePublishedTrack", "UpdateParticipant"]);
    });
  });

  describe("voice state follows LiveKit's signed webhooks", () => {
    it("a participant that left ends the place; the same token reconnecting brings it back; others hear both", async () => {
      const g = await guild();
      const aliceId = g.alice.user!.id;
      const bob = await g.bob.socket();
      const states = collect(bob, "voice.state");
      const gone = collect(bob, "voice.left");
      const alice = await g.alice.socket();
      const ended = collect(alice, "voice.ended");
      await claimsOf(await join(alice, g.lounge.id, ["audio"]));
      await waitFor(() => states.length === 1);
      await connected(g.lounge.id, aliceId);

      // A notice about an older connection changes nothing.
      expect((await left(g.lounge.id, aliceId, "PA_older")).status).toBe(200);
      expect(await t.server.services.voice.get(aliceId)).toMatchObject({ channelId: g.lounge.id });

      expect((await left(g.lounge.id, aliceId)).status).toBe(200);
      await waitFor(() => gone.length === 1);
      expect(gone[0]).toEqual({ serverId: g.server.id, channelId: g.lounge.id, userId: aliceId });
      await waitFor(() => ended.length === 1);
      expect(ended[0]).toEqual({ channelId: g.lounge.id, reason: "connection_lost" });
      expect(await t.server.services.voice.get(aliceId)).toBeNull();

      expect((await joined(g.lounge.id, aliceId, "PA_again")).status).toBe(200);
      await waitFor(() => states.length === 2);
      expect(states[1]).toMatchObject({ userId: aliceId, channelId: g.lounge.id });
      expect(await t.server.services.voice.get(aliceId)).toMatchObject({ channelId: g.lounge.id, socketId: alice.id });
    });

    it("a connection the app holds no place for is removed; room_finished ends the confirmed places", async () => {
      const g = await guild();
      const aliceId = g.alice.user!.id;
      const alice = await g.alice.socket();
      await claimsOf(await join(alice, g.lounge.id, ["audio"]));
      expect((await alice.emitWithAck("voice.leave")).ok).toBe(true);
      lk.calls.length = 0;
      // Her token is still valid for minutes, but she left: LiveKit is told to drop her.
      expect((await joined(g.lounge.id, aliceId)).status).toBe(200);
      expect(lk.calls.map((c) => [c.method, c.body])).toEqual([["RemoveParticipant", { room: g.lounge.id, identity: aliceId }]]);
      expect(await t.server.services.voice.get(aliceId)).toBeNull();
      // Someone this process issued no token for is none of its business (another process may have).
      lk.calls.length = 0;
      expect((await joined(g.lounge.id, g.moderator.user!.id)).status).toBe(200);
      expect(lk.calls).toEqual([]);

      const bob = await g.bob.socket();
      await claimsOf(await join(bob, g.stage.id));
      await claimsOf(await join(await g.moderator.socket(), g.stage.id));
      await connected(g.stage.id, g.bob.user!.id);
      expect((await webhook({ event: "room_finished", room: { name: g.stage.id } })).status).toBe(200);
      expect(await t.server.services.voice.get(g.bob.user!.id)).toBeNull();
      // The moderator has a token but had not connected yet: bound for the room's next session.
      expect(await t.server.services.voice.get(g.moderator.user!.id)).toMatchObject({ channelId: g.stage.id });
    });

    it("refuses forged, unsigned, tampered, stale and replayed notices, and changes nothing", async () => {
      const g = await guild();
      const aliceId = g.alice.user!.id;
      await claimsOf(await join(await g.alice.socket(), g.lounge.id, ["audio"]));
      await connected(g.lounge.id, aliceId);
      const leave = { event: "participant_left", room: { name: g.lounge.id }, participant: { sid: `PA_${aliceId}`, identity: aliceId } };
      const refused = (r: Awaited<ReturnType<typeof webhook>>) => [r.status, r.body.error?.code, r.body.error?.details?.reason];

      expect(refused(await webhook(leave, { secret: "another-secret-of-more-than-32-characters" }))).toEqual([401, "UNAUTHORIZED", "bad_signature"]);
      expect(refused(await webhook(leave, { signed: false }))).toEqual([401, "UNAUTHORIZED", "unsigned"]);
      const old = String(Math.floor(Date.now() / 1000) - 10 * 60);
      expect(refused(await webhook({ ...leave, createdAt: old }))).toEqual([401, "UNAUTHORIZED", "stale"]);
      // Signed for one body, sent with another.
      const token = new AccessToken(KEY, SECRET, { ttl: "5m" });
      token.sha256 = createHash("sha256").update("{}").digest("base64");
      const tampered = await fetch(`${t.url}/api/livekit/webhook`, {
        method: "POST",
        headers: { authorization: await token.toJwt() },
        body: JSON.stringify({ ...leave, id: "EV_tampered", createdAt: String(Math.floor(Date.now() / 1000)) }),
      });
      expect(tampered.status).toBe(401);
      expect(await t.server.services.voice.get(aliceId)).toMatchObject({ channelId: g.lounge.id });

      const body = JSON.stringify({ ...leave, id: `EV_${randomUUID()}`, createdAt: String(Math.floor(Date.now() / 1000)) });
      // The first delivery is acted on; the same notice again is refused.
      expect((await webhook({}, { body })).status).toBe(200);
      expect(await t.server.services.voice.get(aliceId)).toBeNull();
      expect(refused(await webhook({}, { body }))).toEqual([401, "UNAUTHORIZED", "replayed"]);
    });
  });
});

describe("the webhook without LiveKit configured", () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer("pglite");
  });
  afterAll(async () => {
    await t?.close();
  });
  it("is not there", async () => {
    const res = await fetch(`${t.url}/api/livekit/webhook`, { method: "POST", body: "{}" });
    expect(res.status).toBe(404);
  });
});
