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

export async function execute<T>(
  deps: { db: Db; events: EventSink },
  actor: Actor,
  command: (ctx: CommandContext) => Promise<T>,
): Promise<T> {
  const recorded: DomainEvent[] = [];
  const result = await deps.db.transaction((tx) => command({ actor, tx, record: (e) => recorded.push(e) }));
  if (recorded.length > 0) deps.events.publish(recorded);
  return result;
}
