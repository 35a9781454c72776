import { Hono } from "hono";
import { presentSelf } from "../../presenters";
import { type AppEnv, actorOf } from "../middleware";

export const userRoutes = new Hono<AppEnv>().get("/@me", (c) => c.json(presentSelf(actorOf(c))));
