/**
 * The socket's own rooms: `user:<id>`, `session:<id>`, and the rooms of every server and
 * channel the person may see (read at the handshake), joined at connect; then `ready`. Later changes move
 * sockets between rooms through the publisher (realtime/publisher.ts), so the rooms are
 * always the socket's current view (presence, for one, goes to its server rooms).
 */
import { z } from "zod";
import { SOCKET_PROTOCOL_VERSION, rooms } from "@/shared/events";
import { defineFeature } from "../socket-feature";

export const connectionFeature = defineFeature({
  name: "connection",
  async connected({ socket }) {
    const { userId, sessionId } = socket.data;
    // Read at the handshake, with the session's check (gateway.ts).
    const { serverIds, channelIds } = socket.data.rooms!;
    delete socket.data.rooms;
    await socket.join([
      rooms.user(userId),
      rooms.session(sessionId),
      ...serverIds.map((id) => rooms.server(id.toString())),
      ...channelIds.map((id) => rooms.channel(id.toString())),
    ]);
    socket.emit("ready", { userId, version: SOCKET_PROTOCOL_VERSION });
  },
  handlers: {
    ping: { input: z.undefined(), handle: () => ({ now: Date.now() }) },
  },
});
