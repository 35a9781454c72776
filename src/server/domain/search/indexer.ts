/**
 * The search index is written after the send, not in it.
 *
 * A send's INSERT into `messages` used to compute a tsvector and write two GIN indexes
 * (full text and trigrams): more than half of its own work for a sentence, four fifths
 * of its WAL, and the send waited for them. Now the words live
 * in `message_search`, and triggers on `messages` (migration 0013) only add the message's
 * id to `message_search_queue`, a heap without an index. The indexer takes the queue
 * and indexes its messages in one INSERT … SELECT per batch:
 *
 * - woken by this process's own message events (sends, edits, deletes), a moment
 *   later, so a burst of sends is indexed by one statement;
 * - every second on the cluster's leader (app-server.ts), for what was written some
 *   other way (a process that stopped before indexing its last sends, an import);
 * - and by search itself, first (`catchUpSearchIndex`): a search always sees every
 *   committed message, and the background runs keep that catch-up small.
 *
 * Several runs may go at once (search, and the indexers of several processes on one
 * PostgreSQL): each takes its own queue rows (a row another run is taking waits for it,
 * then is skipped), so search still sees a run in progress once it commits. A send and
 * its edit taken by two runs could commit in either order, so a search row remembers
 * the queue row it was indexed for and is only overwritten for a later one: the queue's
 * `seq` follows the order of the writes, and a run that sees a queue row sees its text.
 * Each run is one statement: no transaction, no lock.
 *
 * Edits and deletes are queued again by a trigger on `content` and `deleted_at`: an edit
 * is re-indexed (ON CONFLICT DO UPDATE), a deleted message's row is emptied (no text,
 * so nothing matches it; emptied rather than removed, so its `queue_seq` still keeps an
 * older run from writing the text back). Search of words then reads `message_search`
 * alone; author, mentions and dates come from `messages` through a join. A message
 * that is really removed (its channel or server deleted) takes its search row with it
 * (foreign key cascade).
 */
import { sql } from "drizzle-orm";
import type { Logger } from "pino";
import type { Db, Tx } from "../../db/client";
import type { EventSubscriber } from "../event-bus";
import type { DomainEvent } from "../events";

/** Messages per statement: a backlog (an import) goes in steps that other work can pass between. */
const BATCH = 5_000;

/** How long after a local send the indexer runs: sends of the next moment share its statement. */
const WAKE_DELAY_MS = 100;

/** After a run that indexed this many, refresh the table's statistics (PGlite has no autovacuum). */
const ANALYZE_AFTER = 10_000;

/** PGlite has no autovacuum: the queue's dead rows are cleared this often, or the table only grows. */
const PGLITE_VACUUM_EVERY_MS = 60_000;

/**
 * Indexes one batch of the queue: the number of queue rows taken. A message queued twice
 * (sent, then edited) is indexed once, for its latest queue row (ON CONFLICT DO UPDATE
 * may touch a row once per statement); a deleted one gets an empty row. A message gone
 * since (its channel deleted) is dropped with its queue rows.
 */
async function indexBatch(db: Db | Tx): Promise<number> {
  const result = await db.execute(sql`
    with taken as (
      delete from message_search_queue
      where ctid = any(array(select ctid from message_search_queue limit ${BATCH}))
      returning message_id, seq
    ), latest as (
      select message_id, max(seq) as seq from taken group by message_id
    ), indexed as (
      insert into message_search (message_id, channel_id, content, search, queue_seq)
      select m.id, m.channel_id,
        case when m.deleted_at is null then m.content else '' end,
        case when m.deleted_at is null then to_tsvector('simple', m.content) else ''::tsvector end,
        latest.seq
      from latest join messages m on m.id = latest.message_id
      where m.type = 'default'
      on conflict (message_id) do update
        set content = excluded.content, search = excluded.search, queue_seq = excluded.queue_seq
        where message_search.queue_seq < excluded.queue_seq
    )
    select count(*)::int as n from taken`);
  return (result as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0;
}

async function rowsOf<T>(db: Db | Tx, query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

/**
 * Indexes everything queued until now (waiting for the queue rows another run is
 * taking): what search calls before it reads `message_search`. Rows queued after it
 * started are left to the background runs, so a busy channel cannot keep a search
 * waiting. The number of queue rows taken here.
 */
export async function catchUpSearchIndex(db: Db | Tx): Promise<number> {
  const [last] = await rowsOf<{ seq: string | null }>(db, sql`select max(seq)::text as seq from message_search_queue`);
  if (!last?.seq) return 0;
  let indexed = 0;
  for (;;) {
    indexed += await indexBatch(db);
    const [left] = await rowsOf<{ left: boolean }>(db, sql`select exists (select 1 from message_search_queue where seq <= ${last.seq}::bigint) as left`);
    if (!left?.left) break;
  }
  if (indexed >= ANALYZE_AFTER) await db.execute(sql`analyze message_search`);
  return indexed;
}

export interface SearchIndexer {
  /** Told of committed events: a local send, edit or delete wakes the indexer. */
  subscriber: EventSubscriber;
  /** Indexes the backlog (the leader's periodic job; a send or edit here schedules one too). */
  run(): Promise<void>;
  /** Stops the wake timer and waits for a run in progress (before the database closes). */
  stop(): Promise<void>;
}

export function createSearchIndexer(db: Db, kind: "pglite" | "postgres", log: Logger): SearchIndexer {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  let lastVacuum = Date.now();

  const drain = async () => {
    let indexed = 0;
    let taken: number;
    // A full batch means a backlog (an import): go on. Otherwise what came meanwhile waits
    // for the next wake or tick.
    do {
      taken = await indexBatch(db);
      indexed += taken;
    } while (taken >= BATCH && !stopped);
    if (indexed >= ANALYZE_AFTER) await db.execute(sql`analyze message_search`);
    if (kind === "pglite" && indexed > 0 && Date.now() - lastVacuum > PGLITE_VACUUM_EVERY_MS) {
      lastVacuum = Date.now();
      await db.execute(sql`vacuum message_search_queue`);
    }
  };

  const run = (): Promise<void> => {
    if (running) {
      // Sends committed during this run may have been queued after its snapshot.
      again = true;
      return running;
    }
    running = drain()
      .catch((err: unknown) => log.warn({ err }, "search indexing failed; it is retried on the next send or tick"))
      .finally(() => {
        running = undefined;
        if (again && !stopped) {
          again = false;
          wake();
        }
      });
    return running;
  };

  const wake = () => {
    if (timer || stopped) return;
    timer = setTimeout(() => {
      timer = undefined;
      void run();
    }, WAKE_DELAY_MS);
    timer.unref();
  };

  const subscriber: EventSubscriber = {
    name: "search indexer",
    handle(events: DomainEvent[]) {
      if (events.some((e) => e.type === "message.created" || e.type === "message.updated" || e.type === "message.deleted")) wake();
    },
  };

  return {
    subscriber,
    run,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      timer = undefined;
      await running;
    },
  };
}
