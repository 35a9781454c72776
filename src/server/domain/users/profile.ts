/**
 * Profiles: reading one (oneself, or someone sharing a server) and changing one's own.
 */
import { and, eq, exists, sql } from "drizzle-orm";
import type { SelfUser, UpdateProfileInput, UserProfile } from "@/shared/api";
import type { Tx } from "../../db/client";
import { account, members, user } from "../../db/schema";
import { errors } from "../../errors";
import { sharesServer } from "../../policies/people";
import { presentCustomStatus, presentProfile, presentSelf, presentUser } from "../../presenters";
import { defineCommand, defineQuery } from "../context";
import { isUniqueViolation } from "../../db/violations";

export async function serverIdsOf(db: Tx, userId: string): Promise<string[]> {
  const rows = await db.select({ serverId: members.serverId }).from(members).where(eq(members.userId, userId));
  return rows.map((r) => r.serverId.toString());
}

export async function hasPassword(db: Tx, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: account.id })
    .from(account)
    .where(and(eq(account.userId, userId), eq(account.providerId, "credential")))
    .limit(1);
  return !!row;
}

/** The signed-in person as they see themselves (email, 2FA, whether they have a password). */
export const getSelf = defineQuery(async (_input: Record<string, never>, ctx): Promise<SelfUser> => {
  const credential = ctx.tx
    .select({ id: account.id })
    .from(account)
    .where(and(eq(account.userId, ctx.actor.id), eq(account.providerId, "credential")));
  const [row] = await ctx.tx
    .select({ user, hasPassword: exists(credential).mapWith(Boolean) })
    .from(user)
    .where(eq(user.id, ctx.actor.id));
  if (!row) throw errors.unauthorized();
  return presentSelf(row.user, { hasPassword: row.hasPassword });
});

/**
 * A profile is visible to its owner and to anyone sharing a server with them; a deleted
 * account's (which says only "Deleted user") to anyone. Others get 404, not 403, so
 * ids cannot be probed for existence.
 */
export const getProfile = defineQuery(async (input: { userId: string }, ctx): Promise<UserProfile> => {
  const viewerId = ctx.actor.id;
  const [row] = await ctx.tx
    .select({
      user,
      shares: sql<boolean>`${input.userId} = ${viewerId} or ${sharesServer(viewerId, input.userId)}`,
    })
    .from(user)
    .where(eq(user.id, input.userId));
  if (!row || (!row.shares && !row.user.deletedAt)) throw errors.notFound("User");
  return presentProfile(row.user);
});

/** Changes one's own profile: one UPDATE of the user row. */
export const updateProfile = defineCommand(
  { transaction: false },
  async (input: UpdateProfileInput & { username?: string }, ctx): Promise<SelfUser> => {
    const set: Partial<typeof user.$inferInsert> = { updatedAt: new Date() };
    if (input.name !== undefined) set.name = input.name;
    if (input.username !== undefined) set.username = input.username;
    if (input.about !== undefined) set.about = input.about;
    if (input.bannerColor !== undefined) set.bannerColor = input.bannerColor;
    if (input.customStatus !== undefined) {
      set.customStatus = input.customStatus?.text ?? null;
      set.customStatusExpiresAt = input.customStatus?.expiresAt ? new Date(input.customStatus.expiresAt) : null;
    }
    let updated: typeof user.$inferSelect | undefined;
    try {
      [updated] = await ctx.tx.update(user).set(set).where(eq(user.id, ctx.actor.id)).returning();
    } catch (err) {
      // Checked by the unique index, so two people racing for one name cannot both win.
      if (isUniqueViolation(err)) throw errors.usernameTaken();
      throw err;
    }
    if (!updated) throw errors.unauthorized();
    // Sessions cached on any process carry the old row (username, about... tell no event).
    await ctx.services.invalidation.forgetUser(updated.id);
    if (input.name !== undefined || input.customStatus !== undefined) {
      ctx.record({
        type: "user.updated",
        userId: updated.id,
        serverIds: await serverIdsOf(ctx.tx, updated.id),
        user: presentUser(updated),
        customStatus: presentCustomStatus(updated),
      });
    }
    return presentSelf(updated, { hasPassword: await hasPassword(ctx.tx, updated.id) });
  },
);
