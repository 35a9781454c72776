/**
 * Who rings for each open call, with a timer per person. A ring ends when the person
 * joins the call on any device, declines, or their timer runs out; `onExpire` hears the
 * last, on one process. Two drivers behind one interface: this process's memory (one
 * process), and Redis (ringing-redis.ts: every process sees the same rings, and each
 * ring's end is claimed by exactly one of them).
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

/** How long a new call waits for its starter's own join (their browser loads the call code first). */
const starterHoldMs = 15_000;

export interface RingingStore {
  readonly ringMs: number;
  onExpire(listener: (expiry: RingExpiry) => void): void;
  /** Rings these people (again: their timer starts over, and they go to the end of the list). */
  ring(callId: string, channelId: string, userIds: readonly string[]): Promise<void>;
  /** Stops one person's ring; true when they were ringing for this channel's call (`callId`, when given). */
  stop(channelId: string, userId: string, callId?: string): Promise<boolean>;
  /**
   * A call just started, or its people were dropped by the media side and rejoin: until
   * its starter joins (or a short while passes) it stays open even if nobody is in it.
   * When the hold runs out `onExpire` hears it (with an empty `userId`).
   */
  hold(callId: string, channelId: string): Promise<void>;
  /** The starter joined (or the call ended): no more holding. */
  release(channelId: string, callId?: string): Promise<void>;
  /** Whether this call still waits for its starter. */
  held(channelId: string, callId: string): Promise<boolean>;
  /** Who rings for this call now, in the order they were rung. */
  ringing(channelId: string, callId: string): Promise<string[]>;
  /** The call ended: nobody rings for it any more. */
  end(channelId: string): Promise<void>;
  /** At shutdown: this process stops watching for ends (the memory driver forgets its rings). */
  close(): void;
}

/** How long a hold lasts: the starter's join, at most the ring's length. */
export function holdMsOf(ringMs: number): number {
  return Math.min(starterHoldMs, ringMs);
}

/** One process's rings, with a timer each. */
export class MemoryRingingStore implements RingingStore {
  /** channel id -> its open call's rings (one open call per conversation). */
  private readonly byChannel = new Map<string, Rings>();
  /** channel id -> a new call whose starter has not joined yet: it does not end for want of people. */
  private readonly holds = new Map<string, { callId: string; timer: NodeJS.Timeout }>();
  private listener: (expiry: RingExpiry) => void = () => {};

  constructor(readonly ringMs: number) {}

  onExpire(listener: (expiry: RingExpiry) => void): void {
    this.listener = listener;
  }

  /** Rings these people (again: their timer starts over). */
  async ring(callId: string, channelId: string, userIds: readonly string[]): Promise<void> {
    let rings = this.byChannel.get(channelId);
    if (rings?.callId !== callId) {
      if (rings) this.endNow(channelId);
      this.byChannel.set(channelId, (rings = { callId, timers: new Map() }));
    }
    for (const userId of userIds) {
      clearTimeout(rings.timers.get(userId));
      rings.timers.delete(userId); // a ring again goes to the end of the list
      const timer = setTimeout(() => {
        if (!this.stopNow(channelId, userId, callId)) return;
        this.listener({ callId, channelId, userId });
      }, this.ringMs);
      timer.unref();
      rings.timers.set(userId, timer);
    }
  }

  /** Stops one person's ring; true when they were ringing for this channel's call (`callId`, when given). */
  async stop(channelId: string, userId: string, callId?: string): Promise<boolean> {
    return this.stopNow(channelId, userId, callId);
  }

  private stopNow(channelId: string, userId: string, callId?: string): boolean {
    const rings = this.byChannel.get(channelId);
    if (!rings || (callId !== undefined && rings.callId !== callId)) return false;
    const timer = rings.timers.get(userId);
    if (!timer) return false;
    clearTimeout(timer);
    rings.timers.delete(userId);
    if (rings.timers.size === 0) this.byChannel.delete(channelId);
    return true;
  }

  /**
   * A call just started, or its people were dropped by the media side and rejoin: until
   * its starter joins (or a short while passes) it stays open even if nobody is in it. When the hold runs out `onExpire` hears it
   * (with an empty `userId`), so a call nobody joined ends then.
   */
  async hold(callId: string, channelId: string): Promise<void> {
    this.releaseNow(channelId);
    const timer = setTimeout(() => {
      if (this.holds.get(channelId)?.callId !== callId) return;
      this.holds.delete(channelId);
      this.listener({ callId, channelId, userId: "" });
    }, holdMsOf(this.ringMs));
    timer.unref();
    this.holds.set(channelId, { callId, timer });
  }

  /** The starter joined (or the call ended): no more holding. */
  async release(channelId: string, callId?: string): Promise<void> {
    this.releaseNow(channelId, callId);
  }

  private releaseNow(channelId: string, callId?: string): void {
    const hold = this.holds.get(channelId);
    if (!hold || (callId !== undefined && hold.callId !== callId)) return;
    clearTimeout(hold.timer);
    this.holds.delete(channelId);
  }

  /** Whether this call still waits for its starter. */
  async held(channelId: string, callId: string): Promise<boolean> {
    return this.holds.get(channelId)?.callId === callId;
  }

  /** Who rings for this call now. */
  async ringing(channelId: string, callId: string): Promise<string[]> {
    const rings = this.byChannel.get(channelId);
    return rings?.callId === callId ? [...rings.timers.keys()] : [];
  }

  /** The call ended: nobody rings for it any more. */
  async end(channelId: string): Promise<void> {
    this.endNow(channelId);
  }

  private endNow(channelId: string): void {
    this.releaseNow(channelId);
    const rings = this.byChannel.get(channelId);
    if (!rings) return;
    for (const timer of rings.timers.values()) clearTimeout(timer);
    this.byChannel.delete(channelId);
  }

  close(): void {
    for (const channelId of [...this.byChannel.keys(), ...this.holds.keys()]) this.endNow(channelId);
  }
}
