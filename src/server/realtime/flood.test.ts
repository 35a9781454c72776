/**
 * The socket flood guard with real socket.io clients: the 121st event in the window
 * disconnects the socket (and is not handled); the person's other socket stays; the
 * volatile voice.speaking signal does not count. The window is long so a slow machine
 * cannot let events leave it mid-test.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer, waitFor } from "../testing/harness";

describe("socket flood guard", () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer("pglite", { realSendLimits: true, env: { LIMIT_SOCKET_EVENTS: "120/3600" } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("disconnects a socket at its 121st event, and only that socket", async () => {
    const person = t.client();
    await person.signUp("Flooder");
    const [flooder, calm] = [await person.socket(), await person.socket()];
    const reasons: string[] = [];
    flooder.on("disconnect", (reason) => reasons.push(reason));
    // Not counted: a voice activity detector's signal (dropped quietly above its own rate).
    for (let i = 0; i < 200; i++) flooder.emit("voice.speaking", { speaking: i % 2 === 0 });
    const answered = await Promise.all(Array.from({ length: 120 }, () => flooder.emitWithAck("ping")));
    expect(answered).toHaveLength(120);
    expect(flooder.connected).toBe(true);
    let lastAnswered = false;
    flooder.emit("ping", () => (lastAnswered = true));
    await waitFor(() => reasons.length === 1);
    expect(reasons).toEqual(["io server disconnect"]);
    expect(lastAnswered).toBe(false);
    expect(calm.connected).toBe(true);
    expect(await calm.emitWithAck("ping")).toMatchObject({ now: expect.any(Number) });
  });
});
