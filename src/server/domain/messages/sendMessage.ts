import { and, eq, sql } from "drizzle-orm";
import type { SendMessageInput } from "@/shared/api";
import { Permission } from "@/shared/permissions";
import { newId } from "../../db/snowflake";
import { messages } from "../../db/schema";
import { errors } from "../../errors";
import { requireChannelAccess, requirePermission } from "../../policies/access";
import { presentMessage } from "../../presenters";
import type { CommandContext } from "../context";

/**
 * Sends a message. The same nonce from the same author in the same channel is the same
 * message: a retry returns the stored one (`created: false`) and publishes nothing.
 * Its one write is a single INSERT, so it runs without a surrounding transaction.
 */
export async function sendMessage(props: SendMessageInput & { channelId: bigint }, { actor, tx, record }: CommandContext) {
  const access = await requireChannelAccess(tx, props.channelId, actor.id);
  requirePermission(access.permissions, Permission.SendMessages);
  if (access.channel.type === "category") throw errors.badRequest("Messages cannot be sent to a category.");

  const nonce = props.nonce ?? null;
  // Written as SQL rather than with the query builder: this runs on every send, and
  // building the statement cost more CPU than executing it.
  const inserted = await tx.execute<MessageRow>(sql`
    insert into messages (id, channel_id, author_id, content, nonce)
    values (${newId()}, ${props.channelId}, ${actor.id}, ${props.content}, ${nonce})
    on conflict (channel_id, author_id, nonce) do nothing
    returning id, channel_id, content, nonce, created_at, edited_at`);
  const row = rowsOf<MessageRow>(inserted)[0];
  if (row) {
    const message = presentMessage(fromRow(row), actor);
    record({ type: "message.created", channelId: message.channelId, message });
    return { message, created: true };
  }
  const [existing] = await tx
    .select()
    .from(messages)
    .where(and(eq(messages.channelId, props.channelId), eq(messages.authorId, actor.id), eq(messages.nonce, nonce!)));
  return { message: presentMessage(existing!, actor), created: false };
}

interface MessageRow extends Record<string, unknown> {
  id: string | bigint;
  channel_id: string | bigint;
  content: string;
  nonce: string | null;
  created_at: Date | string;
  edited_at: Date | string | null;
}

const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

function fromRow(r: MessageRow) {
  return {
    id: BigInt(r.id),
    channelId: BigInt(r.channel_id),
    content: r.content,
    nonce: r.nonce,
    createdAt: new Date(r.created_at),
    editedAt: r.edited_at === null ? null : new Date(r.edited_at),
  };
}
