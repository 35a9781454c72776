/**
 * Resolves a request's session cookie to a user on the hot path (every API request and
 * socket connect). It checks the same signed cookie better-auth sets and reads the
 * session row with its user in one query; the answer is then kept in the process for a
 * short while (at most SESSION_CACHE_TTL_MS, never past the session's expiry). A session
 * that ends, or a change to its person's row, drops it on every process before the
 * change is answered (cluster/invalidation.ts), so a revoked session ends at once. When
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
  /**
   * For an answer from the cache that did not wait for the catch-up (`read`, `guarded`):
   * resolves whether the session still holds once the changes committed before the
   * request are heard; the answer waits for it, unless a statement proved it (`token`).
   */
  confirm?: () => Promise<boolean>;
  /**
   * For a `guarded` call on PostgreSQL: the session's token, which the caller's own
   * statement checks as of its start (`sessionHoldsSql`) instead of waiting for `confirm`.
   */
  token?: string;
}

/**
 * SQL that is true when the session with the token in `tokenParam` still holds for the
 * person in `userParam` (not ended, not expired, not moved, the person not deleted), or
 * when `tokenParam` is null (nothing to check). In a statement sent after the request
 * came, it sees every change committed before: the catch-up's guarantee, in the
 * statement's own round trip.
 */
