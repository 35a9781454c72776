/**
 * The push worker: claims due jobs from the queue and sends them, several at a time. It
 * wakes at once when this process queues work, and otherwise polls, so jobs queued by
 * another process, and retries, are picked up within a few seconds.
 *
 * Requests are built by web-push (VAPID signature, RFC 8291 encryption, headers) and sent
 * here with fetch: web-push's own sender speaks only https, and a local push service in
 * tests is plain http on 127.0.0.1 (allowed only with PUSH_ALLOW_HTTP).
 */
import type WebPush from "web-push";
import type { PushPayload } from "@/shared/api/notifications";
import type { Services } from "../services";
import { type ClaimedJob, claimDue, dropSubscription, finish, retryLater } from "./queue";
import type { VapidKeys } from "./vapid";

// web-push loads with the first push this process sends, not at start.
let webPushLoaded: Promise<typeof WebPush> | undefined;
const loadWebPush = () => (webPushLoaded ??= import("web-push").then((m) => m.default));

/** Requests in flight at once: push services answer in tens of milliseconds, mostly waiting. */
const CONCURRENCY = 16;
/** How often the queue is looked at without a wake-up (other processes' jobs). */
const POLL_MS = 2_000;
const SEND_TIMEOUT_MS = 10_000;

type WorkerServices = Pick<Services, "db" | "config" | "log">;

/** What one attempt came to. */
type Outcome = { ok: true } | { ok: false; gone: true; status: number } | { ok: false; gone: false; retryAfter: number | null; error: string; permanent: boolean };

/** A Topic lets the push service replace an undelivered push with a newer one of the same topic. */
function topicOf(payload: PushPayload): string | undefined {
  return payload.type === "read" ? `read-${payload.channelId}` : undefined;
}

/** Retry-After in seconds (a number, or an HTTP date), or null. */
function retryAfterOf(value: string | null): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

export class PushWorker {
  private running = false;
  /** Which start() the loop belongs to: a loop from an earlier start stops at its next turn. */
  private generation = 0;
  private loop: Promise<void> | null = null;
  private readonly inFlight = new Set<Promise<void>>();
  private wakeSleeper: (() => void) | null = null;
  private woken = false;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly services: WorkerServices,
    private readonly keys: VapidKeys,
    private readonly subject: string,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    // A loop stopped a moment ago (the lead went and came back) ends before the next begins.
    const gen = ++this.generation;
    const previous = this.loop;
    this.loop = (async () => {
      await previous;
      await this.run(gen);
    })();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    await this.loop;
    await Promise.allSettled([...this.inFlight]);
  }

  /** New jobs were queued here: look now rather than at the next poll. */
  wake(): void {
    this.woken = true;
    const wakeSleeper = this.wakeSleeper;
    this.wakeSleeper = null;
    wakeSleeper?.();
  }

  private sleep(ms: number): Promise<void> {
    if (this.woken || !this.running) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wakeSleeper = null;
        resolve();
      }, ms);
      this.wakeSleeper = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private async run(gen: number): Promise<void> {
    while (this.running && gen === this.generation) {
      this.woken = false;
      const room = CONCURRENCY - this.inFlight.size;
      let claimed: ClaimedJob[] = [];
      if (room > 0) {
        try {
          claimed = await claimDue(this.services.db, room);
        } catch (err) {
          this.services.log.error({ err }, "push: claiming jobs failed");
        }
      }
      for (const job of claimed) {
        const p: Promise<void> = this.process(job)
          .catch((err: unknown) => this.services.log.error({ err, job: job.id.toString() }, "push: a job failed"))
          .finally(() => {
            this.inFlight.delete(p);
            this.wake();
          });
        this.inFlight.add(p);
      }
      // A full claim means more may be due: go again as soon as there is room.
      if (room > 0 && claimed.length === room) continue;
      await this.sleep(POLL_MS);
    }
  }

  private async process(job: ClaimedJob): Promise<void> {
    const { db, log } = this.services;
    if (job.stale || Date.now() >= job.expiresAt) return finish(db, [job.id]);
    const outcome = await this.send(job);
    if (outcome.ok) return finish(db, [job.id]);
    if (outcome.gone) {
      log.info({ subscription: job.subscriptionId.toString(), status: outcome.status }, "push: the push service no longer knows a device; its subscription is removed");
      return dropSubscription(db, job.subscriptionId);
    }
    if (outcome.permanent) {
      log.warn({ job: job.id.toString(), error: outcome.error }, "push: refused by the push service; dropped");
      return finish(db, [job.id]);
    }
    const backoff = Math.min(2 ** (job.attempts + 1), this.services.config.PUSH_RETRY_MAX_SECONDS);
    const delay = Math.max(backoff, outcome.retryAfter ?? 0);
    if (Date.now() + delay * 1000 >= job.expiresAt) {
      log.warn({ job: job.id.toString(), error: outcome.error, attempts: job.attempts + 1 }, "push: undelivered within its time to live; dropped");
      return finish(db, [job.id]);
    }
    await retryLater(db, job.id, delay, outcome.error);
    // Our own retry is due then; other processes find it at their poll.
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.wake();
    }, delay * 1000 + 50);
    timer.unref();
    this.timers.add(timer);
  }

  private async send(job: ClaimedJob): Promise<Outcome> {
    const url = new URL(job.endpoint);
    if (url.protocol !== "https:" && !(url.protocol === "http:" && this.services.config.PUSH_ALLOW_HTTP)) {
      return { ok: false, gone: false, retryAfter: null, error: `endpoint scheme ${url.protocol} is not allowed`, permanent: true };
    }
    const topic = topicOf(job.payload);
    const webPush = await loadWebPush();
    const details = webPush.generateRequestDetails({ endpoint: job.endpoint, keys: { p256dh: job.p256dh, auth: job.auth } }, JSON.stringify(job.payload), {
      vapidDetails: { subject: this.subject, publicKey: this.keys.publicKey, privateKey: this.keys.privateKey },
      TTL: Math.max(0, Math.floor((job.expiresAt - Date.now()) / 1000)),
      urgency: job.urgency,
      ...(topic ? { topic } : {}),
    });
    const headers = Object.fromEntries(Object.entries(details.headers).map(([k, v]) => [k, String(v)]));
    let res: Response;
    try {
      res = await fetch(details.endpoint, {
        method: details.method,
        headers,
        body: details.body ? new Uint8Array(details.body) : undefined,
        signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
      });
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause?.code;
      return { ok: false, gone: false, retryAfter: null, error: cause ?? (err as Error).message, permanent: false };
    }
    // The answer's body is not needed, but must be read for the connection to be reused.
    const text = await res.text().catch(() => "");
    if (res.ok) return { ok: true };
    if (res.status === 404 || res.status === 410) return { ok: false, gone: true, status: res.status };
    const error = `${res.status} ${text.slice(0, 200)}`.trim();
    const transient = res.status === 429 || res.status >= 500;
    return { ok: false, gone: false, retryAfter: retryAfterOf(res.headers.get("retry-after")), error, permanent: !transient };
  }
}
