/**
 * The start gate (main.ts listens before the app is built): liveness answers at once,
 * readiness says starting, other requests and upgrades wait for the app and reach the
 * listeners it attached meanwhile; a stop during the start refuses what waited.
 */
import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { checkReadiness, createReadiness } from "./readiness";
import { holdUntilReady } from "./start-gate";

const servers: http.Server[] = [];

async function listening() {
  const server = http.createServer();
  servers.push(server);
  const gate = holdUntilReady(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { server, gate, port, url: `http://127.0.0.1:${port}` };
}

afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  }
});

describe("start gate", () => {
  it("answers liveness at once and readiness as starting, and holds the rest until the app is ready", async () => {
    const t = await listening();
    const health = await fetch(`${t.url}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok", ok: true });
    const ready = await fetch(`${t.url}/api/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: "starting", checks: {} });

    let answered = false;
    const page = fetch(`${t.url}/sign-in`).then(async (res) => {
      answered = true;
      return { status: res.status, body: await res.text() };
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(answered).toBe(false);

    // The app attaches its listener while starting: it sees nothing before the release.
    const seen: string[] = [];
    t.server.on("request", (req: http.IncomingMessage, res: http.ServerResponse) => {
      seen.push(req.url ?? "");
      res.end("the app");
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen).toEqual([]);
    t.gate.release();
    expect(await page).toEqual({ status: 200, body: "the app" });
    expect(seen).toEqual(["/sign-in"]);
    // From then on, the app answers liveness too.
    expect(await (await fetch(`${t.url}/api/health`)).text()).toBe("the app");
  });

  it("hands a WebSocket upgrade made during the start to the app's upgrade listener", async () => {
    const t = await listening();
    const socket = net.connect(t.port, "127.0.0.1");
    await new Promise((resolve) => socket.once("connect", resolve));
    socket.write("GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n");
    const upgraded: string[] = [];
    t.server.on("upgrade", (req: http.IncomingMessage, s: net.Socket) => {
      upgraded.push(req.url ?? "");
      s.end("HTTP/1.1 101 Switching Protocols\r\n\r\n");
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(upgraded).toEqual([]);
    const reply = new Promise<string>((resolve) => socket.once("data", (d) => resolve(d.toString())));
    t.gate.release();
    expect(await reply).toContain("101");
    expect(upgraded).toEqual(["/socket.io/?EIO=4&transport=websocket"]);
    socket.destroy();
  });

  it("refuses what waited when the start is stopped", async () => {
    const t = await listening();
    const waiting = fetch(`${t.url}/api/v1/users/@me`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    t.gate.refuse();
    expect((await waiting).status).toBe(503);
  });
});

describe("readiness while preparing", () => {
  it("says starting, naming what is prepared still, until it is done", async () => {
    const readiness = createReadiness();
    readiness.probes.database = async () => undefined;
    readiness.preparing.add("pages");
    expect(await checkReadiness(readiness)).toEqual({ status: "starting", checks: { database: "ok" }, preparing: ["pages"] });
    readiness.preparing.delete("pages");
    expect(await checkReadiness(readiness)).toEqual({ status: "ready", checks: { database: "ok" } });
  });
});
