import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import pino from "pino";
import type { VoiceSlot } from "@/shared/voice";
import { createEmbeddedBackend, type EmbeddedBackend } from "../embedded";
import type { MediaSignal } from "../types";
import { TestClient } from "./test-client";

const wait = { timeout: 20_000, interval: 50 };
let backend: EmbeddedBackend;
const clients: TestClient[] = [];
const signals: MediaSignal[] = [];
let roomCount = 0;

beforeAll(() => {
  backend = createEmbeddedBackend({ listenIp: "127.0.0.1" }, pino({ level: "silent" }));
  backend.onSignal((signal) => {
    signals.push(signal);
    for (const client of clients) client.onSignal(signal);
  });
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

afterAll(async () => {
  await backend.close();
});

const newRoom = () => `room-${++roomCount}`;

async function join(roomId: string, userId: string, slots: VoiceSlot[], opts: { deaf?: boolean } = {}): Promise<TestClient> {
  const client = new TestClient(backend, roomId, userId);
  for (const slot of slots) client.produce(slot);
  clients.push(client);
  const connection = await backend.join({ roomId, userId, socketId: `s-${userId}` }, { slots, canSpeak: true, canVideo: true, deaf: opts.deaf ?? false });
  expect(connection).toEqual({ kind: "embedded", iceServers: [] });
  return client;
}

/** Waits until a client's count from a publisher's slot grows past its current value. */
async function grows(client: TestClient, userId: string, slot: VoiceSlot): Promise<void> {
  const before = client.from(userId, slot);
  await vi.waitFor(() => expect(client.from(userId, slot)).toBeGreaterThan(before + 5), wait);
}

describe("embedded SFU", () => {
  it("forwards each peer's audio and video to the others", async () => {
    const room = newRoom();
    const a = await join(room, "a", ["audio", "video"]);
    const b = await join(room, "b", ["audio", "video"]);
    for (const [rx, tx] of [
      [a, "b"],
      [b, "a"],
    ] as const) {
      await grows(rx, tx, "audio");
      await grows(rx, tx, "video");
    }
    expect(await backend.participants(room)).toEqual(expect.arrayContaining(["a", "b"]));
    const stats = await backend.stats();
    const peerA = stats.peers.find((p) => p.roomId === room && p.userId === "a");
    expect(peerA?.packetsForwarded).toBeGreaterThan(0);
    expect(peerA?.packetsReceived).toBeGreaterThan(0);
    expect(stats.rssBytes).toBeGreaterThan(0);
  });

  it("sends a late joiner everyone already publishing", async () => {
    const room = newRoom();
    const a = await join(room, "a", ["audio", "video"]);
    const b = await join(room, "b", ["audio", "video"]);
    await grows(a, "b", "video");
    const late = await join(room, "late", []);
    for (const from of ["a", "b"]) {
      await grows(late, from, "audio");
      await grows(late, from, "video");
    }
    await grows(b, "a", "audio");
  });

  it("forwards a screen share started mid-call after renegotiating, and stops it on unpublish", async () => {
    const room = newRoom();
    const a = await join(room, "a", ["audio"]);
    const b = await join(room, "b", ["audio"]);
    await grows(b, "a", "audio");
    const offersBefore = b.offers;
    a.produce("screen");
    await backend.publish({ roomId: room, userId: "a" }, "screen");
    await grows(b, "a", "screen");
    expect(b.offers).toBeGreaterThan(offersBefore);
    await backend.unpublish({ roomId: room, userId: "a" }, "screen");
    await stopsWhileOtherGrows(b, ["a", "screen"], ["a", "audio"]);
  });

  it("stops forwarding a server-muted peer's audio while video continues, and sends a deaf peer no audio", async () => {
    const room = newRoom();
    const a = await join(room, "a", ["audio", "video"]);
    const b = await join(room, "b", ["audio", "video"]);
    const deaf = await join(room, "deaf", [], { deaf: true });
    await grows(b, "a", "audio");
    await grows(deaf, "a", "video");
    expect(deaf.from("a", "audio") + deaf.from("b", "audio")).toBe(0);
    const offers = b.offers;
    await backend.setForwarding({ roomId: room, userId: "a" }, { audio: false, video: true, deaf: false });
    await stopsWhileOtherGrows(b, ["a", "audio"], ["a", "video"]);
    await grows(a, "b", "audio");
    expect(b.offers).toBe(offers);
    await backend.setForwarding({ roomId: room, userId: "a" }, { audio: true, video: true, deaf: false });
    await grows(b, "a", "audio");
  });

  it("stops forwarding and forgets the peer on leave", async () => {
    const room = newRoom();
    const a = await join(room, "a", ["audio", "video"]);
    await join(room, "b", ["audio", "video"]);
    await join(room, "c", ["audio", "video"]);
    await grows(a, "b", "video");
    await grows(a, "c", "video");
    await backend.leave({ roomId: room, userId: "b" });
    expect((await backend.participants(room)).sort()).toEqual(["a", "c"]);
    await stopsWhileOtherGrows(a, ["b", "video"], ["c", "video"]);
    expect((await backend.stats()).peers.filter((p) => p.roomId === room).map((p) => p.userId).sort()).toEqual(["a", "c"]);
  });

  it("refuses malformed SDP, candidates, unknown slots and unknown peers, and keeps running", async () => {
    const room = newRoom();
    const pid = backend.pid;
    await join(room, "a", ["audio"]);
    const a = { roomId: room, userId: "a" };
    await vi.waitFor(() => expect(signals.some((s) => s.type === "offer" && s.roomId === room)).toBe(true), wait);
    await expect(backend.answer(a, "not an sdp")).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(backend.answer(a, "v=0\r\no=- 0 0 IN IP4 0.0.0.0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=garbage\r\n")).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(backend.candidate(a, { candidate: "candidate:bogus", sdpMid: "0" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(backend.publish(a, "camera" as VoiceSlot)).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(backend.answer({ roomId: room, userId: "nobody" }, "v=0")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(backend.setForwarding({ roomId: "no-room", userId: "a" }, { audio: true, video: true, deaf: false })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(backend.pid).toBe(pid);
    expect(await backend.participants(room)).toEqual(["a"]);
  });

  // Last: it replaces the child every other test used.
  it("restarts a killed SFU, tells the listeners, and serves new joins", async () => {
    const pid = backend.pid;
    expect(pid).toBeDefined();
    const restartsBefore = signals.filter((s) => s.type === "restarted").length;
    process.kill(pid as number, "SIGKILL");
    await vi.waitFor(() => expect(signals.filter((s) => s.type === "restarted").length).toBe(restartsBefore + 1), wait);
    expect(backend.pid).not.toBe(pid);
    const room = newRoom();
    const a = await join(room, "a", ["audio", "video"]);
    const b = await join(room, "b", ["audio", "video"]);
    await grows(a, "b", "video");
    await grows(b, "a", "audio");
  });
});

/** The `stopped` stream stays (nearly) still while `other` keeps flowing: a few packets may be in flight. */
async function stopsWhileOtherGrows(client: TestClient, stopped: [string, VoiceSlot], other: [string, VoiceSlot]): Promise<void> {
  const still = client.from(...stopped);
  const flowing = client.from(...other);
  await vi.waitFor(() => expect(client.from(...other)).toBeGreaterThan(flowing + 50), wait);
  expect(client.from(...stopped) - still).toBeLessThanOrEqual(5);
}
