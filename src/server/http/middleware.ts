import type { Context, MiddlewareHandler } from "hono";
import { createMiddleware } from "hono/factory";
import type { z } from "zod";
import { snowflake, userIdSchema } from "@/shared/api";
import { ANONYMOUS, type Actor, type SessionCheck } from "../domain/context";
import { isUnavailable } from "../db/unavailable";
import { AppError, errors } from "../errors";
import type { Services } from "../services";
import type * as schema from "../db/schema";

export interface AppEnv {
  Variables: {
    services: Services;
    user: (typeof schema.user.$inferSelect & Actor) | null;
    sessionId: string | null;
    /** This request's id (x-request-id): in its log lines and error bodies. */
    requestId: string;
    /** For a route whose statement checks the session itself (`guardedRoute`); passed to `execute`. */
    sessionCheck: SessionCheck | undefined;
  };
}

/** An error body with this request's id inside `error`, where a client shows or reports it from. */
export function withRequestId<B extends { error: object }>(body: B, c: Context<AppEnv>): B {
  const requestId = c.get("requestId");
  return requestId ? { ...body, error: { ...body.error, requestId } } : body;
}

export function formatError(err: unknown, c: Context<AppEnv>) {
  const known = err instanceof AppError ? err : isUnavailable(err) ? errors.unavailable() : undefined;
  if (known) {
    for (const [name, value] of Object.entries(known.headers ?? {})) c.header(name, value);
    return c.json(withRequestId(known.toJSON(), c), known.status);
  }
  c.get("services")?.log.error({ err }, "unhandled error");
  return c.json(withRequestId({ error: { code: "INTERNAL", message: "Something went wrong on our side." } }, c), 500);
}

/** Refuses state-changing requests from other sites (the cookie is SameSite=Lax too). */
export function originCheck(trusted: string[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const origin = c.req.header("origin");
    if (c.req.method !== "GET" && c.req.method !== "HEAD" && origin && !trusted.includes(origin)) {
      throw errors.forbidden("This request came from another site.");
    }
    await next();
  };
}

/** Control characters other than tab, line feed and carriage return; PostgreSQL refuses NUL outright. */
const CONTROL = /[^\P{Cc}\t\n\r]/u;

function hasControl(value: unknown, depth = 0): boolean {
  if (typeof value === "string") return CONTROL.test(value);
  if (depth > 32 || value === null || typeof value !== "object") return false;
  return Object.entries(value).some(([k, v]) => CONTROL.test(k) || hasControl(v, depth + 1));
}

/**
 * The input gate in front of better-auth, whose own schemas let NUL through to the
 * database: a query or a JSON or form body with control characters is a 400.
 */
export const authInputGate = createMiddleware<AppEnv>(async (c, next) => {
  const refuse = () => {
    throw errors.validation([{ path: "", message: "must not contain control characters" }]);
  };
  if (hasControl(c.req.queries())) refuse();
  const type = c.req.header("content-type") ?? "";
  if (c.req.method === "POST" && (type.includes("json") || type.includes("x-www-form-urlencoded"))) {
    const text = await c.req.raw.clone().text();
    if (type.includes("json")) {
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = null; // better-auth answers malformed JSON itself
      }
      if (hasControl(body)) refuse();
    } else if (hasControl(Object.fromEntries(new URLSearchParams(text)))) refuse();
  }
  await next();
});

/**
 * The hot routes whose statements check the session themselves (auth/session.ts
 * `sessionHoldsSql`): a channel's history and the send. Both pass `sessionCheck` to
 * `execute`, and their statements prove the session in their own round trip.
 */
const guardedRoute = /^\/api\/v1\/channels\/\d+\/messages$/;

/** Resolves the session cookie to a user, once per request. */
export const session = createMiddleware<AppEnv>(async (c, next) => {
  // A read answered from a cached session runs beside the catch-up on session changes and
  // is sent only once that confirms the session (auth/session.ts); a write waits for it
  // first. On a guarded route a statement may prove the session instead (PostgreSQL).
  const read = c.req.method === "GET" || c.req.method === "HEAD";
  const guarded = (read || c.req.method === "POST") && guardedRoute.test(c.req.path);
  const found = await c.get("services").sessions(c.req.raw.headers, { read, guarded });
  c.set("user", found ? { ...found.user, image: found.user.image ?? null } : null);
  c.set("sessionId", found?.sessionId ?? null);
  const check = found?.token ? { token: found.token, proven: false } : undefined;
  c.set("sessionCheck", check);
  await next();
  if (found?.confirm && !check?.proven && !(await found.confirm())) throw errors.unauthorized();
});

/** The signed-in user, or the anonymous actor on a public route. */
export function actorOrAnonymous(c: Context<AppEnv>): Actor {
  return c.get("user") ?? ANONYMOUS;
}

/** The signed-in user, or 401. */
export function actorOf(c: Context<AppEnv>): NonNullable<AppEnv["Variables"]["user"]> {
  const user = c.get("user");
  if (!user) throw errors.unauthorized();
  return user;
}

export function parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw errors.validation(result.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })));
  }
  return result.data;
}

export async function jsonBody(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw errors.badRequest("The body must be JSON.");
  }
}

/** For DELETE and the like: a JSON body is allowed but not required. */
export async function optionalJsonBody(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw errors.badRequest("The body must be JSON.");
  }
}

/** A user id from the path (better-auth's ids are short opaque strings); anything else is a 400 VALIDATION_FAILED. */
export function userIdParam(c: Context, name = "userId"): string {
  return parse(userIdSchema, c.req.param(name) ?? "");
}

/** Route ids are decimal snowflakes within the bigint range; anything else is a 400, never a database error. */
export function idParam(c: Context, name: string): bigint {
  const raw = c.req.param(name) ?? "";
  if (!snowflake.safeParse(raw).success) throw errors.badRequest(`${name} must be a numeric id.`);
  return BigInt(raw);
}

/** A path parameter checked by a schema (Hono has decoded it once already: never decode it again). */
export function pathParam<S extends z.ZodType>(c: Context, name: string, schema: S): z.infer<S> {
  return parse(schema, c.req.param(name) ?? "");
}
