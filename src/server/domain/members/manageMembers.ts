import { and, eq, inArray } from "drizzle-orm";
import type { Member } from "@/shared/api";
import { limits } from "@/shared/limits";
import { Permission } from "@/shared/permissions";
import { memberRoles, members, roles, user } from "../../db/schema";
import { errors } from "../../errors";
import {
  type ServerAccess,
  loadServerAccess,
  requireAbove,
  requirePermission,
  requireRoleBelow,
  requireServerAccess,
} from "../../policies/access";
import { withVisibilitySync } from "../../policies/visibility";
import { presentMember } from "../../presenters";
import { recordAudit } from "../audit/recordAudit";
import { type CommandContext, defineCommand } from "../context";
import { removeMembership } from "../servers/manageServer";

async function requireTarget(ctx: CommandContext, serverId: bigint, userId: string): Promise<ServerAccess> {
  const target = await loadServerAccess(ctx.tx, serverId, userId);
  if (!target) throw errors.notFound("Member");
  return target;
}

async function presentMemberById(ctx: CommandContext, serverId: bigint, userId: string): Promise<Member> {
  const [row] = await ctx.tx
    .select({ member: members, user: { id: user.id, name: user.name, image: user.image } })
    .from(members)
    .innerJoin(user, eq(user.id, members.userId))
    .where(and(eq(members.serverId, serverId), eq(members.userId, userId)));
  const roleRows = await ctx.tx
    .select({ roleId: memberRoles.roleId })
    .from(memberRoles)
    .where(and(eq(memberRoles.serverId, serverId), eq(memberRoles.userId, userId)));
  return presentMember(row!.member, row!.user, [serverId, ...roleRows.map((r) => r.roleId)]);
}

async function setRoles(ctx: CommandContext, actor: ServerAccess, target: ServerAccess, roleIds: string[], reason?: string) {
  const serverId = actor.serverId;
  requirePermission(actor.permissions, Permission.ManageRoles);
  const wanted = new Set(roleIds.map(BigInt).filter((id) => id !== serverId));
  const current = new Set(target.roleIds.filter((id) => id !== serverId));
  const added = [...wanted].filter((id) => !current.has(id));
  const removed = [...current].filter((id) => !wanted.has(id));
  if (!added.length && !removed.length) return;
  const touched = await ctx.tx
    .select()
    .from(roles)
    .where(and(eq(roles.serverId, serverId), inArray(roles.id, [...added, ...removed])));
  if (touched.length !== added.length + removed.length) throw errors.notFound("Role");
  for (const r of touched) requireRoleBelow(actor, r.position);
  await withVisibilitySync(ctx, serverId, { userId: target.userId }, async () => {
    if (removed.length) {
      await ctx.tx
        .delete(memberRoles)
        .where(and(eq(memberRoles.serverId, serverId), eq(memberRoles.userId, target.userId), inArray(memberRoles.roleId, removed)));
    }
    if (added.length) {
      await ctx.tx.insert(memberRoles).values(added.map((roleId) => ({ serverId, userId: target.userId, roleId })));
    }
  });
  const name = (id: bigint) => touched.find((r) => r.id === id)!.name;
  await recordAudit(ctx, {
    serverId,
    action: "member.roles",
    targetType: "member",
    targetId: target.userId,
    targetName: await userName(ctx, target.userId),
    changes: [
      ...(added.length ? [{ key: "roles.add", before: null, after: added.map(name) }] : []),
      ...(removed.length ? [{ key: "roles.remove", before: removed.map(name), after: null }] : []),
    ],
    reason,
  });
}

async function userName(ctx: CommandContext, userId: string): Promise<string | null> {
  const [row] = await ctx.tx.select({ name: user.name }).from(user).where(eq(user.id, userId));
  return row?.name ?? null;
}

interface UpdateMemberInput {
  serverId: bigint;
  userId: string;
  roles?: string[];
  timeoutUntil?: string | null;
  nickname?: string | null;
  reason?: string;
}

export const updateMember = defineCommand({ transaction: true }, async (input: UpdateMemberInput, ctx) => {
  const actor = await requireServerAccess(ctx.tx, input.serverId, ctx.actor.id);
  const target = await requireTarget(ctx, input.serverId, input.userId);
  const self = target.userId === actor.userId;

  if (input.roles !== undefined) {
    if (!self) requireAbove(actor, target);
    await setRoles(ctx, actor, target, input.roles, input.reason);
  }
  if (input.timeoutUntil !== undefined) {
    requirePermission(actor.permissions, Permission.ModerateMembers);
    if (self) throw errors.badRequest("You cannot time yourself out.");
    requireAbove(actor, target);
    if (target.permissions & Permission.Administrator) throw errors.hierarchy("Administrators cannot be timed out.");
    const until = input.timeoutUntil === null ? null : new Date(input.timeoutUntil);
    if (until && (until.getTime() <= Date.now() || until.getTime() > Date.now() + limits.timeoutMaxSeconds * 1000)) {
      throw errors.badRequest("A timeout must end in the future and within 28 days.");
    }
    await withVisibilitySync(ctx, input.serverId, { userId: input.userId }, () =>
      ctx.tx.update(members).set({ timeoutUntil: until }).where(and(eq(members.serverId, input.serverId), eq(members.userId, input.userId))),
    );
    await recordAudit(ctx, {
      serverId: input.serverId,
      action: "member.timeout",
      targetType: "member",
      targetId: input.userId,
      targetName: await userName(ctx, input.userId),
      changes: [{ key: "timeoutUntil", before: null, after: until?.toISOString() ?? null }],
      reason: input.reason,
    });
  }
  if (input.nickname !== undefined) {
    if (self) requirePermission(actor.permissions, Permission.ChangeNickname);
    else {
      requirePermission(actor.permissions, Permission.ManageNicknames);
      requireAbove(actor, target);
    }
    await ctx.tx
      .update(members)
      .set({ nickname: input.nickname || null })
      .where(and(eq(members.serverId, input.serverId), eq(members.userId, input.userId)));
    await recordAudit(ctx, {
      serverId: input.serverId,
      action: "member.nickname",
      targetType: "member",
      targetId: input.userId,
      targetName: await userName(ctx, input.userId),
      changes: [{ key: "nickname", before: null, after: input.nickname || null }],
    });
  }
  const member = await presentMemberById(ctx, input.serverId, input.userId);
  ctx.record({ type: "member.updated", member });
  return member;
});

export const kickMember = defineCommand({ transaction: true }, async (input: { serverId: bigint; userId: string; reason?: string }, ctx) => {
  const actor = await requireServerAccess(ctx.tx, input.serverId, ctx.actor.id);
  requirePermission(actor.permissions, Permission.KickMembers);
  if (input.userId === actor.userId) throw errors.badRequest("Use leave to leave a server.");
  const target = await requireTarget(ctx, input.serverId, input.userId);
  requireAbove(actor, target);
  const name = await userName(ctx, input.userId);
  await removeMembership(ctx, input.serverId, input.userId, "kicked");
  await recordAudit(ctx, { serverId: input.serverId, action: "member.kick", targetType: "member", targetId: input.userId, targetName: name, reason: input.reason });
});
