/**
 * Resolves a request's session cookie to a user on the hot path (every API request and
 * socket connect) in one query. It checks the same signed cookie better-auth sets and
 * reads the session row every time, so a revoked or expired session ends at once; when
 * a session is due for better-auth's sliding refresh it hands over to better-auth.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { session as sessions, user } from "../db/schema";
import type { Auth } from "./index";

const LAST_ACTIVE_RESOLUTION_MS = 60_000;

export interface ResolvedSession {
  user: typeof user.$inferSelect;
  sessionId: string;
}

function readCookie(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

/** `token.base64(HMAC-SHA256(token))`, URI-encoded, as better-auth signs it. */
export function verifySignedToken(raw: string, secret: string): string | null {
  let value: string;
  try {
    value = decodeURIComponent(raw);
  } catch {
    return null;
  }
  const dot = value.lastIndexOf(".");
  if (dot < 1) return null;
  const token = value.slice(0, dot);
  const given = Buffer.from(value.slice(dot + 1), "base64");
  const expected = createHmac("sha256", secret).update(token).digest();
  return given.length === expected.length && timingSafeEqual(given, expected) ? token : null;
}

export function createSessionResolver(opts: { auth: Auth; db: Db; secret: string; expiresIn: number; updateAge: number }) {
  const cookieName = opts.auth.$context.then((c) => c.authCookies.sessionToken.name);
  // Prepared once: building the statement per request cost more CPU than running it.
  const byToken = opts.db
    .select({ user, expiresAt: sessions.expiresAt, sessionId: sessions.id, lastActiveAt: sessions.lastActiveAt })
    .from(sessions)
    .innerJoin(user, eq(user.id, sessions.userId))
    .where(eq(sessions.token, sql.placeholder("token")))
    .prepare("session_by_token");
  const touch = (id: string) =>
    opts.db.update(sessions).set({ lastActiveAt: new Date() }).where(eq(sessions.id, id)).catch(() => {});
  return async function resolveSession(headers: Headers): Promise<ResolvedSession | null> {
    const raw = readCookie(headers.get("cookie"), await cookieName);
    const token = raw && verifySignedToken(raw, opts.secret);
    if (!token) return null;
    let [row] = await byToken.execute({ token });
    const expiresAt = row ? new Date(row.expiresAt).getTime() : 0;
    if (!row || expiresAt <= Date.now() || row.user.deletedAt) return null;
    // better-auth's own rule: due once `updateAge` has passed since the expiry was last set.
    if (expiresAt - opts.expiresIn * 1000 + opts.updateAge * 1000 <= Date.now()) {
      if (!(await opts.auth.api.getSession({ headers }))) return null; // extends the session's life
      [row] = await byToken.execute({ token });
      if (!row) return null;
    }
    // "Last active" in the sessions list, written at most once a minute per session.
    if (Date.now() - new Date(row.lastActiveAt).getTime() > LAST_ACTIVE_RESOLUTION_MS) void touch(row.sessionId);
    return { user: row.user, sessionId: row.sessionId };
  };
}

export type SessionResolver = ReturnType<typeof createSessionResolver>;
