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
 *
 * The store may be Redis (every node's sockets): a failing call is logged and announces
 * nothing, it never stops a socket's setup.
 */
import { eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { presenceStatuses } from "@/shared/api";
import { rooms } from "@/shared/events";
import { members, user } from "../../db/schema";
import type { Services } from "../../services";
import type { PresenceChange, Shown } from "../presence";
import type { Io } from "../publisher";
import { type ClientSocket, type SocketContext, defineFeature } from "../socket-feature";

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
    services.presence
      .statusOf(userId)
      .then((status) => {
        if (status !== "offline") io.to(room).emit("presence.updated", { userId, status });
      })
      .catch((err: unknown) => services.log.warn({ err, userId }, "presence: could not read a status"));
  });
}

/**
 * Changes found by a sweep (a dead node's sockets removed), told to each person's
 * servers as the database has them: those sockets' rooms went with their node. Through
 * io, so the Redis adapter delivers them on every node.
 */
export async function publishPresenceChanges(io: Io, services: Pick<Services, "db">, changes: PresenceChange[]): Promise<void> {
  if (changes.length === 0) return;
  const rows = await services.db
    .select({ serverId: members.serverId, userId: members.userId })
    .from(members)
    .where(inArray(members.userId, changes.map((c) => c.userId)));
  for (const change of changes) {
    const serverRooms = rows.filter((r) => r.userId === change.userId).map((r) => rooms.server(r.serverId.toString()));
    publishPresence(io, serverRooms, change.userId, change.status);
  }
}

interface State {
  /** The socket's server rooms as it went: by "disconnect" it has left them all. */
  roomsAtEnd: string[] | null;
}

/** Runs a store change and announces what it answered; a store failure is logged, not thrown. */
async function publish(ctx: SocketContext, change: Promise<Shown | null>, serverRooms?: () => string[]) {
  const { io, socket, services } = ctx;
  try {
    const status = await change;
    publishPresence(io, serverRooms?.() ?? serverRoomsOf(socket), socket.data.userId, status);
  } catch (err) {
    services.log.warn({ err, userId: socket.data.userId }, "presence: the store could not take a change");
  }
}

export const presenceFeature = defineFeature<State>({
  name: "presence",
  init: () => ({ roomsAtEnd: null }),
  connected(ctx, state) {
    announceJoins(ctx);
    ctx.socket.once("disconnecting", () => (state.roomsAtEnd = serverRoomsOf(ctx.socket)));
    // Not awaited: the socket has its `ready` and may send at once, and its handlers are
    // bound only after every hook. The store takes this socket's changes in call order
    // (memory: at once; Redis: one connection, commands in order), so the connect still
    // comes first.
    void publish(ctx, ctx.services.presence.connect(ctx.socket.data.userId, ctx.socket.id));
    announcing.add(ctx.socket);
  },
  handlers: {
    "presence.set": {
      input: z.object({ status: z.enum(presenceStatuses) }),
      handle: async ({ status }, ctx) => {
        const { userId } = ctx.socket.data;
        await publish(ctx, ctx.services.presence.choose(userId, status));
        // Kept too, after the change is live, so do-not-disturb silences pushes while offline.
        await ctx.services.db
          .update(user)
          .set({ status })
          .where(eq(user.id, userId))
          // Sessions cached on any process carry the row.
          .then(() => ctx.services.invalidation.forgetUser(userId))
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
    const roomsAtEnd = state.roomsAtEnd ?? serverRoomsOf(ctx.socket);
    void publish(ctx, ctx.services.presence.disconnect(ctx.socket.data.userId, ctx.socket.id), () => roomsAtEnd);
  },
});
