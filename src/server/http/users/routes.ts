import { Hono } from "hono";
import { execute } from "../../domain/context";
import { leaveServer } from "../../domain/servers/manageServer";
import { presentSelf } from "../../presenters";
import { type AppEnv, actorOf, idParam } from "../middleware";

export const userRoutes = new Hono<AppEnv>()
  .get("/@me", (c) => c.json(presentSelf(actorOf(c))))
  .delete("/@me/servers/:serverId", async (c) => {
    const actor = actorOf(c);
    const serverId = idParam(c, "serverId");
    await execute(c.get("services"), actor, (ctx) => leaveServer({ serverId }, ctx));
    return c.body(null, 204);
  });
