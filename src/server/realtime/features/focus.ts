/**
 * Which tabs have focus: a tab says `client.focus {focused}` when it gains or loses it,
 * and a person with a focused tab anywhere gets no push (the tab shows the notification
 * itself). A socket that goes away is focused no more.
 */
import { z } from "zod";
import { defineFeature } from "../socket-feature";

export const focusFeature = defineFeature({
  name: "focus",
  handlers: {
    "client.focus": {
      input: z.object({ focused: z.boolean() }),
      handle: ({ focused }, { socket, services }) => services.focus.set(socket.data.userId, socket.id, focused),
    },
  },
  disconnected: ({ socket, services }) => {
    services.focus.drop(socket.data.userId, socket.id).catch((err: unknown) => services.log.warn({ err }, "focus: could not forget a socket"));
  },
});
