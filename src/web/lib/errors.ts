import { limits } from "@/shared/limits";
import { isApiError, retryAfterMs } from "../api";

/** Words a person understands for the API's stable error codes. */
const apiMessages: Partial<Record<string, string>> = {
  UNAUTHORIZED: "You are signed out. Sign in again to continue.",
  FORBIDDEN: "You are not allowed to do that.",
  MISSING_PERMISSIONS: "You do not have permission to do that here.",
  NOT_FOUND: "That no longer exists, or you cannot see it.",
  INVITE_INVALID: "This invite is invalid or has expired.",
  RATE_LIMITED: "You are doing that too fast. Wait a moment and try again.",
  SLOWMODE: "Slowmode is on in this channel. Wait a moment and try again.",
  PAYLOAD_TOO_LARGE: "That is too large to send.",
  DM_REFUSED:
    "Your message could not be delivered. This usually means you don't share a server with the recipient or they're not accepting direct messages.",
  INVALID_SYSTEM_CHANNEL: "System messages can only go to a text channel of this server.",
  GROUP_FULL: `This group is full: a group can have up to ${limits.groupDmMax} people.`,
  NETWORK_ERROR: "Could not reach the server. Check your connection and try again.",
  INTERNAL: "Something went wrong on the server. Try again in a moment.",
};

/** better-auth's codes, for the sign-in and sign-up forms. */
const authMessages: Partial<Record<string, string>> = {
  INVALID_EMAIL_OR_PASSWORD: "That email and password do not match an account.",
  INVALID_EMAIL: "That does not look like an email address.",
  INVALID_PASSWORD: "That password is not right.",
  USER_ALREADY_EXISTS: "An account with this email already exists. Sign in instead.",
  USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL: "An account with this email already exists. Sign in instead.",
  PASSWORD_TOO_SHORT: "That password is too short.",
  PASSWORD_TOO_LONG: "That password is too long.",
  EMAIL_NOT_VERIFIED: "Verify your email address before signing in.",
  INVALID_ORIGIN: "This page's address is not allowed to sign in. Open the app from its usual address.",
  TOO_MANY_REQUESTS: "Too many attempts. Wait a moment and try again.",
  INVALID_CODE: "That code didn't work. Check your authenticator app and try again.",
  INVALID_BACKUP_CODE: "That backup code didn't work. Each one works only once; try another.",
  INVALID_TWO_FACTOR_COOKIE: "This sign-in took too long. Go back and sign in again.",
  TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE: "Too many wrong codes. Go back and sign in again.",
  ACCOUNT_TEMPORARILY_LOCKED: "Too many wrong codes. Your account is locked for a while; try again later.",
  INVALID_TOKEN: "This reset link is invalid or has expired. Request a new one.",
};

/** The `?error=` codes better-auth sends people back with after a failed social sign-in. */
const oauthMessages: Partial<Record<string, string>> = {
  account_not_linked:
    "An account with this email already exists. Sign in with your password, then link this provider in User Settings → Security.",
  email_not_found: "That provider did not share an email address, which an account needs.",
};

/** A message for any thrown value: known codes get friendly words, the rest the server's text. */
export function describeError(error: unknown): string {
  if (isApiError(error)) {
    if (error.code === "VALIDATION_FAILED" || error.code === "BAD_REQUEST" || error.code === "CONFLICT") {
      return error.message;
    }
    return apiMessages[error.code] ?? error.message;
  }
  if (error instanceof Error) return error.message;
  return "Something went wrong. Try again.";
}

/** Whole seconds to wait, never 0 while a wait remains, so "wait 0 s" is never shown. */
export function secondsLeft(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

/** Send errors name the wait the server asked for, so people know when to try again. */
export function describeSendError(error: unknown): string {
  const wait = retryAfterMs(error);
  if (wait !== undefined && isApiError(error, "RATE_LIMITED")) return `You're sending too fast — wait ${secondsLeft(wait)} s.`;
  if (wait !== undefined && isApiError(error, "SLOWMODE")) return `Slowmode is on — wait ${secondsLeft(wait)} s.`;
  return describeError(error);
}

export interface AuthErrorLike {
  code?: string;
  message?: string;
  status?: number;
}

export function describeAuthError(error: AuthErrorLike): string {
  // Our limiter's message names the wait; better-auth's own 429 says nothing useful.
  if (error.code === "RATE_LIMITED" && error.message) return error.message;
  if (error.status === 429) return authMessages.TOO_MANY_REQUESTS ?? "Too many attempts.";
  if (error.code && authMessages[error.code]) return authMessages[error.code] ?? "";
  if (error.message) return error.message;
  if (error.status === undefined || error.status === 0) return apiMessages.NETWORK_ERROR ?? "";
  return "Could not sign you in. Try again.";
}

export function describeOAuthError(code: string): string {
  return oauthMessages[code] ?? "Sign-in with that provider failed. Try again.";
}
