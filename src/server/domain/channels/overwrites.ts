import { and, eq, or, sql } from "drizzle-orm";
import type { OverwriteInput } from "@/shared/api";
import { Permission } from "@/shared/permissions";
import type { Tx } from "../../db/client";
import { channelOverwrites, members, roles, user } from "../../db/schema";
import { errors } from "../../errors";
import { type ChannelAccess, requireServerChannelAccess, requireHolds, requirePermission } from "../../policies/access";
import { type VisibilityScope, roleScope, withVisibilitySync } from "../../policies/visibility";
import { recordAudit } from "../audit/recordAudit";
import { defineCommand } from "../context";
import { presentChannelById } from "./queries";

interface Target {
  roleId: bigint | null;
  userId: string | null;
  name: string;
}

/** Checks that an overwrite's target is a role or a member of the channel's server. */
export async function resolveOverwriteTarget(tx: Tx, serverId: bigint, type: "role" | "member", id: string): Promise<Target> {
  if (type === "role") {
    if (!/^\d{1,20}$/.test(id)) throw errors.badRequest("A role overwrite needs a role id.");
    const [role] = await tx
      .select({ id: roles.id, name: roles.name })
      .from(roles)
      .where(and(eq(roles.id, BigInt(id)), eq(roles.serverId, serverId)));
    if (!role) throw errors.notFound("Role");
    return { roleId: role.id, userId: null, name: role.name };
  }
  const [member] = await tx
    .select({ userId: members.userId, name: user.name })
    .from(members)
    .innerJoin(user, eq(user.id, members.userId))
    .where(and(eq(members.serverId, serverId), eq(members.userId, id)));
  if (!member) throw errors.notFound("Member");
  return { roleId: null, userId: member.userId, name: member.name };
}

/** Editing overwrites needs Manage Roles in the channel, and only grants what you hold. */
function requireOverwriteRights(access: ChannelAccess, allow: bigint, deny: bigint) {
  requirePermission(access.permissions, Permission.ManageRoles);
  if (!(access.permissions & Permission.Administrator)) requireHolds(access.permissions, allow | deny);
  if ((allow | deny) & Permission.Administrator) throw errors.badRequest("Administrator cannot be set on a channel.");
}

/** Who an overwrite can move between rooms: everyone, a role's holders, or one member. */
function overwriteScope(serverId: bigint, target: { roleId: bigint | null; userId: string | null }): VisibilityScope {
  return target.roleId !== null ? roleScope(serverId, target.roleId) : { userId: target.userId! };
}

type PutOverwriteInput = { channelId: bigint; targetId: string } & Required<Pick<OverwriteInput, "type">> & { allow: string; deny: string };

export const putOverwrite = defineCommand({ transaction: true }, async (input: PutOverwriteInput, ctx) => {
  const access = await requireServerChannelAccess(ctx.tx, input.channelId, ctx.actor.id);
  const allow = BigInt(input.allow);
  const deny = BigInt(input.deny);
  requireOverwriteRights(access, allow, deny);
  const serverId = access.server.serverId;
  const target = await resolveOverwriteTarget(ctx.tx, serverId, input.type, input.targetId);
  const [previous] = await ctx.tx
    .select({ allow: channelOverwrites.allow, deny: channelOverwrites.deny })
    .from(channelOverwrites)
    .where(
      and(
        eq(channelOverwrites.channelId, input.channelId),
        target.roleId !== null ? eq(channelOverwrites.roleId, target.roleId) : eq(channelOverwrites.userId, target.userId!),
      ),
    );
  await withVisibilitySync(ctx, serverId, overwriteScope(serverId, target), async () => {
    const conflictTarget = target.roleId !== null ? [channelOverwrites.channelId, channelOverwrites.roleId] : [channelOverwrites.channelId, channelOverwrites.userId];
    await ctx.tx
      .insert(channelOverwrites)
      .values({ channelId: input.channelId, roleId: target.roleId, userId: target.userId, allow, deny })
      .onConflictDoUpdate({ target: conflictTarget, set: { allow, deny } });
  });
  await recordAudit(ctx, {
    serverId,
    action: "overwrite.update",
    targetType: "channel",
    targetId: input.channelId.toString(),
    targetName: access.channel.name,
    // The key names the target ("role:Helper"); before is the earlier overwrite, so the log can say what changed.
    changes: [
      {
        key: `${input.type}:${target.name}`,
        before: previous ? { allow: previous.allow.toString(), deny: previous.deny.toString() } : null,
        after: { allow: allow.toString(), deny: deny.toString() },
      },
    ],
  });
  const channel = await presentChannelById(ctx.tx, input.channelId);
  ctx.record({ type: "channel.updated", serverId: serverId.toString(), channel: channel! });
});

export const deleteOverwrite = defineCommand({ transaction: true }, async (input: { channelId: bigint; targetId: string }, ctx) => {
  const access = await requireServerChannelAccess(ctx.tx, input.channelId, ctx.actor.id);
  requireOverwriteRights(access, 0n, 0n);
  const serverId = access.server.serverId;
  // A target id is a role id or a user id; never both, so match either.
  const target = and(
    eq(channelOverwrites.channelId, input.channelId),
    or(eq(channelOverwrites.userId, input.targetId), sql`${channelOverwrites.roleId}::text = ${input.targetId}`),
  );
  // Read first: the row's target says whom its removal can affect.
  const [existing] = await ctx.tx.select().from(channelOverwrites).where(target);
  if (!existing) throw errors.notFound("Overwrite");
  const deleted = await withVisibilitySync(ctx, serverId, overwriteScope(serverId, existing), () =>
    ctx.tx.delete(channelOverwrites).where(target).returning(),
  );
  if (!deleted.length) throw errors.notFound("Overwrite");
  const removed = await resolveOverwriteTarget(ctx.tx, serverId, existing.roleId !== null ? "role" : "member", input.targetId).catch(() => null);
  const key = removed ? `${existing.roleId !== null ? "role" : "member"}:${removed.name}` : input.targetId;
  await recordAudit(ctx, {
    serverId,
    action: "overwrite.delete",
    targetType: "channel",
    targetId: input.channelId.toString(),
    targetName: access.channel.name,
    changes: [{ key, before: { allow: deleted[0]!.allow.toString(), deny: deleted[0]!.deny.toString() }, after: null }],
  });
  const channel = await presentChannelById(ctx.tx, input.channelId);
  ctx.record({ type: "channel.updated", serverId: serverId.toString(), channel: channel! });
});
