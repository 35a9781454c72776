import { and, eq } from "drizzle-orm";
import { Permission } from "@/shared/permissions";
import { channels, members, servers } from "../../db/schema";
import { errors } from "../../errors";
import { requireOwner, requirePermission, requireServerAccess } from "../../policies/access";
import { presentServer } from "../../presenters";
import { changesBetween, recordAudit } from "../audit/recordAudit";
import type { CommandContext } from "../context";

export async function updateServer(
  props: { serverId: bigint; name?: string; icon?: string | null; ownerId?: string },
  ctx: CommandContext,
) {
  const access = await requireServerAccess(ctx.tx, props.serverId, ctx.actor.id);
  const [before] = await ctx.tx.select().from(servers).where(eq(servers.id, props.serverId));
  const patch: Partial<typeof servers.$inferInsert> = {};
  if (props.name !== undefined || props.icon !== undefined) {
    requirePermission(access.permissions, Permission.ManageServer);
    if (props.name !== undefined) patch.name = props.name;
    if (props.icon !== undefined) patch.icon = props.icon;
  }
  if (props.ownerId !== undefined && props.ownerId !== before!.ownerId) {
    requireOwner(access);
    const [heir] = await ctx.tx
      .select({ userId: members.userId })
      .from(members)
      .where(and(eq(members.serverId, props.serverId), eq(members.userId, props.ownerId)));
    if (!heir) throw errors.badRequest("The new owner must be a member of the server.");
    patch.ownerId = props.ownerId;
  }
  if (Object.keys(patch).length === 0) return presentServer(before!);
  const [row] = await ctx.tx.update(servers).set(patch).where(eq(servers.id, props.serverId)).returning();
  const changes = changesBetween(before! as unknown as Record<string, unknown>, patch as Record<string, unknown>);
  await recordAudit(ctx, {
    serverId: props.serverId,
    action: patch.ownerId ? "server.transfer" : "server.update",
    targetType: "server",
    targetId: props.serverId.toString(),
    targetName: row!.name,
    changes,
  });
  const server = presentServer(row!);
  ctx.record({ type: "server.updated", server });
  return server;
}

/** Owner only, with the server's exact name typed to confirm. */
export async function deleteServer(props: { serverId: bigint; confirmName: string }, ctx: CommandContext) {
  const access = await requireServerAccess(ctx.tx, props.serverId, ctx.actor.id);
  requireOwner(access);
  const [server] = await ctx.tx.select().from(servers).where(eq(servers.id, props.serverId));
  if (props.confirmName !== server!.name) throw errors.badRequest("Type the server's name exactly to delete it.");
  const channelRows = await ctx.tx.select({ id: channels.id }).from(channels).where(eq(channels.serverId, props.serverId));
  await ctx.tx.delete(servers).where(eq(servers.id, props.serverId));
  ctx.record({ type: "server.deleted", serverId: props.serverId.toString(), channelIds: channelRows.map((c) => c.id.toString()) });
}

export async function leaveServer(props: { serverId: bigint }, ctx: CommandContext) {
  const access = await requireServerAccess(ctx.tx, props.serverId, ctx.actor.id);
  if (access.userId === access.ownerId) {
    throw errors.badRequest("The owner cannot leave: transfer ownership or delete the server first.");
  }
  await removeMembership(ctx, props.serverId, ctx.actor.id, "left");
}

/** Ends a membership (leave, kick, ban): the person's messages stay, their sockets leave. */
export async function removeMembership(ctx: CommandContext, serverId: bigint, userId: string, reason: "left" | "kicked" | "banned") {
  const removed = await ctx.tx
    .delete(members)
    .where(and(eq(members.serverId, serverId), eq(members.userId, userId)))
    .returning({ userId: members.userId });
  if (!removed.length) return false;
  const channelRows = await ctx.tx.select({ id: channels.id }).from(channels).where(eq(channels.serverId, serverId));
  ctx.record({ type: "member.removed", serverId: serverId.toString(), userId, reason, channelIds: channelRows.map((c) => c.id.toString()) });
  return true;
}
