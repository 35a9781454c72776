/**
 * The drain an in-process server does when it is closed (main.ts closes it on SIGTERM):
 * the request in flight is answered, a new connection is refused, readiness says
 * draining, and sockets see their transport close (so browsers reconnect), not
 * "io server disconnect".
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer, waitFor } from "../testing/harness";

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer("pglite");
});

afterAll(async () => {
  await t?.close();
});

describe("drain", () => {
  it("answers the request in flight, refuses new connections and closes sockets' transports", async () => {
    const person = t.client();
    await person.signUp("Leaving");
    const socket = await person.socket();
    const reasons: string[] = [];
    socket.on("disconnect", (reason) => reasons.push(reason));

    // A readiness check that takes a while is in flight when the drain begins.
    const { readiness } = t.server.services;
    readiness.probes.files = () => new Promise((resolve) => setTimeout(resolve, 500));
    const inFlight = fetch(`${t.url}/api/ready`);
    await new Promise((resolve) => setTimeout(resolve, 100));

    const closed = t.server.close({ graceMs: 5_000 });
    expect(readiness.draining).toBe(true);
    // No new connection is taken.
    await expect(fetch(`${t.url}/api/health`)).rejects.toThrow();

    const answered = await inFlight;
    expect(answered.status).toBe(503);
    expect(await answered.json()).toEqual({ status: "draining", checks: {} });
    await closed;
    await waitFor(() => reasons.length > 0);
    expect(reasons).toEqual(["transport close"]);
  });
});
