import { and, eq } from "drizzle-orm";
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
 */
export async function sendMessage(props: SendMessageInput & { channelId: bigint }, { actor, tx, record }: CommandContext) {
  const access = await requireChannelAccess(tx, props.channelId, actor.id);
  requirePermission(access.permissions, Permission.SendMessages);
  if (access.channel.type === "category") throw errors.badRequest("Messages cannot be sent to a category.");

  const nonce = props.nonce ?? null;
  const [inserted] = await tx
    .insert(messages)
    .values({ id: newId(), channelId: props.channelId, authorId: actor.id, content: props.content, nonce })
    .onConflictDoNothing({ target: [messages.channelId, messages.authorId, messages.nonce] })
    .returning();
  if (inserted) {
    const message = presentMessage(inserted, actor);
    record({ type: "message.created", channelId: message.channelId, message });
    return { message, created: true };
  }
  const [existing] = await tx
    .select()
    .from(messages)
    .where(and(eq(messages.channelId, props.channelId), eq(messages.authorId, actor.id), eq(messages.nonce, nonce!)));
  return { message: presentMessage(existing!, actor), created: false };
}
