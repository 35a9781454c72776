/**
 * The listening server while the rest of the process starts. main.ts listens before the
 * database is open and the app's modules are loaded, so a process is alive (and says so
 * on `/api/health`) at once; `/api/ready` answers 503 "starting"; every other request and
 * WebSocket upgrade is held and handed to the app once it is built: a page or an API call
 * made during the start is answered later, never refused.
 *
 * The events are held at the server's `emit`, not by a listener of our own: the app and
 * Socket.IO add their listeners while they start (Socket.IO wraps the ones already there),
 * and none of them may see a request before the app is complete.
 */
import type http from "node:http";
import type { Duplex } from "node:stream";

export interface StartGate {
  /** The app is ready: the held requests and upgrades go to its listeners, then every new one. */
  release(): void;
  /** The start failed or was stopped: the held requests get 503, the held upgrades are closed. */
  refuse(): void;
}

type Held = ["request", http.IncomingMessage, http.ServerResponse] | ["upgrade", http.IncomingMessage, Duplex, Buffer];

const json = (res: http.ServerResponse, status: number, body: unknown) =>
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" }).end(JSON.stringify(body));

/** Liveness and readiness while starting; false for anything else. */
function answerWhileStarting(req: http.IncomingMessage, res: http.ServerResponse, startedAt: number): boolean {
  const path = (req.url ?? "/").split("?")[0];
  if (path === "/api/health") {
    // The same shape as ops/routes.ts answers once started.
    json(res, 200, { status: "ok", ok: true, uptimeSeconds: Math.round((Date.now() - startedAt) / 1000), leader: false });
    return true;
  }
  if (path === "/api/ready") {
    json(res, 503, { status: "starting", checks: {} });
    return true;
  }
  return false;
}

export function holdUntilReady(server: http.Server, startedAt = Date.now()): StartGate {
  const held: Held[] = [];
  const emit = server.emit;
  // Without an "upgrade" listener Node would hand a WebSocket upgrade over as a plain request.
  const keepUpgrades = () => undefined;
  server.on("upgrade", keepUpgrades);
  server.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === "request") {
      const [req, res] = args as [http.IncomingMessage, http.ServerResponse];
      if (!answerWhileStarting(req, res, startedAt)) held.push(["request", req, res]);
      return true;
    }
    if (event === "upgrade") {
      held.push(["upgrade", ...(args as [http.IncomingMessage, Duplex, Buffer])]);
      return true;
    }
    return Reflect.apply(emit, this, [event, ...args]) as boolean;
  } as typeof server.emit;
  const open = () => {
    server.emit = emit;
    server.off("upgrade", keepUpgrades);
    return held.splice(0);
  };
  return {
    release() {
      for (const [event, ...args] of open()) server.emit(event, ...args);
    },
    refuse() {
      for (const h of open()) {
        if (h[0] === "request") json(h[2], 503, { error: { code: "UNAVAILABLE", message: "The server is stopping." } });
        else h[2].destroy();
      }
    },
  };
}
