/**
 * The sessions list in security settings, and ending sessions. Every end goes through
 * better-auth's adapter, whose delete hook tells the realtime layer, so the sockets
 * opened with an ended session are disconnected at once on every node.
 */
import { and, desc, eq, ne } from "drizzle-orm";
import type { UserSession } from "@/shared/api";
import { session } from "../../db/schema";
import { errors } from "../../errors";
import { presentSession } from "../../presenters";
import type { Services } from "../../services";
import { defineCommand, defineQuery } from "../context";
import { describeDevice } from "./devices";

export type SessionEndReason = "signed_out" | "revoked" | "deleted";

/** The actor's live sessions, the one making the request (`currentId`) first. */
export const listSessions = defineQuery(async (input: { currentId: string | null }, ctx): Promise<UserSession[]> => {
  const rows = await ctx.tx
    .select()
    .from(session)
    .where(eq(session.userId, ctx.actor.id))
    .orderBy(desc(session.lastActiveAt));
  return rows
    .filter((s) => new Date(s.expiresAt).getTime() > Date.now())
    .map((s) => presentSession(s, input.currentId, describeDevice(s.userAgent)))
    .sort((a, b) => Number(b.current) - Number(a.current));
});

/** Deletes sessions by token, saying why, so their sockets hear the reason. */
export async function endSessions(services: Services, rows: { id: string; token: string }[], reason: SessionEndReason) {
  if (!rows.length) return;
  for (const r of rows) services.sessionEndReasons.set(r.id, reason);
  const ctx = await services.auth.$context;
  try {
    await ctx.internalAdapter.deleteSessions(rows.map((r) => r.token));
  } finally {
    for (const r of rows) services.sessionEndReasons.delete(r.id);
  }
}

/*
 * The revokes declare no transaction: better-auth deletes the rows on its own connection
 * (one DELETE), which must not wait behind a transaction of ours.
 */

/** Ends one of the actor's sessions; 404 for anyone else's. */
export const revokeSession = defineCommand({ transaction: false }, async (input: { sessionId: string }, ctx) => {
  const rows = await ctx.tx
    .select({ id: session.id, token: session.token })
    .from(session)
    .where(and(eq(session.userId, ctx.actor.id), eq(session.id, input.sessionId)));
  if (!rows.length) throw errors.notFound("Session");
  await endSessions(ctx.services, rows, "revoked");
});

/** Ends every session of the actor but the one making the request (`currentId`). */
export const revokeOtherSessions = defineCommand({ transaction: false }, async (input: { currentId: string | null }, ctx) => {
  const userId = ctx.actor.id;
  const rows = await ctx.tx
    .select({ id: session.id, token: session.token })
    .from(session)
    .where(input.currentId ? and(eq(session.userId, userId), ne(session.id, input.currentId)) : eq(session.userId, userId));
  await endSessions(ctx.services, rows, "revoked");
});
