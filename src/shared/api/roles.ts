/** Roles: create, edit, reorder. */
import { z } from "zod";
import { limits } from "../limits";
import { bitfieldSchema, idSchema } from "./common";

export const createRoleInput = z.object({
  name: z.string().trim().min(1).max(limits.roleNameMax).default("new role"),
  color: z.number().int().min(0).max(0xffffff).default(0),
  permissions: bitfieldSchema.optional(),
});

export type CreateRoleInput = z.input<typeof createRoleInput>;

export const updateRoleInput = z.object({
  name: z.string().trim().min(1).max(limits.roleNameMax).optional(),
  color: z.number().int().min(0).max(0xffffff).optional(),
  permissions: bitfieldSchema.optional(),
});

export type UpdateRoleInput = z.input<typeof updateRoleInput>;

export const reorderRolesInput = z
  .array(z.object({ id: idSchema, position: z.number().int().min(1).max(1000) }))
  .min(1)
  .max(250);

export interface Role {
  id: string;
  serverId: string;
  name: string;
  color: number;
  position: number;
  permissions: string;
}
