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
import { describeDevice } from "./devices";

export type SessionEndReason = "signed_out" | "revoked" | "deleted";

export async function listSessions(services: Services, userId: string, currentId: string | null): Promise<UserSession[]> {
  const rows = await services.db
    .select()
    .from(session)
    .where(eq(session.userId, userId))
    .orderBy(desc(session.lastActiveAt));
  return rows
    .filter((s) => new Date(s.expiresAt).getTime() > Date.now())
    .map((s) => presentSession(s, currentId, describeDevice(s.userAgent)))
    .sort((a, b) => Number(b.current) - Number(a.current));
}

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

export async function revokeSession(services: Services, userId: string, sessionId: string) {
  const rows = await services.db
    .select({ id: session.id, token: session.token })
    .from(session)
    .where(and(eq(session.userId, userId), eq(session.id, sessionId)));
  if (!rows.length) throw errors.notFound("Session");
  await endSessions(services, rows, "revoked");
}

export async function revokeOtherSessions(services: Services, userId: string, currentId: string | null) {
  const rows = await services.db
    .select({ id: session.id, token: session.token })
    .from(session)
    .where(currentId ? and(eq(session.userId, userId), ne(session.id, currentId)) : eq(session.userId, userId));
  await endSessions(services, rows, "revoked");
}
