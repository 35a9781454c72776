/**
 * Sending limits, per person and channel: a burst (SEND_BURST messages per
 * SEND_WINDOW_SECONDS) and the channel's slowmode (one message per slowmode interval).
 * Both are slots of the one limiter (limits/), each taken in one atomic check-and-record
 * before the message is written: two parallel sends can never both take the last one.
 */
import { type Granted, type Limiter, SLOWMODE_BUCKET } from "../../limits";

/** Takes one burst slot, or throws 429 RATE_LIMITED. */
export function takeSendSlot(limiter: Limiter, userId: string, channelId: bigint, now?: number): Promise<Granted> {
  return limiter.require("message.send", `${userId}:${channelId}`, 1, { now });
}

/** Takes the channel's slowmode slot, or throws 429 SLOWMODE. */
export function takeSlowmodeSlot(limiter: Limiter, userId: string, channelId: bigint, slowmodeSeconds: number, now?: number): Promise<Granted> {
  return limiter.requireSlots([{ bucket: SLOWMODE_BUCKET, key: `${userId}:${channelId}`, limit: 1, windowMs: slowmodeSeconds * 1000 }], 1, now);
}
