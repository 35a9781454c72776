import { and, asc, desc, eq, gt, gte, isNotNull, isNull, lt } from "drizzle-orm";
import type { Message } from "@/shared/api";
import { Permission } from "@/shared/permissions";
import type { Tx } from "../../db/client";
import { messages, user } from "../../db/schema";
import { requireChannelAccess, requirePermission } from "../../policies/access";
import { defineQuery } from "../context";
import { hydrateMessages } from "./present";
import { inSequence } from "../../db/sequence";

type Direction = { before?: bigint; after?: bigint; from?: bigint };

async function page(tx: Tx, channelId: bigint, where: Direction, limit: number) {
  const forward = where.after !== undefined || where.from !== undefined;
  const rows = await tx
    .select({ message: messages, author: { id: user.id, name: user.name, image: user.image } })
    .from(messages)
    .innerJoin(user, eq(user.id, messages.authorId))
    .where(
      and(
        eq(messages.channelId, channelId),
        isNull(messages.deletedAt),
        where.before !== undefined ? lt(messages.id, where.before) : undefined,
        where.after !== undefined ? gt(messages.id, where.after) : undefined,
        where.from !== undefined ? gte(messages.id, where.from) : undefined,
      ),
    )
    .orderBy(forward ? asc(messages.id) : desc(messages.id))
    .limit(limit);
  if (forward) rows.reverse();
  return rows;
}

/**
 * One page of history, newest first, as a keyset scan on (channel_id, id) with the
 * authors joined in the same query. `after` pages forward (what was missed) and is
 * still returned newest first; `around` centres the page on one message.
 */
export const listMessages = defineQuery(
  async (input: { channelId: bigint; before?: bigint; after?: bigint; around?: bigint; limit: number }, ctx): Promise<Message[]> => {
    const { tx } = ctx;
    const access = await requireChannelAccess(tx, input.channelId, ctx.actor.id);
    requirePermission(access.permissions, Permission.ReadMessageHistory);
    let rows;
    if (input.around !== undefined) {
      const half = Math.floor(input.limit / 2);
      const [newer, older] = await inSequence([
        () => page(tx, input.channelId, { from: input.around }, input.limit - half),
        () => page(tx, input.channelId, { before: input.around }, half),
      ]);
      rows = [...newer, ...older];
    } else {
      rows = await page(tx, input.channelId, { before: input.before, after: input.after }, input.limit);
    }
    return hydrateMessages(tx, rows, ctx.actor.id);
  },
);

/** The channel's pinned messages, most recently pinned first. */
export const listPins = defineQuery(async ({ channelId }: { channelId: bigint }, ctx): Promise<Message[]> => {
  const { tx } = ctx;
  const access = await requireChannelAccess(tx, channelId, ctx.actor.id);
  requirePermission(access.permissions, Permission.ReadMessageHistory);
  const rows = await tx
    .select({ message: messages, author: { id: user.id, name: user.name, image: user.image } })
    .from(messages)
    .innerJoin(user, eq(user.id, messages.authorId))
    .where(and(eq(messages.channelId, channelId), isNull(messages.deletedAt), isNotNull(messages.pinnedAt)))
    .orderBy(desc(messages.pinnedAt))
    .limit(50);
  return hydrateMessages(tx, rows, ctx.actor.id);
});
