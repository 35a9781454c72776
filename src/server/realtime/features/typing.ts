/**
 * Typing indicators: volatile, at most one every 2 s per person and channel across
 * their devices and nodes (services.typing, the quiet throttle: a second device's
 * typing within the gap is not said again), sent only to a channel the person may send
 * in, and never back to the sender's own socket. Beyond the quiet throttle, the
 * person's typing limit (LIMIT_TYPING, across sockets and channels) answers
 * RATE_LIMITED in the ack.
 */
import { z } from "zod";
import { idSchema } from "@/shared/api";
import { rooms } from "@/shared/events";
import { limits } from "@/shared/limits";
import { Permission } from "@/shared/permissions";
import { requireChannelAccess, requirePermission } from "../../policies/access";
import { defineFeature } from "../socket-feature";

export const typingFeature = defineFeature({
  name: "typing",
  handlers: {
    "typing.start": {
      input: z.object({ channelId: idSchema }),
      async handle({ channelId }, { socket, services }) {
        const { userId, userName } = socket.data;
        if (!(await services.typing.mayAnnounce(userId, channelId))) return;
        const access = await requireChannelAccess(services.db, BigInt(channelId), userId);
        requirePermission(access.permissions, Permission.SendMessages);
        await services.limiter.require("typing", userId);
        socket.to(rooms.channel(channelId)).volatile.emit("typing.started", {
          channelId,
          userId,
          name: userName,
          expiresInMs: limits.typingExpiresSeconds * 1000,
        });
      },
    },
  },
});
