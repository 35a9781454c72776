/** Roles: create, edit, reorder. */
import { z } from "zod";
import { limits } from "../limits";
import { bitfieldSchema, snowflake, text } from "./common";

const roleNameSchema = text({ min: 1, max: limits.roleNameMax, trim: true });

export const createRoleInput = z.strictObject({
  name: roleNameSchema.default("new role"),
  color: z.number().int().min(0).max(0xffffff).default(0),
  permissions: bitfieldSchema.optional(),
});

export type CreateRoleInput = z.input<typeof createRoleInput>;

export const updateRoleInput = z
  .strictObject({
    name: roleNameSchema.optional(),
    color: z.number().int().min(0).max(0xffffff).optional(),
    permissions: bitfieldSchema.optional(),
    hoist: z.boolean().optional(),
    mentionable: z.boolean().optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), "nothing to change");

export type UpdateRoleInput = z.input<typeof updateRoleInput>;

export const reorderRolesInput = z
  .array(z.strictObject({ id: snowflake, position: z.number().int().min(1).max(1000) }))
  .min(1)
  .max(250);

export interface Role {
  id: string;
  serverId: string;
  name: string;
  color: number;
  position: number;
  permissions: string;
  /** Its members are listed in their own group. */
  hoist: boolean;
  /** Anyone may @mention it. */
  mentionable: boolean;
}
