import { Hono } from "hono";
import { createRoleInput, reorderRolesInput, updateRoleInput } from "@/shared/api";
import { executeLegacy } from "../../domain/context";
import { createRole, deleteRole, listRoles, reorderRoles, updateRole } from "../../domain/roles/manageRoles";
import { type AppEnv, actorOf, idParam, jsonBody, parse } from "../middleware";

/** Mounted under /servers: /:serverId/roles... */
export const roleRoutes = new Hono<AppEnv>()
  .get("/:serverId/roles", async (c) => {
    const actor = actorOf(c);
    return c.json(await listRoles(c.get("services").db, actor.id, idParam(c, "serverId")));
  })
  .post("/:serverId/roles", async (c) => {
    const actor = actorOf(c);
    const serverId = idParam(c, "serverId");
    const input = parse(createRoleInput, await jsonBody(c));
    return c.json(await executeLegacy(c.get("services"), actor, (ctx) => createRole({ serverId, ...input }, ctx)), 201);
  })
  .patch("/:serverId/roles", async (c) => {
    const actor = actorOf(c);
    const serverId = idParam(c, "serverId");
    const items = parse(reorderRolesInput, await jsonBody(c));
    return c.json(await executeLegacy(c.get("services"), actor, (ctx) => reorderRoles({ serverId, items }, ctx)));
  })
  .patch("/:serverId/roles/:roleId", async (c) => {
    const actor = actorOf(c);
    const serverId = idParam(c, "serverId");
    const roleId = idParam(c, "roleId");
    const input = parse(updateRoleInput, await jsonBody(c));
    return c.json(await executeLegacy(c.get("services"), actor, (ctx) => updateRole({ serverId, roleId, ...input }, ctx)));
  })
  .delete("/:serverId/roles/:roleId", async (c) => {
    const actor = actorOf(c);
    const serverId = idParam(c, "serverId");
    const roleId = idParam(c, "roleId");
    await executeLegacy(c.get("services"), actor, (ctx) => deleteRole({ serverId, roleId }, ctx));
    return c.body(null, 204);
  });
