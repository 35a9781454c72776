import { and, desc, eq, gt, lt, asc, isNull } from "drizzle-orm";
import type { Message } from "@/shared/api";
import { Permission } from "@/shared/permissions";
import type { Tx } from "../../db/client";
import { messages, user } from "../../db/schema";
import { requireChannelAccess, requirePermission } from "../../policies/access";
import { presentMessage } from "../../presenters";

/**
 * One page of history, newest first, as a keyset scan on (channel_id, id) with the
 * authors joined in the same query. `after` pages forward (what was missed) and is
 * still returned newest first.
 */
export async function listMessages(
  tx: Tx,
  actorId: string,
  props: { channelId: bigint; before?: bigint; after?: bigint; limit: number },
): Promise<Message[]> {
  const access = await requireChannelAccess(tx, props.channelId, actorId);
  requirePermission(access.permissions, Permission.ReadMessageHistory);
  const forward = props.after !== undefined;
  const rows = await tx
    .select({ message: messages, author: { id: user.id, name: user.name, image: user.image } })
    .from(messages)
    .innerJoin(user, eq(user.id, messages.authorId))
    .where(
      and(
        eq(messages.channelId, props.channelId),
        isNull(messages.deletedAt),
        props.before !== undefined ? lt(messages.id, props.before) : undefined,
        forward ? gt(messages.id, props.after!) : undefined,
      ),
    )
    .orderBy(forward ? asc(messages.id) : desc(messages.id))
    .limit(props.limit);
  if (forward) rows.reverse();
  return rows.map((r) => presentMessage(r.message, r.author));
}
