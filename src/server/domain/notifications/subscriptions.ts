/**
 * Web Push subscriptions: one row per browser (its push service endpoint), tied to the
 * person and the session that made it. The same browser subscribing again — or another
 * account on a shared computer subscribing the same endpoint — moves the row to the
 * latest person and session; pushes still queued for the previous person go with the old
 * row, never to the new one. A person keeps at most `MAX_PUSH_SUBSCRIPTIONS`.
 */
import { and, desc, eq, notInArray } from "drizzle-orm";
import type { PushSubscriptionInput } from "@/shared/api/notifications";
import { pushSubscriptions } from "../../db/schema";
import { newId } from "../../db/snowflake";
import { errors } from "../../errors";
import { defineCommand } from "../context";

/** Devices per person; subscribing one more drops the oldest. */
export const MAX_PUSH_SUBSCRIPTIONS = 20;

/** Test pushes per person: at most this many a minute. */
export const TEST_PUSH_RULE = { bucket: "notification.test", limit: 3, windowMs: 60_000 } as const;

const LOCAL_HOST = /^(localhost|.*\.localhost|.*\.local|.*\.internal|\[.*\]|\d+\.\d+\.\d+\.\d+)$/i;

/**
 * Browsers' push services are all https on public names. A plain http:// endpoint, or one
 * on an address or a local name (the server would post to it), is accepted only with
 * PUSH_ALLOW_HTTP, for a local push service in tests and development.
 */
export function pushEndpointProblem(endpoint: string, allowHttp: boolean): string | null {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return "The push endpoint must be a URL.";
  }
  if (url.protocol === "https:") {
    if (!allowHttp && LOCAL_HOST.test(url.hostname)) return "The push endpoint must be a push service on the internet, not a local address.";
    return null;
  }
  if (url.protocol === "http:" && allowHttp) return null;
  return "The push endpoint must be an https:// URL.";
}

export const addPushSubscription = defineCommand(
  { transaction: true },
  async (input: PushSubscriptionInput & { sessionId: string | null; userAgent: string | null }, ctx): Promise<{ id: string }> => {
    const problem = pushEndpointProblem(input.endpoint, ctx.services.config.PUSH_ALLOW_HTTP);
    if (problem) throw errors.badRequest(problem);
    const me = ctx.actor.id;
    const [existing] = await ctx.tx
      .select({ id: pushSubscriptions.id, userId: pushSubscriptions.userId })
      .from(pushSubscriptions)
      .where(eq(pushSubscriptions.endpoint, input.endpoint))
      .for("update");
    // Someone else's until now: their row and their queued pushes go (cascade), a fresh one comes.
    if (existing && existing.userId !== me) await ctx.tx.delete(pushSubscriptions).where(eq(pushSubscriptions.id, existing.id));
    const fields = {
      userId: me,
      sessionId: input.sessionId,
      p256dh: input.keys.p256dh,
      auth: input.keys.auth,
      userAgent: input.userAgent?.slice(0, 512) ?? null,
      createdAt: new Date(),
    };
    const [row] = await ctx.tx
      .insert(pushSubscriptions)
      .values({ id: newId(), endpoint: input.endpoint, ...fields })
      .onConflictDoUpdate({ target: pushSubscriptions.endpoint, set: fields })
      .returning({ id: pushSubscriptions.id });
    const keep = ctx.tx
      .select({ id: pushSubscriptions.id })
      .from(pushSubscriptions)
      .where(eq(pushSubscriptions.userId, me))
      .orderBy(desc(pushSubscriptions.createdAt), desc(pushSubscriptions.id))
      .limit(MAX_PUSH_SUBSCRIPTIONS);
    await ctx.tx.delete(pushSubscriptions).where(and(eq(pushSubscriptions.userId, me), notInArray(pushSubscriptions.id, keep)));
    return { id: row!.id.toString() };
  },
);

/** Only one's own: someone else's endpoint is left alone, and the answer is the same. */
export const removePushSubscription = defineCommand({ transaction: false }, async (input: { endpoint: string }, ctx): Promise<void> => {
  await ctx.tx.delete(pushSubscriptions).where(and(eq(pushSubscriptions.endpoint, input.endpoint), eq(pushSubscriptions.userId, ctx.actor.id)));
});

/** Queues a test push to each of my devices; limited to a few a minute. */
export const sendTestPush = defineCommand({ transaction: false }, async (_input: Record<string, never>, ctx): Promise<{ devices: number }> => {
  await ctx.services.limiter.requireSlots([{ ...TEST_PUSH_RULE, key: ctx.actor.id }]);
  return { devices: await ctx.services.notifier.sendTest(ctx.actor.id) };
});
