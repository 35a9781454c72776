import { and, asc, eq, gte, ne, sql } from "drizzle-orm";
import type { Role } from "@/shared/api";
import { Permission } from "@/shared/permissions";
import { newId } from "../../db/snowflake";
import { roles } from "../../db/schema";
import { errors } from "../../errors";
import { type ServerAccess, requireHolds, requirePermission, requireRoleBelow, requireServerAccess } from "../../policies/access";
import { VISIBILITY_BITS, roleScope, withVisibilitySync } from "../../policies/visibility";
import { presentRole } from "../../presenters";
import { changesBetween, recordAudit } from "../audit/recordAudit";
import { type CommandContext, defineCommand, defineQuery } from "../context";

export const listRoles = defineQuery(async ({ serverId }: { serverId: bigint }, { tx, actor }): Promise<Role[]> => {
  await requireServerAccess(tx, serverId, actor.id);
  const rows = await tx.select().from(roles).where(eq(roles.serverId, serverId)).orderBy(asc(roles.position), asc(roles.id));
  return rows.map(presentRole);
});

async function requireManagedRole(ctx: CommandContext, serverId: bigint, roleId: bigint) {
  const access = await requireServerAccess(ctx.tx, serverId, ctx.actor.id);
  requirePermission(access.permissions, Permission.ManageRoles);
  const [role] = await ctx.tx.select().from(roles).where(and(eq(roles.id, roleId), eq(roles.serverId, serverId)));
  if (!role) throw errors.notFound("Role");
  requireRoleBelow(access, role.position);
  return { access, role };
}

function requireGrantable(access: ServerAccess, permissions: bigint) {
  if (!(access.permissions & Permission.Administrator)) requireHolds(access.permissions, permissions);
}

interface CreateRoleInput {
  serverId: bigint;
  name: string;
  color: number;
  permissions?: string;
}

/** A new role goes just above the everyone role, so it starts below its creator's. */
export const createRole = defineCommand({ transaction: true }, async (input: CreateRoleInput, ctx) => {
  const access = await requireServerAccess(ctx.tx, input.serverId, ctx.actor.id);
  requirePermission(access.permissions, Permission.ManageRoles);
  const permissions = input.permissions === undefined ? 0n : BigInt(input.permissions);
  requireGrantable(access, permissions);
  await ctx.tx
    .update(roles)
    .set({ position: sql`${roles.position} + 1` })
    .where(and(eq(roles.serverId, input.serverId), gte(roles.position, 1)));
  const [row] = await ctx.tx
    .insert(roles)
    .values({ id: newId(), serverId: input.serverId, name: input.name, color: input.color, position: 1, permissions })
    .returning();
  const role = presentRole(row!);
  await recordAudit(ctx, {
    serverId: input.serverId,
    action: "role.create",
    targetType: "role",
    targetId: role.id,
    targetName: role.name,
    changes: [{ key: "permissions", before: null, after: role.permissions }],
  });
  ctx.record({ type: "role.created", serverId: role.serverId, role });
  return role;
});

interface UpdateRoleInput {
  serverId: bigint;
  roleId: bigint;
  name?: string;
  color?: number;
  permissions?: string;
  hoist?: boolean;
  mentionable?: boolean;
}

