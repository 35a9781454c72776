/**
 * Voice rooms over HTTP: the occupants of a server's rooms (the channel list shows them
 * before one joins) and a moderator's server mute, deafen, move and disconnect.
 * Mounted under /servers.
 */
import { Hono } from "hono";
import { voiceModerationInput } from "@/shared/voice";
import { execute } from "../../domain/context";
import { disconnectVoice, listVoiceStates, moderateVoice } from "../../domain/voice/moderateVoice";
import { type AppEnv, actorOf, idParam, jsonBody, parse, userIdParam } from "../middleware";

export const voiceRoutes = new Hono<AppEnv>()
  .get("/:serverId/voice-states", async (c) => {
    const actor = actorOf(c);
    return c.json(await execute(c.get("services"), actor, listVoiceStates, { serverId: idParam(c, "serverId") }));
  })
  .patch("/:serverId/voice-states/:userId", async (c) => {
    const actor = actorOf(c);
    const serverId = idParam(c, "serverId");
    const userId = userIdParam(c);
    const { channelId, ...flags } = parse(voiceModerationInput, await jsonBody(c));
    const input = { serverId, userId, ...flags, ...(channelId === undefined ? {} : { channelId: BigInt(channelId) }) };
    return c.json(await execute(c.get("services"), actor, moderateVoice, input));
  })
  .delete("/:serverId/voice-states/:userId", async (c) => {
    const actor = actorOf(c);
    await execute(c.get("services"), actor, disconnectVoice, { serverId: idParam(c, "serverId"), userId: userIdParam(c) });
    return c.body(null, 204);
  });
