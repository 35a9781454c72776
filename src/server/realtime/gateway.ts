/**
 * The Socket.IO gateway. A socket authenticates with the session cookie at connect
 * (refused without one), joins `user:<id>` and the rooms of what it may see, and never
 * joins anything else on its own request.
 */
import type { Server as HttpServer } from "node:http";
import { Server as IoServer } from "socket.io";
import { fromNodeHeaders } from "better-auth/node";
import { SOCKET_PROTOCOL_VERSION, rooms } from "@/shared/events";
import { trustedOrigins } from "../config";
import { visibleChannels } from "../policies/access";
import type { Services } from "../services";
import { type SocketData, attachClientEvents, publishPresence } from "./client-events";
import type { Io } from "./publisher";


export function createGateway(httpServer: HttpServer, services: Services): Io {
  const origins = trustedOrigins(services.config);
  const io: Io = new IoServer(httpServer, {
    path: "/socket.io",
    serveClient: false,
    cors: { origin: origins, credentials: true },
    // `cors` covers long-polling only; check the WebSocket handshake's Origin here too.
    allowRequest: (req, callback) => {
      const origin = req.headers.origin;
      callback(null, !origin || origins.includes(origin));
    },
  });

  io.use(async (socket, next) => {
    try {
      const found = await services.sessions(fromNodeHeaders(socket.request.headers));
      if (!found) return next(new Error("UNAUTHORIZED"));
      (socket.data as SocketData).userId = found.user.id;
      (socket.data as SocketData).userName = found.user.name;
      (socket.data as SocketData).sessionId = found.sessionId;
      next();
    } catch (err) {
      services.log.error({ err }, "socket authentication failed");
      next(new Error("INTERNAL"));
    }
  });

  io.on("connection", async (socket) => {
    const { userId, sessionId } = socket.data as SocketData;
    try {
      const { serverIds, channelIds } = await visibleChannels(services.db, userId);
      const servers = serverIds.map(String);
      (socket.data as SocketData).serverIds = servers;
      await socket.join([rooms.user(userId), rooms.session(sessionId), ...servers.map(rooms.server), ...channelIds.map((id) => rooms.channel(id.toString()))]);
      socket.emit("ready", { userId, version: SOCKET_PROTOCOL_VERSION });
      publishPresence(io, servers, userId, services.presence.connect(userId, socket.id));
    } catch (err) {
      services.log.error({ err }, "socket room setup failed");
      socket.disconnect(true);
      return;
    }
    socket.on("ping", (ack) => {
      if (typeof ack === "function") ack({ now: Date.now() });
    });
    attachClientEvents(io, socket as Parameters<typeof attachClientEvents>[1], services);
    socket.on("disconnect", () => {
      const data = socket.data as SocketData;
      publishPresence(io, data.serverIds, userId, services.presence.disconnect(userId, socket.id));
    });
  });

  return io;
}