export function sessionHoldsSql(tokenParam: string, userParam: string): string {
  return `(${tokenParam}::text is null or exists (select 1 from session s join "user" u on u.id = s.user_id
    where s.token = ${tokenParam}::text and s.user_id = ${userParam}::text and s.expires_at > now() and u.deleted_at is null))`;
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

/** How long a resolved session may answer without the database (never past its expiry). */
export const SESSION_CACHE_TTL_MS = 30_000;
const SESSION_CACHE_MAX = 20_000;

interface CachedSession {
  user: typeof user.$inferSelect;
  sessionId: string;
  token: string;
  expiresAt: number;
  lastActiveAt: number;
  cachedAt: number;
}

/** What ended or changed: these sessions, every session of these people, or everything. */
export interface SessionChange {
  sessionIds?: Iterable<string>;
  userIds?: Iterable<string>;
  all?: boolean;
}

export function createSessionResolver(opts: {
  auth: Auth;
  cookieName: string;
  db: Db;
  secret: string;
  expiresIn: number;
  updateAge: number;
  /**
   * Resolves once every session change committed before the call has dropped its entry
   * (db/client.ts `Listening.caughtUp`); a cached answer is used only after it. Rejects
   * when changes cannot be heard: the database is asked instead.
   */
  caughtUp?: () => Promise<void>;
  /**
   * The catch-up is a round trip (PostgreSQL): a `guarded` call gets the token to check
   * in its own statement instead. Without it (PGlite, where the catch-up costs nothing)
   * a guarded call waits for the catch-up as any write does.
   */
  checkInStatement?: boolean;
}) {
  const { cookieName } = opts;
  // Prepared once: building the statement per request cost more CPU than running it.
  const byToken = opts.db
    .select({ user, expiresAt: sessions.expiresAt, sessionId: sessions.id, lastActiveAt: sessions.lastActiveAt })
    .from(sessions)
    .innerJoin(user, eq(user.id, sessions.userId))
    .where(eq(sessions.token, sql.placeholder("token")))
    .prepare("session_by_token");
  const touch = (id: string) =>
    opts.db.update(sessions).set({ lastActiveAt: new Date() }).where(eq(sessions.id, id)).catch(() => {});

  /*
   * Resolved sessions by their signed cookie value (a hit skips the signature check too,
   * since only a value that passed it is stored). Dropped by `forget` when a session ends
   * or its person's row changes (cluster/invalidation.ts, on every process); a resolve
   * that began before a `forget` is not stored after it (`generation`).
   */
  const cache = new Map<string, CachedSession>();
  let generation = 0;

  function forget(change: SessionChange) {
    generation++;
    if (change.all) return cache.clear();
    const ids = new Set(change.sessionIds);
    const users = new Set(change.userIds);
    if (ids.size === 0 && users.size === 0) return;
    for (const [key, entry] of cache) if (ids.has(entry.sessionId) || users.has(entry.user.id)) cache.delete(key);
  }

  function store(key: string, entry: CachedSession) {
    if (cache.size >= SESSION_CACHE_MAX) cache.delete(cache.keys().next().value!);
    cache.set(key, entry);
  }

  // True once the session changes committed before the call are heard; false when they cannot be.
  const caughtUp = opts.caughtUp;
  const heard = caughtUp && (() => caughtUp().then(() => true, () => false));

  /**
   * `read`: the caller only reads (a GET) and withholds its answer until `confirm` says the
   * session still holds, so a cached answer need not wait for the catch-up first: the
   * round trip runs beside the read instead of before it.
   * `guarded`: the caller writes only in a statement that checks the session itself
   * (`token`, `sessionHoldsSql`) and withholds any other answer until `confirm` says so.
   */
  async function resolveSession(headers: Headers, how: { read?: boolean; guarded?: boolean } = {}): Promise<ResolvedSession | null> {
    const raw = readCookie(headers.get("cookie"), cookieName);
    if (!raw) return null;
    const now = Date.now();
    let hit = cache.get(raw);
    let confirm: (() => Promise<boolean>) | undefined;
    // Guarded on PostgreSQL: the caller's statement checks the token, and the catch-up's
    // round trip is made only if it is asked for (`confirm`) after all.
    const checked = how.guarded && opts.checkInStatement;
    if (hit && heard && (how.read || checked)) {
      const held = hit;
      let caught = checked ? undefined : heard();
      confirm = async () => {
        if ((await (caught ??= heard())) && cache.get(raw) === held) return true;
        // Changed meanwhile, or changes could not be heard: as the database says now.
        const fresh = await resolveSession(headers);
        return fresh !== null && fresh.sessionId === held.sessionId;
      };
    } else if (hit && heard) {
      // A change made just before this request (by anyone, in the database) drops the entry first.
      if (!(await heard()) || cache.get(raw) !== hit) hit = undefined;
    }
    if (hit) {
      // better-auth's own rule (below): due once `updateAge` has passed since the expiry was last set.
      const due = hit.expiresAt - opts.expiresIn * 1000 + opts.updateAge * 1000 <= now;
      if (now - hit.cachedAt < SESSION_CACHE_TTL_MS && hit.expiresAt > now && !due) {
        if (now - hit.lastActiveAt > LAST_ACTIVE_RESOLUTION_MS) {
          hit.lastActiveAt = now;
          void touch(hit.sessionId);
        }
        return { user: hit.user, sessionId: hit.sessionId, ...(confirm && { confirm, ...(checked && { token: hit.token }) }) };
      }
      cache.delete(raw);
    }
    const token = verifySignedToken(raw, opts.secret);
    if (!token) return null;
    const startedAt = generation;
    let [row] = await byToken.execute({ token });
    const expiresAt = row ? new Date(row.expiresAt).getTime() : 0;
    if (!row || expiresAt <= Date.now() || row.user.deletedAt) return null;
    // better-auth's own rule: due once `updateAge` has passed since the expiry was last set.
    if (expiresAt - opts.expiresIn * 1000 + opts.updateAge * 1000 <= Date.now()) {
      if (!(await opts.auth.api.getSession({ headers }))) return null; // extends the session's life
      [row] = await byToken.execute({ token });
      if (!row) return null;
    }
    let lastActiveAt = new Date(row.lastActiveAt).getTime();
    // "Last active" in the sessions list, written at most once a minute per session.
    if (Date.now() - lastActiveAt > LAST_ACTIVE_RESOLUTION_MS) {
      lastActiveAt = Date.now();
      void touch(row.sessionId);
    }
    if (startedAt === generation) {
      store(raw, { user: row.user, sessionId: row.sessionId, token, expiresAt: new Date(row.expiresAt).getTime(), lastActiveAt, cachedAt: now });
    }
    return { user: row.user, sessionId: row.sessionId };
  }

  return Object.assign(resolveSession, { forget });
}

export type SessionResolver = ReturnType<typeof createSessionResolver>;
