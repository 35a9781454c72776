import { randomBytes } from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Invite } from "@/shared/api";
import { errors } from "../../errors";
import { recordAudit } from "../audit/recordAudit";
import { Permission } from "@/shared/permissions";
import { invites } from "../../db/schema";
import { requirePermission, requireServerAccess } from "../../policies/access";
import { presentInvite } from "../../presenters";
import { defineCommand, defineQuery } from "../context";

const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

/** 10 characters from a 57-letter alphabet: ~58 bits, not guessable. */
export function newInviteCode(length = 10): string {
  const bytes = randomBytes(length * 2);
  let code = "";
  for (let i = 0; code.length < length && i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b < 228) code += ALPHABET[b % ALPHABET.length]; // 228 = 4 * 57: no modulo bias
  }
  return code.length === length ? code : newInviteCode(length);
}

export const createInvite = defineCommand({ transaction: true }, async (input: { serverId: bigint; maxAge: number; maxUses: number }, ctx) => {
  const { actor, tx } = ctx;
  const access = await requireServerAccess(tx, input.serverId, actor.id);
  requirePermission(access.permissions, Permission.CreateInvite);
  await ctx.services.limiter.require("invite.create", actor.id);
  const [row] = await tx
    .insert(invites)
    .values({
      code: newInviteCode(),
      serverId: input.serverId,
      inviterId: actor.id,
      maxUses: input.maxUses,
      expiresAt: input.maxAge === 0 ? null : new Date(Date.now() + input.maxAge * 1000),
    })
    .returning();
  const invite = presentInvite(row!);
  await recordAudit(ctx, {
    serverId: input.serverId,
    action: "invite.create",
    targetType: "invite",
    targetId: invite.code,
    targetName: invite.code,
    changes: [
      { key: "maxAge", before: null, after: input.maxAge },
      { key: "maxUses", before: null, after: input.maxUses },
    ],
  });
  return invite;
});

/** Live invites of a server (not revoked, not expired, not used up). */
export const listInvites = defineQuery(async ({ serverId }: { serverId: bigint }, { tx, actor }): Promise<Invite[]> => {
  const access = await requireServerAccess(tx, serverId, actor.id);
  requirePermission(access.permissions, Permission.ManageServer);
  const rows = await tx
    .select()
    .from(invites)
    .where(and(eq(invites.serverId, serverId), isNull(invites.revokedAt)))
    .orderBy(desc(invites.createdAt));
  const now = Date.now();
  return rows
    .filter((r) => (!r.expiresAt || new Date(r.expiresAt).getTime() > now) && (r.maxUses === 0 || r.uses < r.maxUses))
    .map(presentInvite);
});

/** Revoking needs Manage Server, except for your own invites. */
export const revokeInvite = defineCommand({ transaction: true }, async (input: { code: string }, ctx) => {
  const [invite] = await ctx.tx.select().from(invites).where(and(eq(invites.code, input.code), isNull(invites.revokedAt)));
  if (!invite) throw errors.inviteInvalid("This invite is invalid or has been revoked.");
  const access = await requireServerAccess(ctx.tx, invite.serverId, ctx.actor.id);
  if (invite.inviterId !== ctx.actor.id) requirePermission(access.permissions, Permission.ManageServer);
  await ctx.tx.update(invites).set({ revokedAt: new Date() }).where(eq(invites.code, input.code));
  await recordAudit(ctx, { serverId: invite.serverId, action: "invite.delete", targetType: "invite", targetId: invite.code, targetName: invite.code });
});
