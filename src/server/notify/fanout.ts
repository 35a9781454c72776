/**
 * The fan-out: an event-bus subscriber that turns committed events into notifications.
 *
 * - `message.created`: the people the message notifies (recipients.ts) each get a
 *   notification row (at most one per person and message), a `notification.created` on
 *   their sockets, and — unless a tab of theirs has focus or they chose do not disturb —
 *   one queued push per device, written in the same transaction as the rows.
 * - `call.ended`: those rung who never joined get a missed call, through the same rule.
 * - `read.updated`: notifications pushed for what was just read are closed on the
 *   person's devices with a "read" push.
 *
 * The subscriber keeps its own queue and works a few events at once: sending a message
 * never waits on any of this.
 */
import { and, eq, lte, sql } from "drizzle-orm";
import { notifications, calls, user } from "../db/schema";
import { newId } from "../db/snowflake";
import type { EventSubscriber } from "../domain/event-bus";
import type { DomainEvent, EventOf } from "../domain/events";
import type { Services } from "../services";
import { type NotificationTemplate, personalise, placeTitle, previewOf, template } from "./content";
import { PUSH_TTL_SECONDS, enqueue, subscriptionsOf } from "./queue";
import { type Place, type Recipient, loadPlace, messageRecipients, missedCallRecipients } from "./recipients";

type FanoutServices = Pick<Services, "db" | "events" | "focus" | "presence" | "log">;

/** Events worked on at once: enough to keep up with a busy server, few enough to leave the pool to requests. */
const CONCURRENCY = 8;

type Relevant = EventOf<"message.created"> | EventOf<"call.ended"> | EventOf<"read.updated">;

export class NotifySubscriber implements EventSubscriber {
  readonly name = "notifications";
  private readonly queue: Relevant[] = [];
  private readonly pending = new Set<Promise<void>>();

  /** `queued` is told when pushes were put in the queue (the worker then looks at once). */
  constructor(
    private readonly services: FanoutServices,
    private readonly queued: () => void,
  ) {}

  /**
   * Takes the events and returns at once: they are worked on here, a few at a time, in
   * no strict order. None needs one: a "read" that overtakes the fan-out of what it read
   * finds nothing to close yet, and the worker drops a push for a message already read.
   */
  handle(events: DomainEvent[]): void {
    for (const e of events) {
      if (e.type === "message.created" || e.type === "call.ended" || e.type === "read.updated") this.queue.push(e);
    }
    this.pump();
  }

  /** Waits until every event taken so far is worked through (at shutdown, before the database closes). */
  async settle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private pump() {
    while (this.pending.size < CONCURRENCY && this.queue.length > 0) {
      const e = this.queue.shift()!;
      const work = this.apply(e).finally(() => {
        this.pending.delete(work);
        this.pump();
      });
      this.pending.add(work);
    }
  }

  private async apply(e: Relevant): Promise<void> {
    try {
      if (e.type === "message.created") await this.messageCreated(e);
      else if (e.type === "call.ended") await this.callEnded(e);
      else await this.readUpdated(e);
    } catch (err) {
      // One failed event must not cost the others their notifications.
      this.services.log.error({ err, event: e.type }, "notifications: fan-out failed");
    }
  }

  private async messageCreated(e: EventOf<"message.created">): Promise<void> {
    const { message } = e;
    // A call's line rings the people it concerns; a missed call is told when it ends.
    // Join and pin lines notify nobody, whatever the level (a pin line's reference to the
    // pinned message is no reply): they count as unread like any message, and that is all.
    if (message.type !== "default") return;
    const { db, presence } = this.services;
    const place = await loadPlace(db, BigInt(e.channelId));
    if (!place) return;
    const recipients = await messageRecipients(db, presence, place, message);
    if (recipients.length === 0) return;
    const body = await previewOf(db, message);
    const t = template(place, message.id, placeTitle(message.author.name, place), body, message.author.image);
    await this.deliver(place, BigInt(message.id), recipients, t);
  }

  private async callEnded(e: EventOf<"call.ended">): Promise<void> {
    const { db } = this.services;
    const [call] = await db
      .select({ messageId: calls.messageId, startedBy: calls.startedBy, video: calls.video, rungIds: calls.rungIds, participantIds: calls.participantIds, declinedIds: calls.declinedIds, callerName: user.name, callerImage: user.image })
      .from(calls)
      .innerJoin(user, eq(user.id, calls.startedBy))
      .where(eq(calls.id, BigInt(e.callId)));
    if (!call?.messageId) return;
    // Rung, never in it, and not a decline: a decline is an answer, not a missed call.
    const answered = new Set([...call.participantIds, ...call.declinedIds]);
    const missed = [...new Set(call.rungIds)].filter((id) => !answered.has(id));
    if (missed.length === 0) return;
    const place = await loadPlace(db, BigInt(e.channelId));
    if (!place) return;
    const recipients = await missedCallRecipients(db, place, call.startedBy, missed);
    if (recipients.length === 0) return;
    const messageId = call.messageId.toString();
    const body = call.video ? "Missed video call" : "Missed voice call";
    await this.deliver(place, call.messageId, recipients, template(place, messageId, placeTitle(call.callerName, place, "missed_call"), body, call.callerImage));
  }

