/**
 * Turns message rows into the API's messages: authors, quoted replies, reaction
 * counts and attachments, each loaded for the whole page in one query (no query per message).
 * A history page gets all of that from its one statement instead (listMessages.ts) and
 * is presented here by `presentPageRow`, through the same presenters.
 */
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Message } from "@/shared/api";
import type { Tx } from "../../db/client";
import { attachments, calls, messages, reactions, user } from "../../db/schema";
import { presentAttachment, presentCallTrace, presentMessage } from "../../presenters";
import { inSequence } from "../../db/sequence";
import { jsonColumn as json } from "../../db/json-column";

type Row = { message: typeof messages.$inferSelect; author: { id: string; name: string; image: string | null } };

const authorColumns = { id: user.id, name: user.name, image: user.image };

/** `viewerId` fills each reaction's `me`; null for broadcasts, which go to everyone. */
export async function hydrateMessages(tx: Tx, rows: Row[], viewerId: string | null): Promise<Message[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.message.id);
  const replyIds = [...new Set(rows.map((r) => r.message.replyToId).filter((id): id is bigint => id !== null))];
  const callLineIds = rows.filter((r) => r.message.type === "call").map((r) => r.message.id);
  const [replyRows, reactionRows, attachmentRows, callRows] = await inSequence([
    () => replyIds.length
      ? tx
          .select({ message: messages, author: authorColumns })
          .from(messages)
          .leftJoin(user, eq(user.id, messages.authorId))
          .where(inArray(messages.id, replyIds))
      : Promise.resolve([]),
    () => tx
      .select({
        messageId: reactions.messageId,
        emoji: reactions.emoji,
        count: sql<number>`count(*)::int`,
        me: viewerId === null ? sql<boolean>`false` : sql<boolean>`bool_or(${reactions.userId} = ${viewerId})`,
        first: sql<Date>`min(${reactions.createdAt})`,
      })
      .from(reactions)
      .where(inArray(reactions.messageId, ids))
      .groupBy(reactions.messageId, reactions.emoji)
      .orderBy(asc(sql`min(${reactions.createdAt})`)),
    () => tx
      .select()
      .from(attachments)
      .where(and(inArray(attachments.messageId, ids), isNull(attachments.deletedAt)))
      .orderBy(asc(attachments.position), asc(attachments.id)),
    // Only pages with a call's system line pay for this query.
    () => (callLineIds.length ? tx.select().from(calls).where(inArray(calls.messageId, callLineIds)) : Promise.resolve([])),
  ]);
  const callOf = new Map(callRows.map((c) => [c.messageId!, presentCallTrace(c)]));
  const filesOf = new Map<bigint, Message["attachments"]>();
  for (const a of attachmentRows) filesOf.set(a.messageId!, [...(filesOf.get(a.messageId!) ?? []), presentAttachment(a)]);
  const replies = new Map(replyRows.map((r) => [r.message.id, r]));
  const reactionsOf = new Map<bigint, Message["reactions"]>();
  for (const r of reactionRows) {
    reactionsOf.set(r.messageId, [...(reactionsOf.get(r.messageId) ?? []), { emoji: r.emoji, count: r.count, me: r.me }]);
  }
  return rows.map(({ message, author }) => {
    const reply = message.replyToId === null ? undefined : replies.get(message.replyToId);
    return presentMessage(message, author, {
      replyTo: reply
        ? {
            id: reply.message.id,
            content: reply.message.content,
            deleted: reply.message.deletedAt !== null,
            author: reply.author?.id ? reply.author : null,
          }
        : null,
      reactions: reactionsOf.get(message.id) ?? [],
      attachments: filesOf.get(message.id) ?? [],
      call: callOf.get(message.id) ?? null,
    });
  });
}

/** Presents the given (not deleted) messages in the order of `ids`. */
export async function loadMessages(tx: Tx, ids: bigint[], viewerId: string | null): Promise<Message[]> {
  if (ids.length === 0) return [];
  const rows = await tx
    .select({ message: messages, author: authorColumns })
    .from(messages)
    .innerJoin(user, eq(user.id, messages.authorId))
    .where(and(inArray(messages.id, ids), isNull(messages.deletedAt)));
  const byId = new Map(rows.map((r) => [r.message.id, r]));
  const ordered = ids.map((id) => byId.get(id)).filter((r): r is Row => r !== undefined);
  return hydrateMessages(tx, ordered, viewerId);
}

