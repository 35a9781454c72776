import { and, asc, countDistinct, eq } from "drizzle-orm";
import type { PublicUser } from "@/shared/api";
import { limits } from "@/shared/limits";
import { Permission } from "@/shared/permissions";
import { reactions, user } from "../../db/schema";
import { errors } from "../../errors";
import { requirePermission } from "../../policies/access";
import { presentUser } from "../../presenters";
import { defineCommand, defineQuery } from "../context";
import { requireMessage } from "./manageMessages";

type Input = { channelId: bigint; messageId: bigint; emoji: string };

/** Its one write is the INSERT; a repeat of the same reaction changes nothing and tells nobody. */
export const addReaction = defineCommand({ transaction: false }, async (input: Input, ctx) => {
  const { access, message } = await requireMessage(ctx.tx, input.channelId, input.messageId, ctx.actor.id);
  requirePermission(access.permissions, Permission.AddReactions);
  const [{ kinds }] = (await ctx.tx
    .select({ kinds: countDistinct(reactions.emoji) })
    .from(reactions)
    .where(eq(reactions.messageId, message.id))) as [{ kinds: number }];
  const [existingKind] = await ctx.tx
    .select({ emoji: reactions.emoji })
    .from(reactions)
    .where(and(eq(reactions.messageId, message.id), eq(reactions.emoji, input.emoji)))
    .limit(1);
  if (!existingKind && kinds >= limits.reactionsPerMessageMax) {
    throw errors.badRequest(`A message can have at most ${limits.reactionsPerMessageMax} different reactions.`);
  }
  // Adds and removes share one limit (a toggle is one of each).
  await ctx.services.limiter.require("reaction", ctx.actor.id);
  const added = await ctx.tx
    .insert(reactions)
    .values({ messageId: message.id, userId: ctx.actor.id, emoji: input.emoji })
    .onConflictDoNothing()
    .returning();
  if (added.length) {
    ctx.record({ type: "reaction.added", channelId: input.channelId.toString(), messageId: message.id.toString(), emoji: input.emoji, userId: ctx.actor.id });
  }
});

export const removeReaction = defineCommand({ transaction: false }, async (input: Input, ctx) => {
  const { message } = await requireMessage(ctx.tx, input.channelId, input.messageId, ctx.actor.id);
  await ctx.services.limiter.require("reaction", ctx.actor.id);
  const removed = await ctx.tx
    .delete(reactions)
    .where(and(eq(reactions.messageId, message.id), eq(reactions.emoji, input.emoji), eq(reactions.userId, ctx.actor.id)))
    .returning();
  if (removed.length) {
    ctx.record({ type: "reaction.removed", channelId: input.channelId.toString(), messageId: message.id.toString(), emoji: input.emoji, userId: ctx.actor.id });
  }
});

/** Who reacted with this emoji, first first (at most 100). */
export const listReactors = defineQuery(async (input: Input, ctx): Promise<PublicUser[]> => {
  const { message } = await requireMessage(ctx.tx, input.channelId, input.messageId, ctx.actor.id);
  const rows = await ctx.tx
    .select({ id: user.id, name: user.name, image: user.image })
    .from(reactions)
    .innerJoin(user, eq(user.id, reactions.userId))
    .where(and(eq(reactions.messageId, message.id), eq(reactions.emoji, input.emoji)))
    .orderBy(asc(reactions.createdAt))
    .limit(100);
  return rows.map(presentUser);
});
