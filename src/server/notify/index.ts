/**
 * Notifications' composition: the VAPID keys, the fan-out subscriber (who is notified of
 * what: fanout.ts) and the push worker (the queue in the database: worker.ts).
 */
import { sql } from "drizzle-orm";
import type { Services } from "../services";
import { NotifySubscriber } from "./fanout";
import { enqueue, subscriptionsOf } from "./queue";
import type { Notifier } from "./types";
import { type VapidKeys, generateVapidKeys, vapidSubject } from "./vapid";
import { PushWorker } from "./worker";

export type { VapidKeys } from "./vapid";
export { resolveVapidKeys } from "./vapid";

export interface NotifierParts {
  notifier: Notifier;
  /** To subscribe on the event bus. */
  subscriber: NotifySubscriber;
}

type NotifyServices = Omit<Services, "notifier">;

/** Keys from the caller (main.ts: configured or kept in DATA_DIR), else the configured ones, else a fresh pair (tests). */
export function createNotifier(services: NotifyServices, given?: VapidKeys): NotifierParts {
  const { VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY } = services.config;
  const keys =
    given ?? (VAPID_PUBLIC_KEY && VAPID_PRIVATE_KEY ? { publicKey: VAPID_PUBLIC_KEY, privateKey: VAPID_PRIVATE_KEY } : generateVapidKeys());
  const worker = new PushWorker(services, keys, vapidSubject(services.config));
  const queuedListeners: Array<() => void> = [];
  const queued = () => {
    worker.wake();
    for (const listener of queuedListeners) listener();
  };
  const subscriber = new NotifySubscriber(services, queued);
  const notifier: Notifier = {
    publicKey: keys.publicKey,
    sendTest: async (userId) => {
      const count = await services.db.transaction(async (tx) => {
        const devices = (await subscriptionsOf(tx, [userId])).get(userId) ?? [];
        const tag = `test:${Date.now()}`;
        await enqueue(
          tx,
          devices.map((subscriptionId) => ({
            subscriptionId,
            notificationId: null,
            payload: { type: "test", title: "Giga Chat", body: "Notifications work on this device.", tag, url: "/channels/me" },
            urgency: "high",
          })),
        );
        return devices.length;
      });
      if (count > 0) queued();
      return count;
    },
    start: () => worker.start(),
    pause: () => worker.stop(),
    wake: () => worker.wake(),
    onQueued: (listener) => queuedListeners.push(listener),
    stop: async () => {
      await subscriber.settle();
      await worker.stop();
    },
  };
  return { notifier, subscriber };
}

/** Jobs waiting in the queue (all processes): for health checks and tests. */
export async function pendingPushes(services: Pick<Services, "db">): Promise<number> {
  const result = await services.db.execute<{ n: number }>(sql`select count(*)::int as n from push_jobs`);
  return (result as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0;
}
