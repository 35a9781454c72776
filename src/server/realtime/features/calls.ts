/**
 * Calls in conversations on the socket: start (or get the open call), ring again,
 * decline. The same commands as the HTTP routes; joining the call is `voice.join`.
 */
import { z } from "zod";
import { callChannelInput, callRingInput, callStartInput } from "@/shared/calls";
import { type Actor, execute } from "../../domain/context";
import { declineCall, ringCall, startCall } from "../../domain/calls/manageCalls";
import { type ClientSocket, defineFeature } from "../socket-feature";

const actorOf = (socket: ClientSocket): Actor => ({ id: socket.data.userId, name: socket.data.userName, image: null });

const startInput = z.strictObject({ ...callChannelInput.shape, ...callStartInput.shape });
const ringInput = z.strictObject({ ...callChannelInput.shape, ...callRingInput.shape });

export const callsFeature = defineFeature({
  name: "calls",
  handlers: {
    "call.start": {
      input: startInput,
      async handle(input, { socket, services }) {
        const { call } = await execute(services, actorOf(socket), startCall, { channelId: BigInt(input.channelId), video: input.video ?? false });
        return { ok: true, call };
      },
    },
    "call.ring": {
      input: ringInput,
      async handle(input, { socket, services }) {
        const call = await execute(services, actorOf(socket), ringCall, { channelId: BigInt(input.channelId), userIds: input.userIds });
        return { ok: true, call };
      },
    },
    "call.decline": {
      input: callChannelInput,
      async handle(input, { socket, services }) {
        await execute(services, actorOf(socket), declineCall, { channelId: BigInt(input.channelId) });
      },
    },
  },
});
