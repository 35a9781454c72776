/**
 * A flood in a busy room: one person sends 10× their limit while 20 others chat. The
 * flooder is refused (429), the others never are, and every accepted message reaches
 * every member's socket exactly once. The send window is long, so whatever the
 * machine's speed each chatter's 5 messages fit their burst and the flooder gets exactly
 * theirs. (Latency with and without the flood is measured by bench/flood.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer } from "../testing/harness";
import { chat, chatRoom } from "./chat-flood";

describe("a flood among 20 people chatting", () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer("pglite", { realSendLimits: true, env: { SEND_BURST: "5", SEND_WINDOW_SECONDS: "3600" } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("refuses only the flooder, and every accepted message arrives exactly once everywhere", async () => {
    const room = await chatRoom(() => t.client(), 21);
    const chatters = Array.from({ length: 20 }, (_, i) => i + 1);
    const run = await chat(room, { chatters, messagesEach: 5, intervalMs: 20, flooder: 0, floodSends: 50, deliveryTimeoutMs: 30_000 });

    expect(run.chatterStatuses).toEqual(Array(100).fill(201));
    expect(run.flooderStatuses.filter((s) => s === 201)).toHaveLength(5);
    expect(run.flooderStatuses.filter((s) => s === 429)).toHaveLength(45);
    expect(run.accepted.size).toBe(105);
    for (const arrivals of run.arrivals) {
      expect([...arrivals.keys()].sort()).toEqual([...run.accepted.keys()].sort());
      expect([...arrivals.values()].every((n) => n === 1)).toBe(true);
    }
  }, 120_000);
});
