/**
 * How a domain command runs: one transaction, events recorded as it goes, published
 * after the commit. A command that throws records nothing and publishes nothing.
 */
import type { Db, Tx } from "../db/client";
import type { DomainEvent } from "./events";

export interface Actor {
  id: string;
  name: string;
  image: string | null;
}

export interface CommandContext {
  actor: Actor;
  tx: Tx;
  record(event: DomainEvent): void;
}

export interface EventSink {
  publish(events: DomainEvent[]): void;
}

export interface ExecuteOptions {
  /**
   * false for a command whose only write is one statement: that statement is atomic on
   * its own, and BEGIN/COMMIT would add two round trips to a hot path (sending).
   */
  transaction?: boolean;
}

export async function execute<T>(
  deps: { db: Db; events: EventSink },
  actor: Actor,
  command: (ctx: CommandContext) => Promise<T>,
  { transaction = true }: ExecuteOptions = {},
): Promise<T> {
  const recorded: DomainEvent[] = [];
  const record = (e: DomainEvent) => recorded.push(e);
  const result = transaction
    ? await deps.db.transaction((tx) => command({ actor, tx, record }))
    : await command({ actor, tx: deps.db, record });
  if (recorded.length > 0) deps.events.publish(recorded);
  return result;
}
