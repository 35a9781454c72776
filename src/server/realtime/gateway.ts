/**
 * The Socket.IO gateway. A socket authenticates with the session cookie at connect
 * (refused without one), and what it may see is read then, in the statement that also
 * checks a cached session; then every socket feature (features/index.ts) hooks its
 * connect, registers its validated handlers and hears the one disconnect. A socket joins
 * only the rooms of what it may see, never anything on its own request.
 */
import type { IncomingHttpHeaders, Server as HttpServer } from "node:http";
import { Server as IoServer } from "socket.io";
import { trustedOrigins } from "../config";
import { visibleAtConnect } from "../policies/visibility";
import type { Services } from "../services";
import { socketFeatures } from "./features";
import { floodGuard } from "./flood";
import type { Io } from "./publisher";
import { type ClientSocket, type SocketFeature, attachFeatures } from "./socket-feature";

export function createGateway(httpServer: HttpServer, services: Services, features: readonly SocketFeature<unknown>[] = socketFeatures): Io {
  const origins = trustedOrigins(services.config);
  const io: Io = new IoServer(httpServer, {
    path: "/socket.io",
    serveClient: false,
    // The largest event a client sends is a session description (the schema caps it at
    // 64,000 characters); socket.io's default would read 1 MB per message.
    maxHttpBufferSize: 96 * 1024,
    cors: { origin: origins, credentials: true },
    // `cors` covers long-polling only; check the WebSocket handshake's Origin here too.
    // A draining process takes no new socket: the client retries and reaches another one.
    allowRequest: (req, callback) => {
      const origin = req.headers.origin;
      callback(null, !services.readiness.draining && (!origin || origins.includes(origin)));
    },
  });

  io.use(async (socket, next) => {
    try {
      // A cached session (PostgreSQL) is checked by the statement that reads the socket's rooms.
      const found = await services.sessions(webHeaders(socket.request.headers), { guarded: true });
      if (!found) return next(new Error("UNAUTHORIZED"));
      const { held, serverIds, channelIds } = await visibleAtConnect(services.db, found.user.id, found.token ?? null);
      if (!held) return next(new Error("UNAUTHORIZED"));
      Object.assign(socket.data, { userId: found.user.id, userName: found.user.name, sessionId: found.sessionId, rooms: { serverIds, channelIds } });
      next();
    } catch (err) {
      services.log.error({ err }, "socket handshake failed: the session or the rooms could not be read");
      next(new Error("INTERNAL"));
    }
  });

  // The metric's label set stays bounded: a name no feature handles counts as "other".
  const known = new Set(features.flatMap((f) => Object.keys(f.handlers ?? {})));
  io.on("connection", (socket) => {
    socket.use(([event], next) => {
      services.metrics.socketEvent(known.has(event) ? event : "other");
      next();
    });
    // Before any feature's handler: a socket over its event limit is cut off.
    socket.use(floodGuard(socket as unknown as ClientSocket, services.limiter.rules["socket.events"], services.log, services.flood));
    void attachFeatures({ io, socket: socket as unknown as ClientSocket, services }, features);
  });

  return io;
}

/** A Node request's headers as web Headers (what the session resolver reads). */
function webHeaders(raw: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }
  return headers;
}
