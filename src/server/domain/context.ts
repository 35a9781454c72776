/**
 * The one shape of a domain function: `(input, ctx)`.
 *
 * - `input` is one plain object, already validated (ids as bigint, no HTTP types).
 * - `ctx` carries who acts (`actor`), where to read and write (`tx`), the services a
 *   command may need (`services`: files, limits, config...), and `record` for events.
 *
 * A command declares whether it needs a transaction (`defineCommand`); `execute` opens
 * one or not, runs it, and publishes the recorded events after the commit. A command
 * that throws records nothing and publishes nothing. Reads are commands that declare no
 * transaction and record nothing (`defineQuery`).
 */
import type { Db, Tx } from "../db/client";
import type { Services } from "../services";
import type { DomainEvent } from "./events";

export interface Actor {
  id: string;
  name: string;
  image: string | null;
}

/**
 * The actor of a public read (an invite preview, an avatar): no user has this id, so a
 * query that looks the actor up finds nobody.
 */
export const ANONYMOUS: Actor = Object.freeze({ id: "", name: "", image: null });

/**
 * The request's session as its own statement checks it (auth/session.ts `sessionHoldsSql`)
 * instead of a round trip before it: the token to check, and `proven` once a statement
 * found it holding. Unproven, the request's answer waits for the catch-up (middleware).
 */
export interface SessionCheck {
  token: string;
  proven: boolean;
}

export interface CommandContext {
  actor: Actor;
  /** Set for the routes whose statements check the session themselves, from a cached session on PostgreSQL. */
  session?: SessionCheck;
  /** The open transaction; the database itself for a command that declared none. */
  tx: Tx;
  services: Services;
  /** An event to publish once the writes are committed. */
  record(event: DomainEvent): void;
  /**
   * Several writes as one: `work` runs in `ctx.tx` when that is a transaction already,
   * else in a new one. For commands whose common path is a single statement (sending)
   * and which need a transaction only on some paths.
   */
  atomically<T>(work: (ctx: CommandContext) => Promise<T>): Promise<T>;
  /**
   * Work that must wait until the writes are committed and their events published (e.g.
   * ending sessions through better-auth, which disconnects sockets): run by `execute`
   * in order, awaited, before it returns. A failure there still leaves the events told.
   */
  afterCommit(work: () => Promise<void>): void;
}

/** Who subscribes to committed events: the socket publisher, push notifications... */
export interface EventSink {
  publish(events: DomainEvent[]): void;
}

export interface Command<I, O> {
  (input: I, ctx: CommandContext): Promise<O>;
  /**
   * true: `execute` runs it in one transaction. false: its writes are one statement
   * (atomic by itself), or it opens `ctx.atomically` on the paths that write more.
   */
  readonly transaction: boolean;
}

export function defineCommand<I, O>(
  options: { transaction: boolean },
  run: (input: I, ctx: CommandContext) => Promise<O>,
): Command<I, O> {
  return Object.assign((input: I, ctx: CommandContext) => run(input, ctx), { transaction: options.transaction });
}

/** A read: no transaction (one consistent statement, or reads that need none), no events. */
export function defineQuery<I, O>(run: (input: I, ctx: CommandContext) => Promise<O>): Command<I, O> {
  return defineCommand({ transaction: false }, run);
}

/** What one run of a command collects: its events, and what waits for the commit. */
interface Run {
  events: DomainEvent[];
  after: Array<() => Promise<void>>;
}

function contextFor(services: Services, actor: Actor, tx: Tx, inTransaction: boolean, run: Run, session: SessionCheck | undefined): CommandContext {
  const ctx: CommandContext = {
    actor,
    ...(session && { session }),
    tx,
    services,
    record: (event) => void run.events.push(event),
    atomically: (work) =>
      inTransaction
        ? work(ctx)
        : (services.db as Db).transaction((inner) => work(contextFor(services, actor, inner, true, run, session))),
    afterCommit: (work) => void run.after.push(work),
  };
  return ctx;
}

/** Runs a command as `actor`, then publishes what it recorded (after the commit). */
export async function execute<I, O>(services: Services, actor: Actor, command: Command<I, O>, input: I, session?: SessionCheck): Promise<O> {
  const run: Run = { events: [], after: [] };
  const result = command.transaction
    ? await services.db.transaction((tx) => command(input, contextFor(services, actor, tx, true, run, session)))
    : await command(input, contextFor(services, actor, services.db, false, run, session));
  if (run.events.length > 0) {
    services.events.publish(run.events);
    // Other processes have dropped what these events made stale before the change is answered.
    const settled = services.invalidation?.settled(run.events);
    if (settled) await settled;
  }
  for (const work of run.after) await work();
  return result;
}
