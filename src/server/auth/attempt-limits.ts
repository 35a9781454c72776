/**
 * Limits on sign-in, sign-up, second-factor and reset attempts: per client IP and per
 * account (the email, or the pending two-factor sign-in), in a fixed window. Counted by
 * an AttemptStore (attempt-store.ts): this process's memory, or Redis with REDIS_URL so
 * the limits hold across every node.
 */
import type { Context, Next } from "hono";
import { type AttemptStore, MemoryAttemptStore } from "./attempt-store";
import { CLIENT_IP_HEADER } from "./constants";

export class AttemptLimiter {
  constructor(
    readonly perIp: number,
    readonly perAccount: number,
    readonly windowMs: number,
    private readonly store: AttemptStore = new MemoryAttemptStore(),
  ) {}

  /** Counts one attempt; resolves to the ms to wait when over the limit, else 0. */
  async hit(key: string, max: number, now?: number): Promise<number> {
    const { count, resetAfterMs } = await this.store.hit(key, this.windowMs, now);
    return count > max ? resetAfterMs : 0;
  }
}

/** better-auth paths we limit, and what each is called in the error message. */
export const limited: Record<string, string> = {
  "/api/auth/sign-in/email": "sign-in",
  "/api/auth/sign-up/email": "sign-up",
  "/api/auth/sign-in/social": "sign-in",
  "/api/auth/two-factor/verify-totp": "sign-in",
  "/api/auth/two-factor/verify-backup-code": "sign-in",
  "/api/auth/request-password-reset": "password reset",
};

function minutes(ms: number): string {
  const m = Math.max(1, Math.ceil(ms / 60_000));
  return m === 1 ? "a minute" : `${m} minutes`;
}

/**
 * The email of a sign-in, read as better-auth reads it: JSON, or a form (its sign-in
 * and sign-up endpoints take `application/x-www-form-urlencoded` too, and a repeated
 * field counts as its last value there).
 */
async function emailOf(c: Context): Promise<unknown> {
  const type = (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === "application/x-www-form-urlencoded") {
    return new URLSearchParams(await c.req.raw.clone().text()).getAll("email").at(-1);
  }
  const body = (await c.req.raw.clone().json()) as { email?: unknown } | null;
  return body?.email;
}

/** Body types better-auth reads on the limited paths; anything else it refuses itself. */
const readableTypes = new Set(["application/json", "application/x-www-form-urlencoded"]);

async function accountOf(c: Context): Promise<string | null> {
  if (c.req.path.includes("/two-factor/")) {
    // The pending sign-in is identified by its two-factor cookie.
    const cookie = c.req.header("cookie") ?? "";
    const match = /two_factor=([^;]+)/.exec(cookie);
    return match ? `2fa:${match[1]}` : null;
  }
  try {
    const email = await emailOf(c);
    return typeof email === "string" ? `email:${email.trim().toLowerCase()}` : null;
  } catch {
    return null;
  }
}

/**
 * Hono middleware in front of better-auth. Answers 429 in better-auth's error shape
 * (`{ code, message }`), which its client hands to the page as is.
 */
export function attemptLimits(limiter: AttemptLimiter) {
  return async (c: Context, next: Next) => {
    const what = c.req.method === "POST" ? limited[c.req.path] : undefined;
    if (!what) return next();
    // What we cannot read, we cannot count against an account: refuse it up front.
    const type = (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
    if (!readableTypes.has(type)) {
      return c.json({ code: "UNSUPPORTED_MEDIA_TYPE", message: "Send this request as JSON (application/json).", requestId: c.get("requestId") }, 415);
    }
    const ip = c.req.header(CLIENT_IP_HEADER) ?? "unknown";
    let wait = await limiter.hit(`ip:${what}:${ip}`, limiter.perIp);
    const account = what === "sign-up" ? null : await accountOf(c);
    if (account) wait = Math.max(wait, await limiter.hit(`acct:${what}:${account}`, limiter.perAccount));
    if (wait > 0) {
      c.header("retry-after", String(Math.ceil(wait / 1000)));
      return c.json(
        { code: "RATE_LIMITED", message: `Too many ${what} attempts. Try again in ${minutes(wait)}.`, retryAfterMs: wait, requestId: c.get("requestId") },
        429,
      );
    }
    return next();
  };
}
