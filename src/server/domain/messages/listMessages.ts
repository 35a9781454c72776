import { and, asc, desc, eq, gt, gte, isNotNull, isNull, lt, sql } from "drizzle-orm";
import type { Message } from "@/shared/api";
import { limits } from "@/shared/limits";
import { Permission } from "@/shared/permissions";
import type { Tx } from "../../db/client";
import { messages, user } from "../../db/schema";
import { requireChannelAccess, requirePermission } from "../../policies/access";
import { defineQuery } from "../context";
import { type PageRow, hydrateMessages, presentPageRow } from "./present";
import { inSequence } from "../../db/sequence";

const channelId = sql.placeholder("channelId");
const cursor = sql.placeholder("cursor");
const viewerId = sql.placeholder("viewerId");
/** Epoch milliseconds of a timestamp, cut (not rounded) to the millisecond as drivers read it. */
const ms = (column: string) => sql.raw(`(extract(epoch from date_trunc('milliseconds', ${column})) * 1000)::float8`);

/**
 * Everything a page presents, per message, as correlated subqueries that PostgreSQL runs
 * only for the rows the LIMIT keeps: the quoted message, reactions per emoji in the
 * order they were first given (with whether the viewer gave one), live attachments in
 * the sender's order, and a call line's call.
 */
const pageFields = {
  message: {
    id: messages.id,
    type: messages.type,
    channelId: messages.channelId,
    content: messages.content,
    nonce: messages.nonce,
    replyToId: messages.replyToId,
    mentionUserIds: messages.mentionUserIds,
    mentionRoleIds: messages.mentionRoleIds,
    mentionEveryone: messages.mentionEveryone,
    pinnedAt: messages.pinnedAt,
    createdAt: messages.createdAt,
    editedAt: messages.editedAt,
  },
  author: { id: user.id, name: user.name, image: user.image },
  reply: sql<PageRow["reply"]>`(
    select json_build_object('id', r.id::text, 'content', r.content, 'deleted', r.deleted_at is not null,
      'author', case when ru.id is null then null else json_build_object('id', ru.id, 'name', ru.name, 'image', ru.image) end)
    from messages r left join "user" ru on ru.id = r.author_id
    where r.id = ${messages.replyToId})`,
  reactions: sql<PageRow["reactions"]>`(
    select coalesce(json_agg(json_build_object('emoji', g.emoji, 'count', g.n, 'me', g.me) order by g.first), '[]'::json)
    from (
      select x.emoji, count(*)::int as n, bool_or(x.user_id = ${viewerId}) as me, min(x.created_at) as first
      from reactions x where x.message_id = ${messages.id} group by x.emoji
    ) g)`,
  attachments: sql<PageRow["attachments"]>`(
    select coalesce(json_agg(json_build_object('id', a.id::text, 'filename', a.filename, 'contentType', a.content_type,
      'size', a.size, 'width', a.width, 'height', a.height, 'thumbnailKey', a.thumbnail_key) order by a.position, a.id), '[]'::json)
    from attachments a where a.message_id = ${messages.id} and a.deleted_at is null)`,
  call: sql<PageRow["call"]>`(
    select json_build_object('id', c.id::text, 'channelId', c.channel_id::text, 'messageId', c.message_id::text,
      'startedBy', c.started_by, 'startedAt', ${ms("c.started_at")}, 'endedAt', ${ms("c.ended_at")}, 'video', c.video,
      'participantIds', c.participant_ids, 'rungIds', c.rung_ids, 'declinedIds', c.declined_ids)
    from calls c where ${messages.type} = 'call' and c.message_id = ${messages.id} limit 1)`,
};

type Direction = "before" | "after" | "from";

/**
 * One page's statement: a keyset scan on (channel_id, id) from the cursor, `forward`
 * oldest first. The page size is written into the statement, not a parameter: with
 * `LIMIT $n` PostgreSQL prices the generic plan as if a tenth of the channel were read
 * and so re-plans the statement at every execution; with the literal it keeps one plan.
 */
function pageStatement(tx: Tx, direction: Direction, limit: number) {
  const forward = direction !== "before";
  const from = direction === "before" ? lt(messages.id, cursor) : direction === "after" ? gt(messages.id, cursor) : gte(messages.id, cursor);
  return tx
    .select(pageFields)
    .from(messages)
    .innerJoin(user, eq(user.id, messages.authorId))
    .where(and(eq(messages.channelId, channelId), isNull(messages.deletedAt), from))
    .orderBy(forward ? asc(messages.id) : desc(messages.id))
    // Drizzle binds a number as a parameter; SQL goes into the text as it is.
    .limit(sql.raw(String(limit)) as unknown as number)
    .prepare(`history_${direction}_${limit}`);
}

type PageStatement = ReturnType<typeof pageStatement>;
/**
 * Prepared once per database handle, direction and page size (at most three times the
 * largest page size, most pages use the default): built and planned once, not per page.
 */
const prepared = new WeakMap<Tx, Map<string, PageStatement>>();

function statementFor(tx: Tx, direction: Direction, limit: number): PageStatement {
  // Written into the SQL text: only a whole number within the page sizes the API accepts.
  if (!Number.isInteger(limit) || limit < 1 || limit > limits.messagePageMax) throw new RangeError(`page size ${limit}`);
  let statements = prepared.get(tx);
  if (!statements) prepared.set(tx, (statements = new Map()));
  const key = `${direction}:${limit}`;
  let statement = statements.get(key);
  if (!statement) statements.set(key, (statement = pageStatement(tx, direction, limit)));
  return statement;
}

/** Above every message id: a page without `before` starts at the newest. */
const NEWEST = 2n ** 63n - 1n;

/** Newest first; a forward page is read oldest first from its cursor and turned around. */
async function page(tx: Tx, direction: Direction, input: { channelId: bigint; cursor: bigint; limit: number; viewerId: string }) {
  if (input.limit === 0) return []; // the older half of a one-message page around a message
  const rows = (await statementFor(tx, direction, input.limit).execute({ channelId: input.channelId, cursor: input.cursor, viewerId: input.viewerId })) as PageRow[];
  if (direction !== "before") rows.reverse();
  return rows;
}

/**
 * One page of history, newest first, presented: one statement returns the messages of a
 * keyset scan on (channel_id, id) with their authors, quoted messages, reactions,
 * attachments and calls. `after` pages forward (what was missed) and is still returned
 * newest first; `around` centres the page on one message (two statements).
 */
export const listMessages = defineQuery(
  async (input: { channelId: bigint; before?: bigint; after?: bigint; around?: bigint; limit: number }, ctx): Promise<Message[]> => {
    const { tx } = ctx;
    const access = await requireChannelAccess(tx, input.channelId, ctx.actor.id);
    requirePermission(access.permissions, Permission.ReadMessageHistory);
    const at = { channelId: input.channelId, viewerId: ctx.actor.id };
    let rows: PageRow[];
    if (input.around !== undefined) {
      const half = Math.floor(input.limit / 2);
      const [newer, older] = await inSequence([
        () => page(tx, "from", { ...at, cursor: input.around!, limit: input.limit - half }),
        () => page(tx, "before", { ...at, cursor: input.around!, limit: half }),
      ]);
      rows = [...newer, ...older];
    } else if (input.after !== undefined) {
      rows = await page(tx, "after", { ...at, cursor: input.after, limit: input.limit });
    } else {
      rows = await page(tx, "before", { ...at, cursor: input.before ?? NEWEST, limit: input.limit });
    }
    return rows.map(presentPageRow);
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
