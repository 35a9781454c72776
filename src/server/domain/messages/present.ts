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

/**
 * One message of the page statement's JSON (listMessages.ts): everything `presentMessage`
 * reads, with ids as text and times as epoch milliseconds.
 */
export interface PageJson {
  id: string;
  type: PageMessage["type"];
  channelId: string;
  content: string;
  nonce: string | null;
  mentionUserIds: string[];
  mentionRoleIds: string[];
  mentionEveryone: boolean;
  pinnedAt: number | null;
  createdAt: number;
  editedAt: number | null;
  author: Author;
  reply: { id: string; content: string; deleted: boolean; author: Author | null } | null;
  reactions: Message["reactions"];
  attachments: Array<{ id: string; filename: string; contentType: string; size: number; width: number | null; height: number | null; thumbnailKey: string | null }>;
  call: {
    id: string;
    channelId: string;
    messageId: string;
    startedBy: string;
    startedAt: number;
    endedAt: number | null;
    video: boolean;
    participantIds: string[];
    rungIds: string[];
    declinedIds: string[];
  } | null;
}

type PageMessage = Pick<typeof messages.$inferSelect, "type">;

/** The page arrives parsed from node-postgres and PGlite, and as text from some drivers. */
export const pageJson = (v: PageJson[] | string): PageJson[] => (typeof v === "string" ? (JSON.parse(v) as PageJson[]) : v);

const date = (epochMs: number | null) => (epochMs === null ? null : new Date(epochMs));

/** One message of the page statement as the API's message: the same presenters as `hydrateMessages`. */
export function presentPageRow(row: PageJson): Message {
  const { reply, call } = row;
  return presentMessage(
    {
      id: BigInt(row.id),
      type: row.type,
      channelId: BigInt(row.channelId),
      content: row.content,
      nonce: row.nonce,
      mentionUserIds: row.mentionUserIds,
      mentionRoleIds: row.mentionRoleIds.map(BigInt),
      mentionEveryone: row.mentionEveryone,
      pinnedAt: date(row.pinnedAt),
      createdAt: date(row.createdAt)!,
      editedAt: date(row.editedAt),
    },
    row.author,
    {
      replyTo: reply ? { id: BigInt(reply.id), content: reply.content, deleted: reply.deleted, author: reply.author } : null,
      reactions: row.reactions,
      attachments: row.attachments.map((a) => presentAttachment({ ...a, id: BigInt(a.id) })),
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
