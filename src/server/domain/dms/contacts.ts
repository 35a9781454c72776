/**
 * The home screen's list of people (Discord's Friends view, without friend requests):
 * everyone I share a server with or a conversation with, minus those I blocked and
 * deleted accounts. No one else: a stranger never appears.
 */
import { and, asc, eq, inArray, isNull, ne, notInArray, or } from "drizzle-orm";
import type { PublicUser } from "@/shared/api";
import { dmParticipants, members, user, userBlocks } from "../../db/schema";
import { presentUser } from "../../presenters";
import { defineQuery } from "../context";

/** Bounds one answer; the list is searched in the browser. */
const MAX_CONTACTS = 1000;

export const listContacts = defineQuery(async (_input: Record<string, never>, ctx): Promise<PublicUser[]> => {
  const { tx } = ctx;
  const me = ctx.actor.id;
  const myServers = tx.select({ id: members.serverId }).from(members).where(eq(members.userId, me));
  const myConversations = tx.select({ id: dmParticipants.channelId }).from(dmParticipants).where(eq(dmParticipants.userId, me));
  const serverPeople = tx.select({ id: members.userId }).from(members).where(inArray(members.serverId, myServers));
  const conversationPeople = tx
    .select({ id: dmParticipants.userId })
    .from(dmParticipants)
    .where(inArray(dmParticipants.channelId, myConversations));
  const blocked = tx.select({ id: userBlocks.blockedId }).from(userBlocks).where(eq(userBlocks.userId, me));
  const rows = await tx
    .select({ id: user.id, name: user.name, image: user.image })
    .from(user)
    .where(
      and(
        ne(user.id, me),
        isNull(user.deletedAt),
        or(inArray(user.id, serverPeople), inArray(user.id, conversationPeople)),
        notInArray(user.id, blocked),
      ),
    )
    .orderBy(asc(user.name), asc(user.id))
    .limit(MAX_CONTACTS);
  return rows.map(presentUser);
});
