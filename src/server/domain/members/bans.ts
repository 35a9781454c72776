import { and, desc, eq, gte, inArray, isNull } from "drizzle-orm";
import type { Ban } from "@/shared/api";
import { Permission } from "@/shared/permissions";
import type { Tx } from "../../db/client";
import { snowflakeAt } from "../../db/snowflake";
import { bans, channels, messages, user } from "../../db/schema";
import { errors } from "../../errors";
import { loadServerAccess, requireAbove, requirePermission, requireServerAccess } from "../../policies/access";
import { presentBan } from "../../presenters";
import { recordAudit } from "../audit/recordAudit";
import { defineCommand, defineQuery } from "../context";
import { removeMembership } from "../servers/manageServer";

export const listBans = defineQuery(async ({ serverId }: { serverId: bigint }, { tx, actor }): Promise<Ban[]> => {
  const access = await requireServerAccess(tx, serverId, actor.id);
  requirePermission(access.permissions, Permission.BanMembers);
  const rows = await tx
    .select({ ban: bans, user: { id: user.id, name: user.name, image: user.image } })
    .from(bans)
    .innerJoin(user, eq(user.id, bans.userId))
    .where(eq(bans.serverId, serverId))
    .orderBy(desc(bans.createdAt));
  return rows.map((r) => presentBan(r.ban, r.user));
});

interface BanMemberInput {
  serverId: bigint;
  userId: string;
  reason?: string;
  deleteMessageSeconds: number;
}

/**
 * Bans a person (member or not): they leave at once and no invite lets them back in.
 * Optionally soft-deletes what they wrote in the server during the last hour/day/week.
 */
export const banMember = defineCommand({ transaction: true }, async (input: BanMemberInput, ctx) => {
  const actor = await requireServerAccess(ctx.tx, input.serverId, ctx.actor.id);
  requirePermission(actor.permissions, Permission.BanMembers);
  if (input.userId === actor.userId) throw errors.badRequest("You cannot ban yourself.");
  const [person] = await ctx.tx.select({ id: user.id, name: user.name }).from(user).where(eq(user.id, input.userId));
  if (!person) throw errors.notFound("User");
  const target = await loadServerAccess(ctx.tx, input.serverId, input.userId);
  if (target) requireAbove(actor, target);
  else if (input.userId === actor.ownerId) throw errors.hierarchy("The owner cannot be banned.");

  await ctx.tx
    .insert(bans)
    .values({ serverId: input.serverId, userId: input.userId, reason: input.reason ?? null, moderatorId: actor.userId })
    .onConflictDoUpdate({ target: [bans.serverId, bans.userId], set: { reason: input.reason ?? null, moderatorId: actor.userId } });
  await removeMembership(ctx, input.serverId, input.userId, "banned");

  if (input.deleteMessageSeconds > 0) {
    const serverChannels = ctx.tx.select({ id: channels.id }).from(channels).where(eq(channels.serverId, input.serverId));
    const deleted = await ctx.tx
      .update(messages)
      .set({ deletedAt: new Date() })
      .where(
        and(
          eq(messages.authorId, input.userId),
          inArray(messages.channelId, serverChannels),
          gte(messages.id, snowflakeAt(Date.now() - input.deleteMessageSeconds * 1000)),
          isNull(messages.deletedAt),
        ),
      )
      .returning({ id: messages.id, channelId: messages.channelId });
    for (const m of deleted) ctx.record({ type: "message.deleted", channelId: m.channelId.toString(), messageId: m.id.toString() });
  }
  await recordAudit(ctx, {
    serverId: input.serverId,
    action: "member.ban",
    targetType: "member",
    targetId: input.userId,
    targetName: person.name,
    changes: input.deleteMessageSeconds ? [{ key: "deleteMessageSeconds", before: null, after: input.deleteMessageSeconds }] : [],
    reason: input.reason,
  });
});

export const unbanMember = defineCommand({ transaction: true }, async (input: { serverId: bigint; userId: string }, ctx) => {
  const actor = await requireServerAccess(ctx.tx, input.serverId, ctx.actor.id);
  requirePermission(actor.permissions, Permission.BanMembers);
  const removed = await ctx.tx
    .delete(bans)
    .where(and(eq(bans.serverId, input.serverId), eq(bans.userId, input.userId)))
    .returning();
  if (!removed.length) throw errors.notFound("Ban");
  const [person] = await ctx.tx.select({ name: user.name }).from(user).where(eq(user.id, input.userId));
  await recordAudit(ctx, { serverId: input.serverId, action: "member.unban", targetType: "member", targetId: input.userId, targetName: person?.name ?? null });
});

export async function isBanned(tx: Tx, serverId: bigint, userId: string): Promise<boolean> {
  const [row] = await tx
    .select({ userId: bans.userId })
    .from(bans)
    .where(and(eq(bans.serverId, serverId), eq(bans.userId, userId)));
  return Boolean(row);
}
