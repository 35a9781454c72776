/**
 * Presence: a socket's connect and disconnect, the chosen status and idle devices feed
 * the presence store; a change of the shown status goes to the person's servers — the
 * server rooms the socket is in at that moment. Those follow membership (the publisher
 * moves sockets in and out on joins, kicks, bans and leaves), so a status never reaches
 * a server the person has left, and reaches one they joined while connected. A socket
 * that joins a server's room after its connect is announced there with its person's
 * status, by the node that holds the socket (the join may come from another node).
 * The chosen status is also stored on the person (`user.status`, one UPDATE after the
 * change is told), so do-not-disturb holds for pushes while no device is connected; a
 * connect changes nothing there.
 */
import { eq } from "drizzle-orm";
import { z } from "zod";
import { presenceStatuses } from "@/shared/api";
import { rooms } from "@/shared/events";
import { user } from "../../db/schema";
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

/** Sockets past their presence connect: a server room they join from now on is a server they joined. */
const announcing = new WeakSet<ClientSocket>();
/** Adapters whose room joins are watched: one listener for all of a node's sockets. */
const watched = new WeakSet<object>();

function announceJoins({ io, services }: SocketContext) {
  const sockets = io.of("/").sockets as Map<string, ClientSocket>;
  const adapter = io.of("/").adapter;
  if (watched.has(adapter)) return;
  watched.add(adapter);
  adapter.on("join-room", (room: string, socketId: string) => {
    if (!room.startsWith(serverRoomPrefix)) return;
    const socket = sockets.get(socketId);
    if (!socket || !announcing.has(socket)) return;
    const { userId } = socket.data;
    // Said once per node, by the first of the person's devices to join the room.
    for (const other of adapter.rooms.get(rooms.user(userId)) ?? []) {
      if (other !== socketId && adapter.sids.get(other)?.has(room)) return;
    }
    const status = services.presence.statusOf(userId);
    if (status !== "offline") io.to(room).emit("presence.updated", { userId, status });
  });
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
    announceJoins(ctx);
    ctx.socket.once("disconnecting", () => (state.roomsAtEnd = serverRoomsOf(ctx.socket)));
    publish(ctx, ctx.services.presence.connect(ctx.socket.data.userId, ctx.socket.id));
    announcing.add(ctx.socket);
  },
  handlers: {
    "presence.set": {
      input: z.object({ status: z.enum(presenceStatuses) }),
      handle: async ({ status }, ctx) => {
        const { userId } = ctx.socket.data;
        publish(ctx, ctx.services.presence.choose(userId, status));
        // Kept too, after the change is live, so do-not-disturb silences pushes while offline.
        await ctx.services.db
          .update(user)
          .set({ status })
          .where(eq(user.id, userId))
          .catch((err: unknown) => ctx.services.log.warn({ err, userId }, "could not store the chosen status"));
      },
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
