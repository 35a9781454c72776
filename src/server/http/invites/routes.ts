import { Hono } from "hono";
import { z } from "zod";
import { execute } from "../../domain/context";
import { acceptInvite, previewInvite } from "../../domain/invites/acceptInvite";
import { revokeInvite } from "../../domain/invites/manageInvites";
import { type AppEnv, actorOf, actorOrAnonymous, pathParam } from "../middleware";

const codeSchema = z.string().regex(/^[A-Za-z0-9]{4,32}$/, "not an invite code");

export const inviteRoutes = new Hono<AppEnv>()
  // Public, like Discord: a signed-out person sees what they are invited to.
  .get("/:code", async (c) => {
    const code = pathParam(c, "code", codeSchema);
    return c.json(await execute(c.get("services"), actorOrAnonymous(c), previewInvite, { code }));
  })
  .post("/:code", async (c) => {
    const actor = actorOf(c);
    const code = pathParam(c, "code", codeSchema);
    const result = await execute(c.get("services"), actor, acceptInvite, { code });
    return c.json({ serverId: result.serverId }, 200);
  })
  .delete("/:code", async (c) => {
    const actor = actorOf(c);
    const code = pathParam(c, "code", codeSchema);
    await execute(c.get("services"), actor, revokeInvite, { code });
    return c.body(null, 204);
  });
