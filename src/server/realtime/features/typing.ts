/**
 * Typing indicators: volatile, throttled per socket and channel, sent only to a channel
 * the person may send in, and never back to the sender's own socket. Beyond the quiet
 * throttle, the person's typing limit (LIMIT_TYPING, across sockets and channels)
 * answers RATE_LIMITED in the ack.
 */
import { z } from "zod";
import { idSchema } from "@/shared/api";
import { rooms } from "@/shared/events";
import { limits } from "@/shared/limits";
import { Permission } from "@/shared/permissions";
import { requireChannelAccess, requirePermission } from "../../policies/access";
import { defineFeature } from "../socket-feature";

/** The minimum gap between two typing broadcasts of one socket in one channel. */
const TYPING_THROTTLE_MS = 2_000;

export const typingFeature = defineFeature({
  name: "typing",
  /** channel id -> when this socket last told it. */
  init: () => new Map<string, number>(),
  handlers: {
    "typing.start": {
      input: z.object({ channelId: idSchema }),
      async handle({ channelId }, { socket, services }, lastTyping) {
        const now = Date.now();
        if (now - (lastTyping.get(channelId) ?? 0) < TYPING_THROTTLE_MS) return;
        lastTyping.set(channelId, now);
        const { userId, userName } = socket.data;
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
