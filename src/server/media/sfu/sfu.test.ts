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
});
