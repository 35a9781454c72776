/**
 * Calls in direct conversations over HTTP: the open call, starting one, ringing again,
 * declining; and my open calls (a device that loads while it rings). Joining the call is
 * `voice.join` on the socket. Mounted under /channels and /users.
 */
import { Hono } from "hono";
import { callRingInput, callStartInput } from "@/shared/calls";
import { execute } from "../../domain/context";
import { declineCall, getCall, listMyCalls, ringCall, startCall } from "../../domain/calls/manageCalls";
import { type AppEnv, actorOf, idParam, optionalJsonBody, parse } from "../middleware";

export const callRoutes = new Hono<AppEnv>()
  .get("/:channelId/call", async (c) => {
    const actor = actorOf(c);
    return c.json(await execute(c.get("services"), actor, getCall, { channelId: idParam(c, "channelId") }));
  })
  .post("/:channelId/call", async (c) => {
    const actor = actorOf(c);
    const channelId = idParam(c, "channelId");
    const input = parse(callStartInput, await optionalJsonBody(c));
    const { call, created } = await execute(c.get("services"), actor, startCall, { channelId, video: input.video });
    return c.json({ call }, created ? 201 : 200);
  })
  .post("/:channelId/call/ring", async (c) => {
    const actor = actorOf(c);
    const channelId = idParam(c, "channelId");
    const input = parse(callRingInput, await optionalJsonBody(c));
    return c.json({ call: await execute(c.get("services"), actor, ringCall, { channelId, userIds: input.userIds }) });
  })
  .post("/:channelId/call/decline", async (c) => {
    const actor = actorOf(c);
    await execute(c.get("services"), actor, declineCall, { channelId: idParam(c, "channelId") });
    return c.body(null, 204);
  });

export const myCallRoutes = new Hono<AppEnv>().get("/@me/calls", async (c) => {
  const actor = actorOf(c);
  return c.json(await execute(c.get("services"), actor, listMyCalls, {}));
});
