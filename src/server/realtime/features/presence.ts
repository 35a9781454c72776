/**
 * Presence: a socket's connect and disconnect, the chosen status and idle devices feed
 * the presence store; a change of the shown status goes to the person's servers — the
 * server rooms the socket is in at that moment. Those follow membership (the publisher
 * moves sockets in and out on joins, kicks, bans and leaves), so a status never reaches
 * a server the person has left, and reaches one they joined while connected.
 */
import { z } from "zod";
import { presenceStatuses } from "@/shared/api";
import { rooms } from "@/shared/events";
import type { Services } from "../../services";
import type { Io } from "../publisher";
import { type ClientSocket, type SocketContext, defineFeature } from "../socket-feature";

type Shown = ReturnType<Services["presence"]["statusOf"]>;

const serverRoomPrefix = rooms.server("");

/** The server rooms a socket is in now. */
export function serverRoomsOf(socket: Pick<ClientSocket, "rooms">): string[] {
  return [...socket.rooms].filter((room) => room.startsWith(serverRoomPrefix));
}

export function publishPresence(io: Io, serverRooms: string[], userId: string, status: Shown | null) {
  if (status === null || serverRooms.length === 0) return;
  io.to(serverRooms).emit("presence.updated", { userId, status });
}

interface State {
  /** The socket's server rooms as it went: by "disconnect" it has left them all. */
  roomsAtEnd: string[] | null;
}

function publish({ io, socket }: SocketContext, status: Shown | null, serverRooms = serverRoomsOf(socket)) {
  publishPresence(io, serverRooms, socket.data.userId, status);
}

export const presenceFeature = defineFeature<State>({
  name: "presence",
  init: () => ({ roomsAtEnd: null }),
  connected(ctx, state) {
    ctx.socket.once("disconnecting", () => (state.roomsAtEnd = serverRoomsOf(ctx.socket)));
    publish(ctx, ctx.services.presence.connect(ctx.socket.data.userId, ctx.socket.id));
  },
  handlers: {
    "presence.set": {
      input: z.object({ status: z.enum(presenceStatuses) }),
      handle: ({ status }, ctx) => publish(ctx, ctx.services.presence.choose(ctx.socket.data.userId, status)),
    },
    "presence.idle": {
      input: z.undefined(),
      handle: (_, ctx) => publish(ctx, ctx.services.presence.setIdle(ctx.socket.data.userId, ctx.socket.id, true)),
    },
    "presence.active": {
      input: z.undefined(),
      handle: (_, ctx) => publish(ctx, ctx.services.presence.setIdle(ctx.socket.data.userId, ctx.socket.id, false)),
    },
  },
  disconnected(ctx, state) {
    const status = ctx.services.presence.disconnect(ctx.socket.data.userId, ctx.socket.id);
    publish(ctx, status, state.roomsAtEnd ?? serverRoomsOf(ctx.socket));
  },
});
