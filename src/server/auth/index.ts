/**
 * Accounts and sessions: better-auth with email and password on our own database, the
 * self-hosted replacement for a hosted sign-in service.
 */
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import type { Logger } from "pino";
import { limits } from "@/shared/limits";
import type { Config } from "../config";
import { trustedOrigins } from "../config";
import type { Db } from "../db/client";
import * as schema from "../db/schema";

/** Set by the HTTP entry point from the socket address (or the trusted proxy's header). */
export const CLIENT_IP_HEADER = "x-giga-client-ip";

/** Sessions live 30 days and slide forward at most once a day. */
export const SESSION_EXPIRES_IN = 60 * 60 * 24 * 30;
export const SESSION_UPDATE_AGE = 60 * 60 * 24;

export function createAuth(opts: { db: Db; config: Config; secret: string; rateLimit: boolean; log: Logger }) {
  return betterAuth({
    appName: "Giga Chat",
    baseURL: opts.config.BASE_URL,
    basePath: "/api/auth",
    secret: opts.secret,
    trustedOrigins: trustedOrigins(opts.config),
    database: drizzleAdapter(opts.db, {
      provider: "pg",
      schema: { user: schema.user, session: schema.session, account: schema.account, verification: schema.verification },
    }),
    emailAndPassword: {
      enabled: true,
      autoSignIn: true,
      minPasswordLength: limits.passwordMin,
      maxPasswordLength: limits.passwordMax,
    },
    session: { expiresIn: SESSION_EXPIRES_IN, updateAge: SESSION_UPDATE_AGE },
    rateLimit: { enabled: opts.rateLimit, window: 60, max: 100 },
    telemetry: { enabled: false },
    // Its messages join ours in one structured log.
    logger: {
      level: "warn",
      log: (level, message, ...args) => opts.log[level]({ args }, `auth: ${message}`),
    },
    advanced: {
      // better-auth sets Secure itself when BASE_URL is https; HttpOnly and Lax always.
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax" },
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;
