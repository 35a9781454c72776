import { and, desc, eq, isNotNull, isNull } from "drizzle-orm";
import type { Message } from "@/shared/api";
import { limits } from "@/shared/limits";
import { Permission } from "@/shared/permissions";
import type { Tx } from "../../db/client";
import { messages, user } from "../../db/schema";
import { requireChannelAccess, requirePermission } from "../../policies/access";
import { type SessionCheck, defineQuery } from "../context";
import { sessionHoldsSql } from "../../auth/session";
import { type PageRow, hydrateMessages, presentPageRow } from "./present";
import { hotStatement } from "../../db/hot-statement";
import { inSequence } from "../../db/sequence";

type Direction = "before" | "after" | "from";

/**
 * One page's statement: a keyset scan on (channel_id, id) from the cursor (`forward`:
 * oldest first), then for the page's fifty rows at once (a join each, not a subquery per
 * row) the reactions per emoji in the order they were first given (with whether the
 * viewer gave one), live attachments in the sender's order, quoted messages and a call
 * line's call, as JSON only where there are any. The rest comes as text (ids, times) and
 * booleans, which neither side has to convert: the database's work is about a third of
 * a subquery per row's, and the app parses no typed column (present.ts). The page size
 * is written into the statement, not a parameter: with `LIMIT $n` PostgreSQL prices the
 * generic plan as if a tenth of the channel were read and so re-plans the statement at
 * every execution; with the literal it keeps one plan. With a session token ($4, from a
 * cached session on PostgreSQL) rows come only while that session holds: a page with rows
 * proves it, in place of a round trip beside the statement (auth/session.ts).
 */
function pageText(direction: Direction, limit: number): string {
  const order = direction === "before" ? "desc" : "asc";
  const from = direction === "before" ? "<" : direction === "after" ? ">" : ">=";
  return `with p as materialized (
      select m.id, m.type, m.content, m.nonce, m.reply_to_id, m.mention_user_ids, m.mention_role_ids, m.mention_everyone,
        m.pinned_at, m.created_at, m.edited_at, m.author_id, u.name as author_name, u.image as author_image
      from messages m join "user" u on u.id = m.author_id
      where m.channel_id = $2 and m.deleted_at is null and m.id ${from} $3 and ${sessionHoldsSql("$4", "$1")}
      order by m.id ${order} limit ${limit}
    ), r as (
      select g.message_id, json_agg(json_build_object('emoji', g.emoji, 'count', g.n, 'me', g.me) order by g.first) as list
      from (select x.message_id, x.emoji, count(*)::int as n, bool_or(x.user_id = $1) as me, min(x.created_at) as first
            from reactions x where x.message_id in (select id from p) group by x.message_id, x.emoji) g
      group by g.message_id
    ), a as (
      select a.message_id, json_agg(json_build_object('id', a.id::text, 'filename', a.filename, 'contentType', a.content_type,
        'size', a.size, 'width', a.width, 'height', a.height, 'thumbnailKey', a.thumbnail_key) order by a.position, a.id) as list
      from attachments a where a.message_id in (select id from p) and a.deleted_at is null group by a.message_id
    ), q as (
      select r.id, json_build_object('id', r.id::text, 'content', r.content, 'deleted', r.deleted_at is not null,
        'author', case when ru.id is null then null else json_build_object('id', ru.id, 'name', ru.name, 'image', ru.image) end) as reply
      from messages r left join "user" ru on ru.id = r.author_id where r.id in (select reply_to_id from p)
    ), c as (
      select distinct on (c.message_id) c.message_id, json_build_object('id', c.id::text, 'channelId', c.channel_id::text,
        'messageId', c.message_id::text, 'startedBy', c.started_by, 'startedAt', c.started_at, 'endedAt', c.ended_at, 'video', c.video,
        'participantIds', c.participant_ids, 'rungIds', c.rung_ids, 'declinedIds', c.declined_ids) as call
      from calls c where c.message_id in (select id from p where type = 'call') order by c.message_id
    )
    select p.id::text as id, p.type, p.content, p.nonce, p.mention_everyone,
      case when cardinality(p.mention_user_ids) = 0 then null else to_json(p.mention_user_ids) end as mention_user_ids,
      case when cardinality(p.mention_role_ids) = 0 then null else to_json(p.mention_role_ids::text[]) end as mention_role_ids,
      p.pinned_at::text as pinned_at, p.created_at::text as created_at, p.edited_at::text as edited_at,
      p.author_id, p.author_name, p.author_image, q.reply, r.list as reactions, a.list as attachments, c.call
    from p left join r on r.message_id = p.id left join a on a.message_id = p.id
      left join q on q.id = p.reply_to_id left join c on c.message_id = p.id
    order by p.id ${order}`;
}

type PageStatement = ReturnType<typeof hotStatement<PageRow>>;
/**
 * Made once per direction and page size (at most three times the largest page size, most
 * pages use the default); on PostgreSQL each is prepared once per pool connection.
 */
const statements = new Map<string, PageStatement>();

function statementFor(direction: Direction, limit: number): PageStatement {
  // Written into the SQL text: only a whole number within the page sizes the API accepts.
  if (!Number.isInteger(limit) || limit < 1 || limit > limits.messagePageMax) throw new RangeError(`page size ${limit}`);
  const key = `${direction}_${limit}`;
  let statement = statements.get(key);
  if (!statement) statements.set(key, (statement = hotStatement(`history_${key}`, pageText(direction, limit))));
  return statement;
}

/** Above every message id: a page without `before` starts at the newest. */
const NEWEST = 2n ** 63n - 1n;

/** Newest first; a forward page is read oldest first from its cursor and turned around. */
async function page(
  tx: Tx,
  direction: Direction,
  input: { channelId: bigint; cursor: bigint; limit: number; viewerId: string; session: SessionCheck | undefined },
) {
  if (input.limit === 0) return []; // the older half of a one-message page around a message
  const { session } = input;
  const rows = await statementFor(direction, input.limit)(tx, [input.viewerId, input.channelId, input.cursor, session?.token ?? null]);
  // No rows proves nothing (an empty page, or a session that ended): the answer waits for the catch-up.
  if (session && rows.length > 0) session.proven = true;
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
    const at = { channelId: input.channelId, viewerId: ctx.actor.id, session: ctx.session };
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
    const channelId = input.channelId.toString();
    return rows.map((row) => presentPageRow(row, channelId));
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
