/**
 * Accounts and sessions: better-auth on our own database, the self-hosted replacement
 * for a hosted sign-in service. Email and password with verification and reset links,
 * Google / GitHub / OpenID Connect sign-in (auth/providers.ts), TOTP two-factor with
 * backup codes, and a callback when any session ends so its sockets can be closed.
 */
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { APIError, createAuthMiddleware, getSessionFromCtx } from "better-auth/api";
import { deleteSessionCookie } from "better-auth/cookies";
import { generateRandomString } from "better-auth/crypto";
// The two plugins by their own paths: "better-auth/plugins" loads every plugin (measured: 150 ms of start).
import { genericOAuth } from "better-auth/plugins/generic-oauth";
import { twoFactor } from "better-auth/plugins/two-factor";
import type { Logger } from "pino";
import { limits } from "@/shared/limits";
import type { Config } from "../config";
import { trustedOrigins } from "../config";
import type { Db } from "../db/client";
import * as schema from "../db/schema";
import type { Mailer } from "../mail";
import { limited as limitedAuthPaths } from "./attempt-limits";
import { checkProfileBody, cleanNewUser, cleanUserUpdate } from "./profile-rules";
import { socialProviders } from "./providers";
import { checkSecondFactor } from "./second-factor";
import { uniqueUsername } from "./usernames";
import { CLIENT_IP_HEADER, HTTPS_COOKIE_PREFIX, SESSION_EXPIRES_IN, SESSION_UPDATE_AGE } from "./constants";

export { CLIENT_IP_HEADER, SESSION_EXPIRES_IN, SESSION_UPDATE_AGE } from "./constants";
/** How long a password (or provider) sign-in waits for its second factor. */
const TWO_FACTOR_CHALLENGE_SECONDS = 600;

export interface EndedSession {
  id: string;
  userId: string;
}

export interface CreateAuthOptions {
  db: Db;
  config: Config;
  secret: string;
  rateLimit: boolean;
  log: Logger;
  mailer: Mailer;
  /** Called after a session row is deleted (sign-out, revoke, password change, 2FA on/off); awaited. */
  onSessionEnded?: (session: EndedSession) => void | Promise<void>;
  /** Called after better-auth writes a user row (name, image, email, 2FA...); awaited. */
  onUserChanged?: (userId: string) => Promise<void>;
}

