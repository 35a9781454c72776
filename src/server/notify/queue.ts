/**
 * The push queue's SQL: putting jobs in (inside the fan-out's transaction), claiming due
 * ones and settling each after its attempt. Claims take rows with FOR UPDATE SKIP LOCKED
 * and a lease (`locked_until`), so several app processes on one database never send one
 * job twice, and a process that dies mid-send leaves its jobs to be taken again once the
 * lease runs out.
 */
import { eq, inArray, sql } from "drizzle-orm";
import type { PushPayload } from "@/shared/api/notifications";
import type { Db, Tx } from "../db/client";
import { pushJobs, pushSubscriptions } from "../db/schema";
import { newId } from "../db/snowflake";

/** How long a claimed job is ours; far longer than one send's timeout. */
export const LEASE_SECONDS = 30;
/** Push services keep an undelivered message at most this long; we stop trying after it too. */
export const PUSH_TTL_SECONDS = 86_400;

export type Urgency = "very-low" | "low" | "normal" | "high";

export interface NewJob {
  subscriptionId: bigint;
  notificationId: bigint | null;
  payload: PushPayload;
  urgency: Urgency;
}

export async function enqueue(tx: Tx, jobs: NewJob[]): Promise<void> {
  if (jobs.length === 0) return;
  await tx.insert(pushJobs).values(
    jobs.map((j) => ({
      id: newId(),
      subscriptionId: j.subscriptionId,
      notificationId: j.notificationId,
      payload: j.payload,
      urgency: j.urgency,
      ttl: PUSH_TTL_SECONDS,
    })),
  );
}

/** Each person's push subscriptions (ids only), for the people given. */
export async function subscriptionsOf(tx: Tx, userIds: string[]): Promise<Map<string, bigint[]>> {
  const result = new Map<string, bigint[]>();
  if (userIds.length === 0) return result;
  const rows = await tx
    .select({ id: pushSubscriptions.id, userId: pushSubscriptions.userId })
    .from(pushSubscriptions)
    .where(inArray(pushSubscriptions.userId, userIds));
  for (const r of rows) result.set(r.userId, [...(result.get(r.userId) ?? []), r.id]);
  return result;
}

export interface ClaimedJob {
  id: bigint;
  subscriptionId: bigint;
  userId: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  payload: PushPayload;
  urgency: Urgency;
  attempts: number;
  /** When the push stops being worth sending (its TTL from its creation). */
  expiresAt: number;
  /** A notification whose message was deleted, or read by its person since: nothing to show. */
  stale: boolean;
}

interface ClaimRow extends Record<string, unknown> {
  id: string | bigint;
  subscription_id: string | bigint;
  user_id: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  payload: PushPayload | string;
  urgency: Urgency;
  attempts: number;
  ttl: number;
  created_at: Date | string;
  stale: boolean;
}

/**
 * Takes up to `limit` due jobs that nobody holds, with what sending them needs: the
 * device's keys, and whether a notification's message is gone or already read by then.
 */
export async function claimDue(db: Db, limit: number): Promise<ClaimedJob[]> {
  const result = await db.execute<ClaimRow>(sql`
    with due as (
      select id from push_jobs
      where next_attempt_at <= now() and (locked_until is null or locked_until < now())
      order by next_attempt_at
      limit ${limit}
      for update skip locked
    ), claimed as (
      update push_jobs j set locked_until = now() + make_interval(secs => ${LEASE_SECONDS})
      from due where j.id = due.id
      returning j.id, j.subscription_id, j.notification_id, j.payload, j.ttl, j.urgency, j.attempts, j.created_at
    )
    select c.id, c.subscription_id, c.payload, c.ttl, c.urgency, c.attempts, c.created_at,
      s.user_id, s.endpoint, s.p256dh, s.auth,
      (c.notification_id is not null and (m.id is null or m.deleted_at is not null
        or coalesce(r.last_read_id, 0) >= n.message_id)) as stale
    from claimed c
    join push_subscriptions s on s.id = c.subscription_id
    left join notifications n on n.id = c.notification_id
    left join messages m on m.id = n.message_id
    left join read_states r on r.user_id = n.user_id and r.channel_id = n.channel_id`);
  return (result as unknown as { rows: ClaimRow[] }).rows.map((r) => ({
    id: BigInt(r.id),
    subscriptionId: BigInt(r.subscription_id),
    userId: r.user_id,
    endpoint: r.endpoint,
    p256dh: r.p256dh,
    auth: r.auth,
    payload: typeof r.payload === "string" ? (JSON.parse(r.payload) as PushPayload) : r.payload,
    urgency: r.urgency,
    attempts: r.attempts,
    expiresAt: new Date(r.created_at).getTime() + r.ttl * 1000,
    stale: r.stale,
  }));
}

/** Sent, or not worth sending: the job is done. */
export async function finish(db: Db, ids: bigint[]): Promise<void> {
  if (ids.length === 0) return;
  await db.delete(pushJobs).where(inArray(pushJobs.id, ids));
}

/** The push service no longer knows this device: its subscription goes, its other jobs with it (cascade). */
export async function dropSubscription(db: Db, subscriptionId: bigint): Promise<void> {
  await db.delete(pushSubscriptions).where(eq(pushSubscriptions.id, subscriptionId));
}

/** Tried and failed for now: again after `delaySeconds`, the lease given back. */
export async function retryLater(db: Db, id: bigint, delaySeconds: number, error: string): Promise<void> {
  await db
    .update(pushJobs)
    .set({
      attempts: sql`${pushJobs.attempts} + 1`,
      nextAttemptAt: sql`now() + make_interval(secs => ${delaySeconds})`,
      lockedUntil: null,
      lastError: error.slice(0, 500),
    })
    .where(eq(pushJobs.id, id));
}
