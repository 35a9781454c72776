import { and, eq } from "drizzle-orm";
import { Permission } from "@/shared/permissions";
import type { Tx } from "../../db/client";
import { channels, members, servers } from "../../db/schema";
import { errors } from "../../errors";
import { requireOwner, requirePermission, requireServerAccess } from "../../policies/access";
import { presentServer } from "../../presenters";
import { changesBetween, recordAudit } from "../audit/recordAudit";
import { type CommandContext, defineCommand } from "../context";

interface UpdateServerInput {
  serverId: bigint;
  name?: string;
  icon?: string | null;
  ownerId?: string;
  /** A text channel of this server, or null for no system messages. */
  systemChannelId?: string | null;
}

export const updateServer = defineCommand({ transaction: true }, async (input: UpdateServerInput, ctx) => {
  const access = await requireServerAccess(ctx.tx, input.serverId, ctx.actor.id);
  const [before] = await ctx.tx.select().from(servers).where(eq(servers.id, input.serverId));
  const patch: Partial<typeof servers.$inferInsert> = {};
  if (input.name !== undefined || input.icon !== undefined) {
    requirePermission(access.permissions, Permission.ManageServer);
    if (input.name !== undefined) patch.name = input.name;
    if (input.icon !== undefined) patch.icon = input.icon;
  }
  if (input.systemChannelId !== undefined) {
    requirePermission(access.permissions, Permission.ManageServer);
    patch.systemChannelId = input.systemChannelId === null ? null : await requireSystemChannel(ctx.tx, input.serverId, BigInt(input.systemChannelId));
  }
  if (input.ownerId !== undefined && input.ownerId !== before!.ownerId) {
    requireOwner(access);
    const [heir] = await ctx.tx
      .select({ userId: members.userId })
      .from(members)
      .where(and(eq(members.serverId, input.serverId), eq(members.userId, input.ownerId)));
    if (!heir) throw errors.badRequest("The new owner must be a member of the server.");
    patch.ownerId = input.ownerId;
  }
  if (Object.keys(patch).length === 0) return presentServer(before!);
  const [row] = await ctx.tx.update(servers).set(patch).where(eq(servers.id, input.serverId)).returning();
  const changes = changesBetween(before! as unknown as Record<string, unknown>, patch as Record<string, unknown>);
  await recordAudit(ctx, {
    serverId: input.serverId,
    action: patch.ownerId ? "server.transfer" : "server.update",
    targetType: "server",
    targetId: input.serverId.toString(),
    targetName: row!.name,
    changes,
  });
  const server = presentServer(row!);
  ctx.record({ type: "server.updated", server });
  return server;
});

/** A text channel of this server; anything else (another server's, a voice channel, none) is refused alike. */
async function requireSystemChannel(tx: Tx, serverId: bigint, channelId: bigint): Promise<bigint> {
  const [row] = await tx
    .select({ id: channels.id })
    .from(channels)
    .where(and(eq(channels.id, channelId), eq(channels.serverId, serverId), eq(channels.type, "text")));
  if (!row) throw errors.invalidSystemChannel();
  return row.id;
}

/** Owner only, with the server's exact name typed to confirm. One write: the rest cascades. */
export const deleteServer = defineCommand({ transaction: false }, async (input: { serverId: bigint; confirmName: string }, ctx) => {
  const access = await requireServerAccess(ctx.tx, input.serverId, ctx.actor.id);
  requireOwner(access);
  const [server] = await ctx.tx.select().from(servers).where(eq(servers.id, input.serverId));
  if (input.confirmName !== server!.name) throw errors.badRequest("Type the server's name exactly to delete it.");
  const channelRows = await ctx.tx.select({ id: channels.id }).from(channels).where(eq(channels.serverId, input.serverId));
  await ctx.tx.delete(servers).where(eq(servers.id, input.serverId));
  ctx.record({ type: "server.deleted", serverId: input.serverId.toString(), channelIds: channelRows.map((c) => c.id.toString()) });
});

/** One write: the membership row (its roles cascade). */
export const leaveServer = defineCommand({ transaction: false }, async (input: { serverId: bigint }, ctx) => {
  const access = await requireServerAccess(ctx.tx, input.serverId, ctx.actor.id);
  if (access.userId === access.ownerId) {
    throw errors.badRequest("The owner cannot leave: transfer ownership or delete the server first.");
  }
  await removeMembership(ctx, input.serverId, ctx.actor.id, "left");
});

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