  /** Rows, socket events and pushes for the people a message notifies. */
  private async deliver(place: Place, messageId: bigint, recipients: Recipient[], t: NotificationTemplate): Promise<void> {
    const { db, focus, events } = this.services;
    // Someone looking at the app sees it there; do not disturb means no push at all.
    const looking = await focus.focusedAmong(recipients.filter((r) => !r.dnd).map((r) => r.userId));
    const pushTo = recipients.filter((r) => !r.dnd && !looking.has(r.userId)).map((r) => r.userId);
    const createdAt = new Date();
    const devices = await subscriptionsOf(db, pushTo);
    const rows = recipients.map((r) => {
      const id = newId();
      const pushed = (devices.get(r.userId)?.length ?? 0) > 0;
      return { id, r, pushed, info: personalise(t, id.toString(), r.kind, r.hidePreviews, createdAt) };
    });
    const jobs = rows.flatMap(({ id, r, pushed, info }) =>
      pushed ? (devices.get(r.userId) ?? []).map((subscriptionId) => ({ subscriptionId, notificationId: id, payload: { type: "notification", notification: info } as const })) : [],
    );
    // One statement, so the rows and their jobs are written together without a
    // transaction's extra round trips: jobs only for the rows that were new (at most one
    // notification per person and message).
    const result = await db.execute<{ id: string | bigint }>(sql`
      with inserted as (
        insert into notifications (id, user_id, kind, channel_id, message_id, created_at, pushed)
        values ${sql.join(rows.map(({ id, r, pushed }) => sql`(${id}, ${r.userId}, ${r.kind}, ${place.channelId}, ${messageId}, ${createdAt.toISOString()}::timestamptz, ${pushed})`), sql`, `)}
        on conflict (user_id, message_id) do nothing
        returning id
      ), jobs as (
        insert into push_jobs (id, subscription_id, notification_id, payload, urgency, ttl)
        select j.id, j.subscription_id, j.notification_id, j.payload, 'high', ${PUSH_TTL_SECONDS}
        from (values ${jobs.length ? sql.join(jobs.map((j) => sql`(${newId()}::bigint, ${j.subscriptionId}::bigint, ${j.notificationId}::bigint, ${JSON.stringify(j.payload)}::jsonb)`), sql`, `) : sql`(null::bigint, null::bigint, null::bigint, null::jsonb)`})
          as j(id, subscription_id, notification_id, payload)
        join inserted i on i.id = j.notification_id
        returning 1
      )
      select id from inserted`);
    const insertedIds = new Set((result as unknown as { rows: { id: string | bigint }[] }).rows.map((row) => row.id.toString()));
    const created = rows.filter(({ id }) => insertedIds.has(id.toString())).map(({ r, info }) => ({ userId: r.userId, info }));
    const queued = jobs.filter((j) => insertedIds.has(j.notificationId.toString())).length;
    events.publish(created.map(({ userId, info }) => ({ type: "notification.created", userId, notification: info })));
    if (queued > 0) this.queued();
  }

  /**
   * Read up to here: close on every device what was pushed for it (each notification once).
   * Every ack anywhere comes here, and nearly all find nothing pushed to close: that case
   * is one UPDATE, with no transaction around it. (A crash between the UPDATE and the
   * enqueue leaves a shown notification open: it goes with the next read or a click.)
   */
  private async readUpdated(e: EventOf<"read.updated">): Promise<void> {
    const { db } = this.services;
    const cleared = await db
      .update(notifications)
      .set({ cleared: true })
      .where(
        and(
          eq(notifications.userId, e.userId),
          eq(notifications.channelId, BigInt(e.state.channelId)),
          lte(notifications.messageId, BigInt(e.state.lastReadId)),
          eq(notifications.pushed, true),
          eq(notifications.cleared, false),
        ),
      )
      .returning({ id: notifications.id });
    if (cleared.length === 0) return;
    const devices = (await subscriptionsOf(db, [e.userId])).get(e.userId) ?? [];
    await enqueue(
      db,
      devices.map((subscriptionId) => ({
        subscriptionId,
        notificationId: null,
        payload: { type: "read", channelId: e.state.channelId, lastReadId: e.state.lastReadId },
        urgency: "normal",
      })),
    );
    if (devices.length > 0) this.queued();
  }
}
