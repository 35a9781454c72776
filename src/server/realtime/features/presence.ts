/**
 * Presence: a socket's connect and disconnect, the chosen status and idle devices feed
 * the presence store; a change of the shown status goes to the person's servers.
 */
import { z } from "zod";
import { presenceStatuses } from "@/shared/api";
import { rooms } from "@/shared/events";
import type { Services } from "../../services";
import type { Io } from "../publisher";
import { type SocketContext, defineFeature } from "../socket-feature";

type Shown = ReturnType<Services["presence"]["statusOf"]>;

export function publishPresence(io: Io, serverIds: string[], userId: string, status: Shown | null) {
  if (status === null || serverIds.length === 0) return;
  io.to(serverIds.map(rooms.server)).emit("presence.updated", { userId, status });
}

function publish({ io, socket }: SocketContext, status: Shown | null) {
  publishPresence(io, socket.data.serverIds ?? [], socket.data.userId, status);
}

export const presenceFeature = defineFeature({
  name: "presence",
  connected(ctx) {
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
  disconnected(ctx) {
    publish(ctx, ctx.services.presence.disconnect(ctx.socket.data.userId, ctx.socket.id));
  },
});
