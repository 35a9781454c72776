/**
 * Media through TURN: two peers that may only use relayed candidates
 * (`iceTransportPolicy: "relay"`) reach the embedded SFU through a real coturn on
 * 127.0.0.1, with credentials minted the way joins mint them, and media flows both ways.
 */
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type TestTurn, startTestTurn } from "../testing/coturn";
import { type EmbeddedBackend, createEmbeddedBackend } from "./embedded";
import { TestClient } from "./sfu/test-client";
import { iceServersFor } from "./turn";

describe("media through TURN", () => {
  let turn: TestTurn;
  let backend: EmbeddedBackend;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    turn = await startTestTurn();
    backend = createEmbeddedBackend({ listenIp: "127.0.0.1" }, pino({ level: "silent" }));
    backend.onSignal((signal) => {
      for (const client of clients) client.onSignal(signal);
    });
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await backend?.close();
    await turn?.stop();
  });

  it("flows both ways with relayed candidates only", async () => {
    const room = "relay-room";
    for (const userId of ["ann", "bob"]) {
      const iceServers = iceServersFor({ urls: [turn.url], secret: turn.secret, ttlSeconds: 600 }, userId);
      const client = new TestClient(backend, room, userId, { iceServers, iceTransportPolicy: "relay" });
      client.produce("audio");
      client.produce("video");
      clients.push(client);
      await backend.join({ roomId: room, userId, socketId: `s-${userId}` }, { slots: ["audio", "video"], canSpeak: true, canVideo: true, deaf: false });
    }
    const [ann, bob] = clients as [TestClient, TestClient];
    const wait = { timeout: 30_000, interval: 100 };
    await vi.waitFor(() => {
      expect(ann.from("bob", "audio")).toBeGreaterThan(10);
      expect(ann.from("bob", "video")).toBeGreaterThan(10);
      expect(bob.from("ann", "audio")).toBeGreaterThan(10);
      expect(bob.from("ann", "video")).toBeGreaterThan(10);
    }, wait);
    // Every candidate the clients offered is a relayed one: nothing went around the TURN server.
    for (const client of clients) {
      const sdp = client.pc.localDescription?.sdp ?? "";
      const types = [...sdp.matchAll(/a=candidate:\S+ \d+ \S+ \d+ \S+ \d+ typ (\w+)/g)].map((m) => m[1]);
      expect(types.length).toBeGreaterThan(0);
      expect(new Set(types)).toEqual(new Set(["relay"]));
    }
  });
});
