/**
 * Sending limits, per person and channel: a burst (SEND_BURST messages per
 * SEND_WINDOW_SECONDS) and the channel's slowmode (one message per slowmode interval).
 * Both are taken from the one limiter (limits/) in a single atomic step, before the
 * message is written: two parallel sends can never both take the last slot.
 */
import { type Granted, type Limiter, SLOWMODE_BUCKET, type TakeOptions } from "../../limits";

/** Takes one send slot (and one slowmode slot when the channel has slowmode), or throws 429. */
export function takeSendSlot(
  limiter: Limiter,
  userId: string,
  channelId: bigint,
  slowmodeSeconds: number,
  now?: number,
): Promise<Granted> {
  const key = `${userId}:${channelId}`;
  const opts: TakeOptions = { now };
  if (slowmodeSeconds > 0) opts.also = [{ bucket: SLOWMODE_BUCKET, key, limit: 1, windowMs: slowmodeSeconds * 1000 }];
  return limiter.require("message.send", key, 1, opts);
}
