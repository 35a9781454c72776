/**
 * Handlers for what clients send over the socket (typing, presence). Each validates its
 * payload, checks access through the permission module, and answers an ack in the API's
 * error shape; volatile events are dropped, never queued, for a slow client.
 */
import type { Socket } from "socket.io";
import { z } from "zod";
import { idSchema, presenceStatuses } from "@/shared/api";
import type { ClientToServerEvents, ServerToClientEvents, SocketAck } from "@/shared/events";
import { rooms } from "@/shared/events";
import { limits } from "@/shared/limits";
import { Permission } from "@/shared/permissions";
import { AppError } from "../errors";
import { requireChannelAccess, requirePermission } from "../policies/access";
import type { Services } from "../services";
import type { Io } from "./publisher";

export interface SocketData {
  userId: string;
  userName: string;
  sessionId: string;
  serverIds: string[];
}

type ClientSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

const typingInput = z.object({ channelId: idSchema });
const presenceInput = z.object({ status: z.enum(presenceStatuses) });

/** The minimum gap between two typing broadcasts of one socket in one channel. */
const TYPING_THROTTLE_MS = 2_000;

function failure(err: unknown, services: Services): SocketAck {
  if (err instanceof AppError) return { ok: false, error: { code: err.code, message: err.message } };
  if (err instanceof z.ZodError) return { ok: false, error: { code: "VALIDATION_FAILED", message: "The event is not valid." } };
  services.log.error({ err }, "socket event failed");
  return { ok: false, error: { code: "INTERNAL", message: "Something went wrong on our side." } };
}

function reply(ack: unknown, result: SocketAck) {
  if (typeof ack === "function") (ack as (r: SocketAck) => void)(result);
}

export function publishPresence(io: Io, serverIds: string[], userId: string, status: ReturnType<Services["presence"]["statusOf"]> | null) {
  if (status === null || serverIds.length === 0) return;
  io.to(serverIds.map(rooms.server)).emit("presence.updated", { userId, status });
}

export function attachClientEvents(io: Io, socket: ClientSocket, services: Services) {
  const lastTyping = new Map<string, number>();
  const data = () => socket.data;

  socket.on("typing.start", async (payload, ack) => {
    try {
      const { channelId } = typingInput.parse(payload);
      const now = Date.now();
      if (now - (lastTyping.get(channelId) ?? 0) < TYPING_THROTTLE_MS) return reply(ack, { ok: true });
      lastTyping.set(channelId, now);
      const access = await requireChannelAccess(services.db, BigInt(channelId), data().userId);
      requirePermission(access.permissions, Permission.SendMessages);
      socket.to(rooms.channel(channelId)).volatile.emit("typing.started", {
        channelId,
        userId: data().userId,
        name: data().userName,
        expiresInMs: limits.typingExpiresSeconds * 1000,
      });
      reply(ack, { ok: true });
    } catch (err) {
      reply(ack, failure(err, services));
    }
  });

  socket.on("presence.set", (payload, ack) => {
    try {
      const { status } = presenceInput.parse(payload);
      publishPresence(io, data().serverIds, data().userId, services.presence.choose(data().userId, status));
      reply(ack, { ok: true });
    } catch (err) {
      reply(ack, failure(err, services));
    }
  });

  socket.on("presence.idle", () => {
    publishPresence(io, data().serverIds, data().userId, services.presence.setIdle(data().userId, socket.id, true));
  });
  socket.on("presence.active", () => {
    publishPresence(io, data().serverIds, data().userId, services.presence.setIdle(data().userId, socket.id, false));
  });
}