export const updateRole = defineCommand({ transaction: true }, async (input: UpdateRoleInput, ctx) => {
  const { access, role } = await requireManagedRole(ctx, input.serverId, input.roleId);
  const patch: Partial<typeof roles.$inferInsert> = {};
  if (input.name !== undefined) {
    if (role.id === input.serverId) throw errors.badRequest("The everyone role cannot be renamed.");
    patch.name = input.name;
  }
  if (input.color !== undefined) patch.color = input.color;
  if (input.hoist !== undefined || input.mentionable !== undefined) {
    // @everyone is everybody: it forms no group of its own, and @everyone has its own rule.
    if (role.id === input.serverId) throw errors.badRequest("The everyone role cannot be hoisted or made mentionable.");
    if (input.hoist !== undefined) patch.hoist = input.hoist;
    if (input.mentionable !== undefined) patch.mentionable = input.mentionable;
  }
  if (input.permissions !== undefined) {
    const next = BigInt(input.permissions);
    // Only the bits that change need to be held: keeping what you cannot grant is fine.
    requireGrantable(access, next ^ role.permissions);
    patch.permissions = next;
  }
  const update = () => ctx.tx.update(roles).set(patch).where(eq(roles.id, input.roleId)).returning();
  // A name or colour, or permission bits that do not decide visibility, move nobody.
  const [row] =
    patch.permissions !== undefined && ((patch.permissions ^ role.permissions) & VISIBILITY_BITS) !== 0n
      ? await withVisibilitySync(ctx, input.serverId, roleScope(input.serverId, input.roleId), update)
      : await update();
  const updated = presentRole(row!);
  await recordAudit(ctx, {
    serverId: input.serverId,
    action: "role.update",
    targetType: "role",
    targetId: updated.id,
    targetName: updated.name,
    changes: changesBetween(role as unknown as Record<string, unknown>, patch as Record<string, unknown>),
  });
  ctx.record({ type: "role.updated", serverId: updated.serverId, role: updated });
  return updated;
});

export const deleteRole = defineCommand({ transaction: true }, async (input: { serverId: bigint; roleId: bigint }, ctx) => {
  if (input.roleId === input.serverId) throw errors.badRequest("The everyone role cannot be deleted.");
  const { role } = await requireManagedRole(ctx, input.serverId, input.roleId);
  await withVisibilitySync(ctx, input.serverId, { roleId: input.roleId }, () => ctx.tx.delete(roles).where(eq(roles.id, input.roleId)));
  await recordAudit(ctx, { serverId: input.serverId, action: "role.delete", targetType: "role", targetId: role.id.toString(), targetName: role.name });
  ctx.record({ type: "role.deleted", serverId: input.serverId.toString(), roleId: role.id.toString() });
});

interface ReorderRolesInput {
  serverId: bigint;
  items: Array<{ id: string; position: number }>;
}

/**
 * Drag and drop of roles. Every role that moves must be below the actor's highest, and
 * may not land at or above it; positions are then renumbered 1..n without gaps.
 */
export const reorderRoles = defineCommand({ transaction: true }, async (input: ReorderRolesInput, ctx) => {
  const access = await requireServerAccess(ctx.tx, input.serverId, ctx.actor.id);
  requirePermission(access.permissions, Permission.ManageRoles);
  const current = await ctx.tx
    .select()
    .from(roles)
    .where(and(eq(roles.serverId, input.serverId), ne(roles.id, input.serverId)))
    .orderBy(asc(roles.position), asc(roles.id));
  const wanted = new Map(input.items.map((i) => [i.id, i.position]));
  for (const id of wanted.keys()) if (!current.some((r) => r.id.toString() === id)) throw errors.notFound("Role");
  const moved = current.filter((r) => wanted.has(r.id.toString()) && wanted.get(r.id.toString()) !== r.position);
  for (const r of moved) {
    requireRoleBelow(access, r.position);
    requireRoleBelow(access, wanted.get(r.id.toString())!);
  }
  const order = [...current].sort((a, b) => (wanted.get(a.id.toString()) ?? a.position) - (wanted.get(b.id.toString()) ?? b.position) || (a.id < b.id ? -1 : 1));
  const result: Role[] = [];
  for (const [i, r] of order.entries()) {
    const position = i + 1;
    if (r.position !== position) await ctx.tx.update(roles).set({ position }).where(eq(roles.id, r.id));
    const role = presentRole({ ...r, position });
    if (r.position !== position) ctx.record({ type: "role.updated", serverId: role.serverId, role });
    result.push(role);
  }
  if (moved.length) {
    await recordAudit(ctx, {
      serverId: input.serverId,
      action: "role.update",
      targetType: "server",
      targetId: input.serverId.toString(),
      targetName: "role order",
      changes: moved.map((r) => ({ key: `position:${r.name}`, before: r.position, after: wanted.get(r.id.toString()) })),
    });
  }
  return result;
});
