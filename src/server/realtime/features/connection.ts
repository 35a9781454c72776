/**
 * The socket's own rooms: `user:<id>`, `session:<id>`, and the rooms of every server and
 * channel the person may see, joined at connect; then `ready`. Later changes move
 * sockets between rooms through the publisher (realtime/publisher.ts).
 */
import { z } from "zod";
import { SOCKET_PROTOCOL_VERSION, rooms } from "@/shared/events";
import { visibleChannels } from "../../policies/visibility";
import { defineFeature } from "../socket-feature";

export const connectionFeature = defineFeature({
  name: "connection",
  async connected({ socket, services }) {
    const { userId, sessionId } = socket.data;
    const { serverIds, channelIds } = await visibleChannels(services.db, userId);
    const servers = serverIds.map(String);
    socket.data.serverIds = servers;
    await socket.join([
      rooms.user(userId),
      rooms.session(sessionId),
      ...servers.map(rooms.server),
      ...channelIds.map((id) => rooms.channel(id.toString())),
    ]);
    socket.emit("ready", { userId, version: SOCKET_PROTOCOL_VERSION });
  },
  handlers: {
    ping: { input: z.undefined(), handle: () => ({ now: Date.now() }) },
  },
});
