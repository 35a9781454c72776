import { type SQL, and, arrayOverlaps, desc, eq, gte, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { SearchResult } from "@/shared/api";
import type { SelectedFields } from "drizzle-orm/pg-core";
import type { Tx } from "../../db/client";
import { members, messageSearch, messages, user } from "../../db/schema";
import { defineQuery } from "../context";
import { loadMessages } from "../messages/present";
import { hasLinkCondition, isSearchable, rankExpression, termCondition } from "./conditions";
import { compileHighlighter } from "./highlight";
import { catchUpSearchIndex } from "./indexer";
import { type ParsedQuery, isEmptyQuery, parseSearchQuery } from "./query";
import { type ReadableChannel, readableChannel, readableChannels } from "./readableChannels";

/** Bounds the count of filter-only searches over big channels; the UI shows "1000+" at the cap. */
export const TOTAL_CAP = 1000;

export interface SearchInput {
  /** One server's readable channels, or one channel (a direct conversation, say). */
  scope: { serverId: bigint } | { channelId: bigint };
  q: string;
  limit: number;
  offset: number;
}

const nothing: SearchResult = { total: 0, messages: [] };

/**
 * Searches the messages of one server, or of one channel, that the viewer may read (see
 * readableChannels), full-text hits first by rank, then newest first. `total` is capped
 * at TOTAL_CAP. A search of words (or links) first indexes what is still queued
 * (indexer.ts), so it sees every message sent before it; filters alone read `messages`.
 */
export const searchMessages = defineQuery(async (input: SearchInput, ctx): Promise<SearchResult> => {
  const { tx } = ctx;
  const viewerId = ctx.actor.id;
  const scope = input.scope;
  const readable =
    "serverId" in scope ? await readableChannels(tx, scope.serverId, viewerId) : await readableChannel(tx, scope.channelId, viewerId);
  const serverId = "serverId" in scope ? scope.serverId : null;
  const parsed = parseSearchQuery(input.q);
  const query = { ...parsed, terms: parsed.terms.filter(isSearchable) };
  const channelIds = pickChannels(readable, query.in);
  // No message has a file until attachments exist; has:file then becomes a join.
  if (channelIds.length === 0 || isEmptyQuery(query) || query.has.includes("file")) return nothing;

  const hits = await hitsOf(tx, serverId, channelIds, query);
  if (!hits) return nothing;
  if (hits.from !== "messages") await catchUpSearchIndex(tx);
  const rank = rankExpression(query.terms);

  const { ids, total } = rank ? await rankedPage(tx, hits, rank, input) : await newestPage(tx, hits, input);
  const presented = await loadMessages(tx, ids, viewerId);
  const highlight = compileHighlighter(query.terms);
  return { total, messages: presented.map((m) => ({ ...m, highlights: highlight(m.content) })) };
});

interface Page {
  ids: bigint[];
  total: number;
}

/**
 * What matches, and where it is read: words and links in `message_search` alone (one
 * table, so the planner serves the text from its GIN indexes as it did when they were
 * on `messages`), filters alone in `messages`, both through a join.
 */
interface Hits {
  where: SQL;
  from: "search" | "messages" | "both";
  /** The message id column of that source, for the order and the page. */
  id: typeof messages.id | typeof messageSearch.messageId;
}

/** The source of `hits` with its conditions. (A join keeps the rows' shape as selected, so one type serves.) */
function select<T extends SelectedFields>(tx: Tx, fields: T, hits: Hits) {
  const plain = tx.select(fields).from(messages).$dynamic();
  const query =
    hits.from === "messages"
      ? plain
      : hits.from === "search"
        ? (tx.select(fields).from(messageSearch).$dynamic() as unknown as typeof plain)
        : (tx.select(fields).from(messageSearch).$dynamic().innerJoin(messages, eq(messages.id, messageSearch.messageId)) as unknown as typeof plain);
  return query.where(hits.where);
}

/**
 * Ordering by rank reads every hit anyway, so the total comes from the same scan
 * (a window count) instead of a second one.
 */
async function rankedPage(tx: Tx, hits: Hits, rank: SQL, range: Pick<SearchInput, "limit" | "offset">): Promise<Page> {
  const rows = await select(tx, { id: hits.id, total: sql<number>`count(*) over ()::int` }, hits)
    .orderBy(desc(rank), desc(hits.id))
    .limit(range.limit)
    .offset(range.offset);
  if (rows.length === 0 && range.offset > 0) return { ids: [], total: await cappedCount(tx, hits) };
  return { ids: rows.map((r) => r.id), total: Math.min(rows[0]?.total ?? 0, TOTAL_CAP) };
}

/** Newest first walks the id index backwards and stops early; the count stops at the cap. */
async function newestPage(tx: Tx, hits: Hits, range: Pick<SearchInput, "limit" | "offset">): Promise<Page> {
  const total = await cappedCount(tx, hits);
  // Past the cap there may be more hits than counted, so only a smaller total ends the list.
  if (total < TOTAL_CAP && range.offset >= total) return { ids: [], total };
  const rows = await select(tx, { id: hits.id }, hits).orderBy(desc(hits.id)).limit(range.limit).offset(range.offset);
  return { ids: rows.map((r) => r.id), total };
}

async function cappedCount(tx: Tx, hits: Hits): Promise<number> {
  const [counted] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(select(tx, { one: sql`1` }, hits).limit(TOTAL_CAP).as("capped"));
  return counted?.n ?? 0;
}

/** `in:` narrows to readable channels by id or name; an unknown or hidden channel matches nothing. */
function pickChannels(readable: ReadableChannel[], wanted: string[]): bigint[] {
  if (wanted.length === 0) return readable.map((c) => c.id);
  const lowered = wanted.map((w) => w.toLowerCase());
  return readable.filter((c) => wanted.includes(c.id.toString()) || lowered.includes(c.name.toLowerCase())).map((c) => c.id);
}

/** Null when a filter can match nobody, so the search returns at once. */
async function hitsOf(tx: Tx, serverId: bigint | null, channelIds: bigint[], query: ParsedQuery): Promise<Hits | null> {
  const text = query.terms.length > 0 || query.has.includes("link");
  const filters = query.from.length > 0 || query.mentions.length > 0 || query.before !== null || query.after !== null;
  const from = !text ? "messages" : filters ? "both" : "search";
  const conditions: Array<SQL | undefined> = text
    ? // Only people's messages are indexed, and a deleted one's row is emptied (indexer.ts).
      [inArray(messageSearch.channelId, channelIds), ...query.terms.map(termCondition)]
    : // A call's system line has no words: search is for what people wrote.
      [inArray(messages.channelId, channelIds), isNull(messages.deletedAt), eq(messages.type, "default")];
  if (from === "both") conditions.push(isNull(messages.deletedAt));
  if (query.from.length > 0) {
    const authors = await resolvePeople(tx, serverId, query.from);
    if (authors.length === 0) return null;
    conditions.push(inArray(messages.authorId, authors));
  }
  if (query.mentions.length > 0) {
    const mentioned = await resolvePeople(tx, serverId, query.mentions);
    if (mentioned.length === 0) return null;
    conditions.push(arrayOverlaps(messages.mentionUserIds, mentioned));
  }
  if (query.has.includes("link")) conditions.push(hasLinkCondition);
  if (query.before) conditions.push(lt(messages.createdAt, query.before));
  if (query.after) conditions.push(gte(messages.createdAt, query.after));
  const where = and(...conditions);
  return where ? { where, from, id: text ? messageSearch.messageId : messages.id } : null;
}

/**
 * A person by id, by exact name (any case) or by nickname in this server. Not limited
 * to current members: people who left keep their messages, and the channel
 * restriction already decides what may be seen.
 */
async function resolvePeople(tx: Tx, serverId: bigint | null, values: string[]): Promise<string[]> {
  const lowered = values.map((v) => v.toLowerCase());
  const byNickname =
    serverId === null
      ? undefined
      : inArray(
          user.id,
          tx
            .select({ id: members.userId })
            .from(members)
            .where(and(eq(members.serverId, serverId), inArray(sql`lower(${members.nickname})`, lowered))),
        );
  const rows = await tx
    .select({ id: user.id })
    .from(user)
    .where(or(inArray(user.id, values), inArray(sql`lower(${user.name})`, lowered), byNickname));
  return rows.map((r) => r.id);
}
