/**
 * LiveKit's webhook notices, checked before anything reads them: the Authorization
 * header must be a JWT signed with our API secret for our API key, carrying the
 * SHA-256 of the exact body (livekit-server-sdk's WebhookReceiver checks both); the
 * event must be recent, and never seen before (a captured notice sent again is refused).
 */
import { WebhookReceiver, type WebhookEvent } from "livekit-server-sdk";
import { WebhookRefused } from "./livekit-shared";

export { type RefusedWhy, WebhookRefused } from "./livekit-shared";

export interface WebhookGateOptions {
  /** An event older than this (by its createdAt) is refused; ids are remembered twice as long. */
  maxAgeMs?: number;
  now?: () => number;
}

/** LiveKit's and our clocks may differ a little; an event from further in the future than this is refused too. */
const FUTURE_SKEW_MS = 60_000;

export class WebhookGate {
  private readonly receiver: WebhookReceiver;
  private readonly seen = new Map<string, number>();
  private readonly maxAgeMs: number;
  private readonly now: () => number;

  constructor(apiKey: string, apiSecret: string, opts: WebhookGateOptions = {}) {
    this.receiver = new WebhookReceiver(apiKey, apiSecret);
    this.maxAgeMs = opts.maxAgeMs ?? 5 * 60_000;
    this.now = opts.now ?? Date.now;
  }

  async accept(body: string, authorization: string | undefined): Promise<WebhookEvent> {
    const token = authorization?.replace(/^Bearer\s+/i, "").trim();
    if (!token) throw new WebhookRefused("unsigned", "The notice is not signed.");
    let event: WebhookEvent;
    try {
      event = await this.receiver.receive(body, token);
    } catch {
      throw new WebhookRefused("bad_signature", "The notice's signature or checksum is not valid.");
    }
    const now = this.now();
    const createdAt = Number(event.createdAt) * 1000;
    if (!createdAt || now - createdAt > this.maxAgeMs || createdAt - now > FUTURE_SKEW_MS) {
      throw new WebhookRefused("stale", "The notice is too old.");
    }
    this.forgetBefore(now - 2 * this.maxAgeMs);
    if (!event.id || this.seen.has(event.id)) throw new WebhookRefused("replayed", "The notice was already received.");
    this.seen.set(event.id, now);
    return event;
  }

  private forgetBefore(cutoff: number): void {
    // Insertion order is arrival order: the oldest are first.
    for (const [id, at] of this.seen) {
      if (at >= cutoff) break;
      this.seen.delete(id);
    }
  }
}
