import { and, asc, countDistinct, eq } from "drizzle-orm";
import type { PublicUser } from "@/shared/api";
import { limits } from "@/shared/limits";
import { Permission } from "@/shared/permissions";
import type { Tx } from "../../db/client";
import { reactions, user } from "../../db/schema";
import { errors } from "../../errors";
import { requirePermission } from "../../policies/access";
import { presentUser } from "../../presenters";
import type { CommandContext } from "../context";
import { requireMessage } from "./manageMessages";

type Props = { channelId: bigint; messageId: bigint; emoji: string };

export async function addReaction(props: Props, ctx: CommandContext) {
  const { access, message } = await requireMessage(ctx.tx, props.channelId, props.messageId, ctx.actor.id);
  requirePermission(access.permissions, Permission.AddReactions);
  const [{ kinds }] = (await ctx.tx
    .select({ kinds: countDistinct(reactions.emoji) })
    .from(reactions)
    .where(eq(reactions.messageId, message.id))) as [{ kinds: number }];
  const [existingKind] = await ctx.tx
    .select({ emoji: reactions.emoji })
    .from(reactions)
    .where(and(eq(reactions.messageId, message.id), eq(reactions.emoji, props.emoji)))
    .limit(1);
  if (!existingKind && kinds >= limits.reactionsPerMessageMax) {
    throw errors.badRequest(`A message can have at most ${limits.reactionsPerMessageMax} different reactions.`);
  }
  const added = await ctx.tx
    .insert(reactions)
    .values({ messageId: message.id, userId: ctx.actor.id, emoji: props.emoji })
    .onConflictDoNothing()
    .returning();
  if (added.length) {
    ctx.record({ type: "reaction.added", channelId: props.channelId.toString(), messageId: message.id.toString(), emoji: props.emoji, userId: ctx.actor.id });
  }
}

export async function removeReaction(props: Props, ctx: CommandContext) {
  const { message } = await requireMessage(ctx.tx, props.channelId, props.messageId, ctx.actor.id);
  const removed = await ctx.tx
    .delete(reactions)
    .where(and(eq(reactions.messageId, message.id), eq(reactions.emoji, props.emoji), eq(reactions.userId, ctx.actor.id)))
    .returning();
  if (removed.length) {
    ctx.record({ type: "reaction.removed", channelId: props.channelId.toString(), messageId: message.id.toString(), emoji: props.emoji, userId: ctx.actor.id });
  }
}

/** Who reacted with this emoji, first first (at most 100). */
export async function listReactors(tx: Tx, actorId: string, props: Props): Promise<PublicUser[]> {
  const { message } = await requireMessage(tx, props.channelId, props.messageId, actorId);
  const rows = await tx
    .select({ id: user.id, name: user.name, image: user.image })
    .from(reactions)
    .innerJoin(user, eq(user.id, reactions.userId))
    .where(and(eq(reactions.messageId, message.id), eq(reactions.emoji, props.emoji)))
    .orderBy(asc(reactions.createdAt))
    .limit(100);
  return rows.map(presentUser);
}
