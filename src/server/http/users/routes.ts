import { Hono } from "hono";
import { execute } from "../../domain/context";
import { listReadStates } from "../../domain/messages/readStates";
import { leaveServer } from "../../domain/servers/manageServer";
import { presentSelf } from "../../presenters";
import { type AppEnv, actorOf, idParam } from "../middleware";

export const userRoutes = new Hono<AppEnv>()
  .get("/@me", (c) => c.json(presentSelf(actorOf(c))))
  .get("/@me/read-states", async (c) => {
    const actor = actorOf(c);
    return c.json(await listReadStates(c.get("services").db, actor.id));
  })
  .delete("/@me/servers/:serverId", async (c) => {
    const actor = actorOf(c);
    const serverId = idParam(c, "serverId");
    await execute(c.get("services"), actor, (ctx) => leaveServer({ serverId }, ctx));
    return c.body(null, 204);
  });
