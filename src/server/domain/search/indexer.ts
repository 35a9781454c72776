/**
 * The search index is written after the send, not in it.
 *
 * A send's INSERT into `messages` used to compute a tsvector and write two GIN indexes
 * (full text and trigrams): most of the database's work per message. Now the words live
 * in `message_search`, and triggers on `messages` (migration 0013) only add the message's
 * id to `message_search_queue`, a heap without an index. The indexer takes the queue
 * and indexes its messages in one INSERT … SELECT per batch:
 *
 * - woken by this process's own message events (sends and edits), a moment later, so a
 *   burst of sends is indexed by one statement;
 * - every second on the cluster's leader (app-server.ts), for what was written some
 *   other way (a process that stopped before indexing its last sends, an import);
 * - and by search itself, first (`catchUpSearchIndex`): a search always sees every
 *   committed message, and the background runs keep that catch-up small.
 *
 * Runs are serialised across processes by a transaction-level advisory lock: the batch
 * reads messages in a snapshot taken after the previous run committed, so an edit can
 * never be overwritten by an older run's copy of the text. The background runs skip
 * when another run holds the lock (it indexes what they would have); search waits for it.
 *
 * Edits are queued again by a trigger on `content` and re-indexed (ON CONFLICT DO
 * UPDATE). Deletes need nothing here: search reads `deleted_at` (and channel, type,
 * author, dates) from `messages` through a join, and a message that is really removed
 * (its channel or server deleted) takes its search row with it (foreign key cascade).
 */
import { sql } from "drizzle-orm";
import type { Logger } from "pino";
import type { Db, Tx } from "../../db/client";
import type { EventSubscriber } from "../event-bus";
import type { DomainEvent } from "../events";

/** Key of the advisory lock that serialises indexer runs between processes. */
const INDEXER_LOCK = 7_142_205_634;

/** Messages per statement: a backlog (an import) goes in steps that other work can pass between. */
const BATCH = 5_000;

/** How long after a local send the indexer runs: sends of the next moment share its statement. */
const WAKE_DELAY_MS = 100;

/** After a run that indexed this many, refresh the table's statistics (PGlite has no autovacuum). */
const ANALYZE_AFTER = 10_000;

/** PGlite has no autovacuum: the queue's dead rows are cleared this often, or the table only grows. */
const PGLITE_VACUUM_EVERY_MS = 60_000;

/**
 * Indexes one batch of the queue; the number of queue rows taken. `wait`: wait for a
 * run in progress elsewhere (search) or skip (null) when there is one (background).
 */
async function indexBatch(db: Db | Tx, wait: boolean): Promise<number | null> {
  return db.transaction(async (tx) => {
    if (wait) await tx.execute(sql`select pg_advisory_xact_lock(${INDEXER_LOCK})`);
    else {
      const got = await tx.execute(sql`select pg_try_advisory_xact_lock(${INDEXER_LOCK}) as got`);
      if (!(got as unknown as { rows: { got: boolean }[] }).rows[0]?.got) return null;
    }
    // The queue may hold a message twice (sent, then edited): `in` reads it once, which
    // ON CONFLICT DO UPDATE needs. A message gone since (its channel deleted) is dropped.
    const result = await tx.execute(sql`
      with taken as (
        delete from message_search_queue
        where ctid = any(array(select ctid from message_search_queue limit ${BATCH}))
        returning message_id
      ), indexed as (
        insert into message_search (message_id, channel_id, content, search)
        select m.id, m.channel_id, m.content, to_tsvector('simple', m.content)
        from messages m
        where m.id in (select message_id from taken) and m.type = 'default'
        on conflict (message_id) do update set content = excluded.content, search = excluded.search
      )
      select count(*)::int as n from taken`);
    return (result as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0;
  });
}

async function queueIsEmpty(db: Db | Tx): Promise<boolean> {
  const result = await db.execute(sql`select not exists (select 1 from message_search_queue) as empty`);
  return (result as unknown as { rows: { empty: boolean }[] }).rows[0]?.empty ?? true;
}

/**
 * Indexes everything queued until now, waiting for a run in progress: what search
 * calls before it reads `message_search`. The number of messages indexed here.
 */
export async function catchUpSearchIndex(db: Db | Tx): Promise<number> {
  let indexed = 0;
  while (!(await queueIsEmpty(db))) {
    const taken = (await indexBatch(db, true)) ?? 0;
    indexed += taken;
    if (taken < BATCH) break;
  }
  if (indexed >= ANALYZE_AFTER) await db.execute(sql`analyze message_search`);
  return indexed;
}

export interface SearchIndexer {
  /** Told of committed events: a local send or edit wakes the indexer. */
  subscriber: EventSubscriber;
  /** Indexes the backlog unless another process is at it (the leader's periodic job). */
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
    for (;;) {
      if (stopped || (await queueIsEmpty(db))) break;
      const taken = await indexBatch(db, false);
      // Another process is indexing: what is queued now is in its run or its next.
      if (taken === null) break;
      indexed += taken;
      if (taken < BATCH) break;
    }
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
      if (events.some((e) => e.type === "message.created" || e.type === "message.updated")) wake();
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
