/**
 * Keeps calls in step with their rooms and their people, on the committed events: when
 * the last person leaves a conversation's room (left, disconnected, joined elsewhere,
 * lost access, the media server restarted...) its call ends; someone who left or was
 * removed from a group stops ringing for its call. Also the ring timers' end: a ring
 * that ran out is told, and a call nobody is in and nobody rings for ends.
 */
import type { EventSubscriber } from "../event-bus";
import type { DomainEvent } from "../events";
import type { Services } from "../../services";
import type { RingExpiry } from "./ringing";
import { callInfo, endCallIfEmpty, openCallOf, withCallLock } from "./records";

export class CallsSubscriber implements EventSubscriber {
  readonly name = "calls";

  constructor(private readonly services: Services) {
    services.ringing.onExpire((expiry) => {
      this.expired(expiry).catch((err: unknown) => services.log.error({ err }, "calls: a ring's end failed"));
    });
  }

  handle(events: DomainEvent[]): void | Promise<void> {
    const emptied = new Set<string>();
    const rejoining = new Set<string>();
    const gone: Array<{ channelId: string; userId: string }> = [];
    for (const e of events) {
      if (e.type === "voice.left" && e.serverId === null) emptied.add(e.channelId);
      // Their browsers join again by themselves: the call waits for them a moment.
      else if (e.type === "voice.ended" && (e.reason === "media_restart" || e.reason === "connection_lost")) rejoining.add(e.channelId);
      else if (e.type === "dm.closed" && e.leaveRoom) gone.push({ channelId: e.channelId, userId: e.userId });
    }
    // Most batches concern no call: answered synchronously.
    if (emptied.size === 0 && gone.length === 0) return;
    return this.apply(emptied, gone, rejoining);
  }

  private async apply(emptied: Set<string>, gone: Array<{ channelId: string; userId: string }>, rejoining: Set<string>): Promise<void> {
    const told: DomainEvent[] = [];
    const record = (e: DomainEvent) => void told.push(e);
    for (const { channelId, userId } of gone) {
      await withCallLock(channelId, async () => {
        const call = await openCallOf(this.services.db, BigInt(channelId));
        if (call && (await this.services.ringing.stop(channelId, userId, call.id.toString()))) {
          record({ type: "call.updated", call: await callInfo(this.services, call) });
        }
      });
    }
    for (const channelId of emptied) {
      await withCallLock(channelId, async () => {
        if (!rejoining.has(channelId)) return endCallIfEmpty(this.services, channelId, record);
        // Dropped by the media side, not left: held open for the rejoin (the hold's end asks again).
        const call = await openCallOf(this.services.db, BigInt(channelId));
        if (call) await this.services.ringing.hold(call.id.toString(), channelId);
        await endCallIfEmpty(this.services, channelId, record, { unlessRinging: true });
      });
    }
    this.services.events.publish(told);
  }

  private async expired({ channelId, callId }: RingExpiry): Promise<void> {
    const told: DomainEvent[] = [];
    await withCallLock(channelId, async () => {
      const call = await openCallOf(this.services.db, BigInt(channelId));
      if (call?.id.toString() !== callId) return;
      told.push({ type: "call.updated", call: await callInfo(this.services, call) });
      await endCallIfEmpty(this.services, channelId, (e) => void told.push(e), { unlessRinging: true, callId });
    });
    this.services.events.publish(told);
  }
}
