/**
 * Who rings for each open call, with a timer per person: in this process's memory, like
 * the voice state store (with scale-out this moves to a shared store, and the timers to
 * one node). A ring ends when the person joins the call on any device, declines, or
 * their timer runs out; `onExpire` hears the last.
 */

export interface RingExpiry {
  callId: string;
  channelId: string;
  userId: string;
}

interface Rings {
  callId: string;
  /** user id -> their timer, in the order they were rung. */
  timers: Map<string, NodeJS.Timeout>;
}

export class RingingStore {
  /** channel id -> its open call's rings (one open call per conversation). */
  private readonly byChannel = new Map<string, Rings>();
  private listener: (expiry: RingExpiry) => void = () => {};

  constructor(readonly ringMs: number) {}

  onExpire(listener: (expiry: RingExpiry) => void): void {
    this.listener = listener;
  }

  /** Rings these people (again: their timer starts over). */
  ring(callId: string, channelId: string, userIds: readonly string[]): void {
    let rings = this.byChannel.get(channelId);
    if (rings?.callId !== callId) {
      if (rings) this.end(channelId);
      this.byChannel.set(channelId, (rings = { callId, timers: new Map() }));
    }
    for (const userId of userIds) {
      clearTimeout(rings.timers.get(userId));
      rings.timers.delete(userId); // a ring again goes to the end of the list
      const timer = setTimeout(() => {
        if (!this.stop(channelId, userId, callId)) return;
        this.listener({ callId, channelId, userId });
      }, this.ringMs);
      timer.unref();
      rings.timers.set(userId, timer);
    }
  }

  /** Stops one person's ring; true when they were ringing for this channel's call (`callId`, when given). */
  stop(channelId: string, userId: string, callId?: string): boolean {
    const rings = this.byChannel.get(channelId);
    if (!rings || (callId !== undefined && rings.callId !== callId)) return false;
    const timer = rings.timers.get(userId);
    if (!timer) return false;
    clearTimeout(timer);
    rings.timers.delete(userId);
    if (rings.timers.size === 0) this.byChannel.delete(channelId);
    return true;
  }

  /** Who rings for this call now. */
  ringing(channelId: string, callId: string): string[] {
    const rings = this.byChannel.get(channelId);
    return rings?.callId === callId ? [...rings.timers.keys()] : [];
  }

  /** The call ended: nobody rings for it any more. */
  end(channelId: string): void {
    const rings = this.byChannel.get(channelId);
    if (!rings) return;
    for (const timer of rings.timers.values()) clearTimeout(timer);
    this.byChannel.delete(channelId);
  }

  close(): void {
    for (const channelId of [...this.byChannel.keys()]) this.end(channelId);
  }
}
