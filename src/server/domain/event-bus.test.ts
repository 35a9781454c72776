import { describe, expect, it } from "vitest";
import { EventBus, type EventSubscriber } from "./event-bus";
import type { DomainEvent } from "./events";

const batch = (n: number): DomainEvent[] => [{ type: "role.deleted", serverId: "1", roleId: String(n) }];
const ids = (batches: DomainEvent[][]) => batches.map((b) => (b[0] as { roleId: string }).roleId);

function recordingLog() {
  const lines: { level: string; obj: object & { subscriber?: string }; msg: string }[] = [];
  return {
    lines,
    error: (obj: object, msg: string) => void lines.push({ level: "error", obj, msg }),
    warn: (obj: object, msg: string) => void lines.push({ level: "warn", obj, msg }),
  };
}

function recorder(name = "recorder") {
  const got: DomainEvent[][] = [];
  const subscriber: EventSubscriber = { name, handle: (events) => void got.push(events) };
  return { got, subscriber };
}

describe("EventBus", () => {
  it("hands every batch to every subscriber, in order, synchronously when they are idle", () => {
    const bus = new EventBus(recordingLog());
    const a = recorder("a");
    const b = recorder("b");
    bus.subscribe(a.subscriber);
    bus.subscribe(b.subscriber);
    bus.publish(batch(1));
    bus.publish(batch(2));
    // No await: the socket publisher relies on hearing before the command's reply leaves.
    expect(ids(a.got)).toEqual(["1", "2"]);
    expect(ids(b.got)).toEqual(["1", "2"]);
  });

  it("a subscriber that throws is logged and keeps neither the others nor its own later batches back", () => {
    const log = recordingLog();
    const bus = new EventBus(log);
    const seenByFailing: string[] = [];
    bus.subscribe({
      name: "failing",
      handle: (events) => {
        seenByFailing.push(...ids([events]));
        throw new Error("push service down");
      },
    });
    const after = recorder("after");
    bus.subscribe(after.subscriber);
    expect(() => bus.publish(batch(1))).not.toThrow();
    bus.publish(batch(2));
    expect(ids(after.got)).toEqual(["1", "2"]);
    expect(seenByFailing).toEqual(["1", "2"]);
    expect(log.lines.filter((l) => l.level === "error").map((l) => l.obj.subscriber)).toEqual(["failing", "failing"]);
  });

  it("a rejected promise is logged; the subscriber gets its next batch", async () => {
    const log = recordingLog();
    const bus = new EventBus(log);
    const seen: string[] = [];
    bus.subscribe({
      name: "rejecting",
      handle: async (events) => {
        seen.push(...ids([events]));
        throw new Error("timeout");
      },
    });
    bus.publish(batch(1));
    bus.publish(batch(2));
    await new Promise((r) => setTimeout(r, 0));
    expect(seen).toEqual(["1", "2"]);
    expect(log.lines.filter((l) => l.level === "error")).toHaveLength(2);
  });

  it("a slow subscriber queues its own batches, in order, while the others and the publisher go on", async () => {
    const bus = new EventBus(recordingLog());
    const slowSeen: string[] = [];
    let release!: () => void;
    bus.subscribe({
      name: "slow",
      handle: (events) => {
        slowSeen.push(...ids([events]));
        if (slowSeen.length === 1) return new Promise<void>((r) => (release = r));
      },
    });
    const fast = recorder("fast");
    bus.subscribe(fast.subscriber);
    for (let i = 1; i <= 3; i++) bus.publish(batch(i));
    expect(ids(fast.got)).toEqual(["1", "2", "3"]);
    expect(slowSeen).toEqual(["1"]);
    release();
    await new Promise((r) => setTimeout(r, 0));
    expect(slowSeen).toEqual(["1", "2", "3"]);
  });

  it("an unsubscribed subscriber hears nothing more", () => {
    const bus = new EventBus(recordingLog());
    const a = recorder();
    const off = bus.subscribe(a.subscriber);
    bus.publish(batch(1));
    off();
    bus.publish(batch(2));
    expect(ids(a.got)).toEqual(["1"]);
  });
});