export function createAuth(opts: CreateAuthOptions) {
  const { db, mailer } = opts;
  const https = opts.config.BASE_URL.startsWith("https://");
  return betterAuth({
    appName: "Giga Chat",
    baseURL: opts.config.BASE_URL,
    basePath: "/api/auth",
    secret: opts.secret,
    trustedOrigins: trustedOrigins(opts.config),
    database: drizzleAdapter(db, {
      provider: "pg",
      schema: {
        user: schema.user,
        session: schema.session,
        account: schema.account,
        verification: schema.verification,
        twoFactor: schema.twoFactor,
      },
    }),
    user: {
      additionalFields: {
        // Set by the create hook below, changed through PATCH /api/v1/users/@me.
        username: { type: "string", required: false, input: false },
      },
    },
    emailAndPassword: {
      enabled: true,
      autoSignIn: true,
      minPasswordLength: limits.passwordMin,
      maxPasswordLength: limits.passwordMax,
      revokeSessionsOnPasswordReset: true,
      sendResetPassword: async ({ user, url }) => {
        await mailer.send({
          to: user.email,
          subject: "Reset your Giga Chat password",
          text: `Someone asked to reset the password of your Giga Chat account.\n\nReset it here (the link works for one hour):\n${url}\n\nIf it was not you, ignore this email.`,
          link: url,
        });
      },
    },
    emailVerification: {
      sendOnSignUp: true,
      autoSignInAfterVerification: true,
      sendVerificationEmail: async ({ user, url }) => {
        await mailer.send({
          to: user.email,
          subject: "Confirm your email for Giga Chat",
          text: `Welcome to Giga Chat! Confirm your email address here:\n${url}`,
          link: url,
        });
      },
    },
    account: {
      // A social account joins an existing one only when both sides proved the email:
      // the provider says it is verified and the local account verified it too
      // (better-auth's default); otherwise the person signs in and links it themselves.
      accountLinking: { enabled: true, trustedProviders: [] },
    },
    plugins: [
      twoFactor({
        issuer: "Giga Chat",
        twoFactorCookieMaxAge: TWO_FACTOR_CHALLENGE_SECONDS,
        backupCodeOptions: { amount: 10, length: 10, storeBackupCodes: "encrypted" },
      }),
      ...(() => {
        const providers = socialProviders(opts.config);
        return providers.length ? [genericOAuth({ config: providers.map((p) => p.oauth) })] : [];
      })(),
    ],
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        // Our profile rules hold on better-auth's own doors too (auth/profile-rules.ts).
        if (ctx.path === "/sign-up/email") return checkProfileBody(ctx.body, { requireName: true });
        if (ctx.path === "/update-user") {
          const session = await getSessionFromCtx(ctx);
          if (session) checkProfileBody(ctx.body, { requireName: false, currentImage: session.user.image });
          return;
        }
        // Turning two-factor off asks for a code as well as the password.
        if (ctx.path !== "/two-factor/disable") return;
        const session = await getSessionFromCtx(ctx);
        if (!session) return; // better-auth answers 401 itself
        const code = (ctx.body as { code?: unknown } | undefined)?.code;
        const ok = typeof code === "string" && (await checkSecondFactor(db, opts.secret, session.user.id, code));
        if (!ok) throw new APIError("BAD_REQUEST", { code: "INVALID_CODE", message: "That code didn't work." });
      }),
      after: createAuthMiddleware(async (ctx) => {
        // better-auth asks for the second factor after a password only; a Google, GitHub
        // or SSO sign-in of someone with 2FA on gets the same challenge here.
        if (ctx.path !== "/callback/:id") return;
        const data = ctx.context.newSession;
        if (!data?.user.twoFactorEnabled) return;
        deleteSessionCookie(ctx, true);
        await ctx.context.internalAdapter.deleteSession(data.session.token);
        ctx.context.setNewSession(null);
        const cookie = ctx.context.createAuthCookie("two_factor", { maxAge: TWO_FACTOR_CHALLENGE_SECONDS });
        const identifier = `2fa-${generateRandomString(20)}`;
        const expiresAt = new Date(Date.now() + TWO_FACTOR_CHALLENGE_SECONDS * 1000);
        await ctx.context.internalAdapter.createVerificationValue({ value: data.user.id, identifier, expiresAt });
        await ctx.context.internalAdapter.createVerificationValue({ value: "0", identifier: `2fa-attempts-${identifier}`, expiresAt });
        await ctx.setSignedCookie(cookie.name, identifier, ctx.context.secret, cookie.attributes);
        throw ctx.redirect(`${opts.config.BASE_URL}/sign-in?twoFactor=1`);
      }),
    },
    databaseHooks: {
      user: {
        create: {
          before: async (user) => {
            const clean = cleanNewUser(user);
            return { data: { ...clean, username: await uniqueUsername(db, clean.name, clean.email) } };
          },
        },
        update: {
          before: async (data) => ({ data: cleanUserUpdate(data) }),
          // The cached sessions carry the row: the change shows on the very next request.
          after: async (user) => {
            await opts.onUserChanged?.(user.id);
          },
        },
      },
      session: {
        delete: {
          after: async (session) => {
            await opts.onSessionEnded?.({ id: session.id, userId: session.userId });
          },
        },
      },
    },
    session: { expiresIn: SESSION_EXPIRES_IN, updateAge: SESSION_UPDATE_AGE },
    rateLimit: {
      enabled: opts.rateLimit,
      window: 60,
      max: 100,
      // Our own limiter (attempt-limits.ts) answers these paths, with the time to wait.
      customRules: Object.fromEntries(Object.keys(limitedAuthPaths).map((p) => [p.replace("/api/auth", ""), false])),
    },
    telemetry: { enabled: false },
    // Its messages join ours in one structured log.
    logger: {
      level: "warn",
      log: (level, message, ...args) => opts.log[level]({ args }, `auth: ${message}`),
    },
    advanced: {
      // HttpOnly and Lax always. Behind https the cookies are __Host- (Secure, Path=/, no
      // Domain: no other host or path can set or shadow them), instead of better-auth's
      // own __Secure- prefix.
      ...(https
        ? { useSecureCookies: false, cookiePrefix: HTTPS_COOKIE_PREFIX, defaultCookieAttributes: { httpOnly: true, sameSite: "lax", secure: true, path: "/" } }
        : { defaultCookieAttributes: { httpOnly: true, sameSite: "lax" } }),
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;