export async function loadMessage(tx: Tx, id: bigint, viewerId: string | null): Promise<Message | null> {
  return (await loadMessages(tx, [id], viewerId))[0] ?? null;
}

type Author = Row["author"];

/** JSON columns arrive parsed from node-postgres and PGlite, and as text from some drivers. */
type Json<T> = T | string;

/**
 * One row of the page statement (listMessages.ts): ids and times as text, arrays and
 * the rare parts (a quote, reactions, files, a call) as JSON, null when there are none.
 */
export interface PageRow {
  id: string;
  type: Message["type"];
  content: string;
  nonce: string | null;
  mention_everyone: boolean;
  mention_user_ids: Json<string[]> | null;
  mention_role_ids: Json<string[]> | null;
  pinned_at: string | null;
  created_at: string;
  edited_at: string | null;
  author_id: string;
  author_name: string;
  author_image: string | null;
  reply: Json<{ id: string; content: string; deleted: boolean; author: Author | null }> | null;
  reactions: Json<Message["reactions"]> | null;
  attachments: Json<Array<{ id: string; filename: string; contentType: string; size: number; width: number | null; height: number | null; thumbnailKey: string | null }>> | null;
  call: Json<{
    id: string;
    channelId: string;
    messageId: string;
    startedBy: string;
    startedAt: string;
    endedAt: string | null;
    video: boolean;
    participantIds: string[];
    rungIds: string[];
    declinedIds: string[];
  }> | null;
}

/**
 * A timestamp as PostgreSQL writes it ("2026-12-05 22:05:50.83757+00") as an ISO time cut
 * to the millisecond, as drivers read it. In UTC, the sessions' usual zone, only the
 * punctuation changes; any other offset is read by Date.
 */
export function isoFromPg(text: string): string {
  if (text.length >= 22 && text[10] === " " && text.endsWith("+00") && (text.length === 22 || text[19] === ".")) {
    const fraction = text.length > 22 ? text.slice(20, -3) : "";
    return `${text.slice(0, 10)}T${text.slice(11, 19)}.${(fraction + "000").slice(0, 3)}Z`;
  }
  const [date, time] = text.split(" ");
  return new Date(`${date}T${time!.replace(/([+-]\d\d)$/, "$1:00")}`).toISOString();
}

const isoOrNull = (text: string | null) => (text === null ? null : isoFromPg(text));

/** One row of the page statement as the API's message: the same presenters as `hydrateMessages`. */
export function presentPageRow(row: PageRow, channelId: string): Message {
  const reply = json(row.reply);
  const call = json(row.call);
  return presentMessage(
    {
      id: row.id,
      type: row.type,
      channelId,
      content: row.content,
      nonce: row.nonce,
      mentionUserIds: json(row.mention_user_ids) ?? [],
      mentionRoleIds: json(row.mention_role_ids) ?? [],
      mentionEveryone: row.mention_everyone,
      pinnedAt: isoOrNull(row.pinned_at),
      createdAt: isoFromPg(row.created_at),
      editedAt: isoOrNull(row.edited_at),
    },
    { id: row.author_id, name: row.author_name, image: row.author_image },
    {
      replyTo: reply ? { id: reply.id, content: reply.content, deleted: reply.deleted, author: reply.author } : null,
      reactions: json(row.reactions) ?? [],
      attachments: (json(row.attachments) ?? []).map((a) => presentAttachment({ ...a, id: BigInt(a.id) })),
      call: call
        ? presentCallTrace({
            ...call,
            id: BigInt(call.id),
            channelId: BigInt(call.channelId),
            messageId: BigInt(call.messageId),
            startedAt: new Date(call.startedAt),
            endedAt: call.endedAt === null ? null : new Date(call.endedAt),
          })
        : null,
    },
  );
}
