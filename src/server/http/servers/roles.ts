import { Hono } from "hono";
import { createRoleInput, reorderRolesInput, updateRoleInput } from "@/shared/api";
import { execute } from "../../domain/context";
import { createRole, deleteRole, listRoles, reorderRoles, updateRole } from "../../domain/roles/manageRoles";
import { type AppEnv, actorOf, idParam, jsonBody, parse } from "../middleware";

/** Mounted under /servers: /:serverId/roles... */
export const roleRoutes = new Hono<AppEnv>()
  .get("/:serverId/roles", async (c) => {
    const actor = actorOf(c);
    return c.json(await execute(c.get("services"), actor, listRoles, { serverId: idParam(c, "serverId") }));
  })
  .post("/:serverId/roles", async (c) => {
    const actor = actorOf(c);
    const serverId = idParam(c, "serverId");
    const input = parse(createRoleInput, await jsonBody(c));
    return c.json(await execute(c.get("services"), actor, createRole, { serverId, ...input }), 201);
  })
  .patch("/:serverId/roles", async (c) => {
    const actor = actorOf(c);
    const serverId = idParam(c, "serverId");
    const items = parse(reorderRolesInput, await jsonBody(c));
    return c.json(await execute(c.get("services"), actor, reorderRoles, { serverId, items }));
  })
  .patch("/:serverId/roles/:roleId", async (c) => {
    const actor = actorOf(c);
    const serverId = idParam(c, "serverId");
    const roleId = idParam(c, "roleId");
    const input = parse(updateRoleInput, await jsonBody(c));
    return c.json(await execute(c.get("services"), actor, updateRole, { serverId, roleId, ...input }));
  })
  .delete("/:serverId/roles/:roleId", async (c) => {
    const actor = actorOf(c);
    const serverId = idParam(c, "serverId");
    const roleId = idParam(c, "roleId");
    await execute(c.get("services"), actor, deleteRole, { serverId, roleId });
    return c.body(null, 204);
  });
