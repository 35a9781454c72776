import { and, eq, or, sql } from "drizzle-orm";
import type { OverwriteInput } from "@/shared/api";
import { Permission } from "@/shared/permissions";
import type { Tx } from "../../db/client";
import { channelOverwrites, members, roles } from "../../db/schema";
import { errors } from "../../errors";
import { type ChannelAccess, requireServerChannelAccess, requireHolds, requirePermission } from "../../policies/access";
import { diffVisibility, serverVisibility } from "../../policies/visibility";
import { recordAudit } from "../audit/recordAudit";
import type { CommandContext } from "../context";
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
    .select({ userId: members.userId })
    .from(members)
    .where(and(eq(members.serverId, serverId), eq(members.userId, id)));
  if (!member) throw errors.notFound("Member");
  return { roleId: null, userId: member.userId, name: id };
}

/** Editing overwrites needs Manage Roles in the channel, and only grants what you hold. */
function requireOverwriteRights(access: ChannelAccess, allow: bigint, deny: bigint) {
  requirePermission(access.permissions, Permission.ManageRoles);
  if (!(access.permissions & Permission.Administrator)) requireHolds(access.permissions, allow | deny);
  if ((allow | deny) & Permission.Administrator) throw errors.badRequest("Administrator cannot be set on a channel.");
}

async function publishVisibility(ctx: CommandContext, serverId: bigint, before: Awaited<ReturnType<typeof serverVisibility>>) {
  const after = await serverVisibility(ctx.tx, serverId);
  const diffs = diffVisibility(before, after);
  if (!diffs.length) return;
  const shownIds = new Set(diffs.flatMap((d) => d.shown));
  const channels: Record<string, NonNullable<Awaited<ReturnType<typeof presentChannelById>>>> = {};
  for (const id of shownIds) {
    const c = await presentChannelById(ctx.tx, BigInt(id));
    if (c) channels[id] = c;
  }
  ctx.record({ type: "visibility.changed", serverId: serverId.toString(), diffs, channels });
}

/** Runs a change that may alter who sees what, then publishes who gained or lost sight. */
export async function withVisibilitySync<T>(ctx: CommandContext, serverId: bigint, change: () => Promise<T>): Promise<T> {
  const before = await serverVisibility(ctx.tx, serverId);
  const result = await change();
  await publishVisibility(ctx, serverId, before);
  return result;
}

export async function putOverwrite(
  props: { channelId: bigint; targetId: string } & Required<Pick<OverwriteInput, "type">> & { allow: string; deny: string },
  ctx: CommandContext,
) {
  const access = await requireServerChannelAccess(ctx.tx, props.channelId, ctx.actor.id);
  const allow = BigInt(props.allow);
  const deny = BigInt(props.deny);
  requireOverwriteRights(access, allow, deny);
  const serverId = access.server.serverId;
  const target = await resolveOverwriteTarget(ctx.tx, serverId, props.type, props.targetId);
  await withVisibilitySync(ctx, serverId, async () => {
    const conflictTarget = target.roleId !== null ? [channelOverwrites.channelId, channelOverwrites.roleId] : [channelOverwrites.channelId, channelOverwrites.userId];
    await ctx.tx
      .insert(channelOverwrites)
      .values({ channelId: props.channelId, roleId: target.roleId, userId: target.userId, allow, deny })
      .onConflictDoUpdate({ target: conflictTarget, set: { allow, deny } });
  });
  await recordAudit(ctx, {
    serverId,
    action: "overwrite.update",
    targetType: "channel",
    targetId: props.channelId.toString(),
    targetName: access.channel.name,
    changes: [{ key: `${props.type}:${target.name}`, before: null, after: { allow: props.allow, deny: props.deny } }],
  });
  const channel = await presentChannelById(ctx.tx, props.channelId);
  ctx.record({ type: "channel.updated", serverId: serverId.toString(), channel: channel! });
}

export async function deleteOverwrite(props: { channelId: bigint; targetId: string }, ctx: CommandContext) {
  const access = await requireServerChannelAccess(ctx.tx, props.channelId, ctx.actor.id);
  requireOverwriteRights(access, 0n, 0n);
  const serverId = access.server.serverId;
  const deleted = await withVisibilitySync(ctx, serverId, () =>
    ctx.tx
      .delete(channelOverwrites)
      .where(
        and(
          eq(channelOverwrites.channelId, props.channelId),
          // A target id is a role id or a user id; never both, so match either.
          or(eq(channelOverwrites.userId, props.targetId), sql`${channelOverwrites.roleId}::text = ${props.targetId}`),
        ),
      )
      .returning(),
  );
  if (!deleted.length) throw errors.notFound("Overwrite");
  await recordAudit(ctx, {
    serverId,
    action: "overwrite.delete",
    targetType: "channel",
    targetId: props.channelId.toString(),
    targetName: access.channel.name,
    changes: [{ key: props.targetId, before: { allow: deleted[0]!.allow.toString(), deny: deleted[0]!.deny.toString() }, after: null }],
  });
  const channel = await presentChannelById(ctx.tx, props.channelId);
  ctx.record({ type: "channel.updated", serverId: serverId.toString(), channel: channel! });
}
