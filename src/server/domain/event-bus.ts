/**
 * Committed events, fanned out to every subscriber: the socket publisher today, push
 * notifications next. One subscriber never holds up another or the command:
 *
 * - each batch reaches each subscriber in commit order;
 * - a subscriber that throws is logged, and the others still get the batch;
 * - a subscriber that returns a promise is not awaited: its next batches wait in its own
 *   queue until the promise settles, while the others go on at once.
 *
 * An idle subscriber is called synchronously, so the socket publisher moves sockets
 * between rooms before the command's HTTP reply leaves (a kicked person's sockets are
 * out of the server's rooms before anyone hears of the kick).
 */
import type { EventSink } from "./context";
import type { DomainEvent } from "./events";

/** Where failures are told (the server's pino logger). */
export interface BusLog {
  error(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface EventSubscriber {
  /** Shown in logs when it fails or falls behind. */
  readonly name: string;
  /** Keep a synchronous handler quick; slow work belongs in the promise it returns. */
  handle(events: DomainEvent[]): void | Promise<void>;
}

/** Batches a stuck subscriber may fall behind by before its oldest are dropped (and logged). */
const MAX_QUEUED_BATCHES = 10_000;

class Delivery {
  private readonly queue: DomainEvent[][] = [];
  private busy = false;

  constructor(
    readonly subscriber: EventSubscriber,
    private readonly log: BusLog,
  ) {}

  push(events: DomainEvent[]) {
    if (this.queue.length >= MAX_QUEUED_BATCHES) {
      const dropped = this.queue.shift()!;
      this.log.warn({ subscriber: this.subscriber.name, dropped: dropped.map((e) => e.type) }, "event subscriber is behind: dropped its oldest batch");
    }
    this.queue.push(events);
    if (!this.busy) this.drain();
  }

  private drain() {
    while (this.queue.length > 0) {
      const events = this.queue.shift()!;
      let pending: void | Promise<void>;
      try {
        pending = this.subscriber.handle(events);
      } catch (err) {
        this.failed(err, events);
        continue;
      }
      if (pending instanceof Promise) {
        this.busy = true;
        pending
          .catch((err: unknown) => this.failed(err, events))
          .finally(() => {
            this.busy = false;
            this.drain();
          });
        return;
      }
    }
  }

  private failed(err: unknown, events: DomainEvent[]) {
    this.log.error({ err, subscriber: this.subscriber.name, events: events.map((e) => e.type) }, "event subscriber failed");
  }
}

export class EventBus implements EventSink {
  private deliveries: Delivery[] = [];

  constructor(private readonly log: BusLog) {}

  /** Adds a subscriber; the returned function removes it. */
  subscribe(subscriber: EventSubscriber): () => void {
    const delivery = new Delivery(subscriber, this.log);
    this.deliveries.push(delivery);
    return () => {
      this.deliveries = this.deliveries.filter((d) => d !== delivery);
    };
  }

  publish(events: DomainEvent[]): void {
    if (events.length === 0) return;
    for (const d of this.deliveries) d.push(events);
  }
}
