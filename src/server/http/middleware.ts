import type { Context, MiddlewareHandler } from "hono";
import { createMiddleware } from "hono/factory";
import { z } from "zod";
import { ANONYMOUS, type Actor } from "../domain/context";
import { isUnavailable } from "../db/unavailable";
import { AppError, errors } from "../errors";
import type { Services } from "../services";
import type * as schema from "../db/schema";

export interface AppEnv {
  Variables: {
    services: Services;
    user: (typeof schema.user.$inferSelect & Actor) | null;
    sessionId: string | null;
  };
}

export function formatError(err: unknown, c: Context<AppEnv>) {
  const known = err instanceof AppError ? err : isUnavailable(err) ? errors.unavailable() : undefined;
  if (known) {
    for (const [name, value] of Object.entries(known.headers ?? {})) c.header(name, value);
    return c.json(known.toJSON(), known.status);
  }
  c.get("services")?.log.error({ err }, "unhandled error");
  return c.json({ error: { code: "INTERNAL", message: "Something went wrong on our side." } }, 500);
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

/** Resolves the session cookie to a user, once per request. */
export const session = createMiddleware<AppEnv>(async (c, next) => {
  const found = await c.get("services").sessions(c.req.raw.headers);
  c.set("user", found ? { ...found.user, image: found.user.image ?? null } : null);
  c.set("sessionId", found?.sessionId ?? null);
  await next();
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

/** Route ids are decimal snowflakes; anything else is a 400, never a database error. */
/** A user id from the path (better-auth's ids are short opaque strings). */
export function userIdParam(c: Context, name = "userId"): string {
  return parse(z.string().min(1).max(64), c.req.param(name));
}

export function idParam(c: Context, name: string): bigint {
  const raw = c.req.param(name) ?? "";
  if (!/^\d{1,20}$/.test(raw)) throw errors.badRequest(`${name} must be a numeric id.`);
  const id = BigInt(raw);
  if (id > 0x7fffffffffffffffn) throw errors.badRequest(`${name} is out of range.`);
  return id;
}
