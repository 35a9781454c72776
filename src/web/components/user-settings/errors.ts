import { isApiError } from "../../api";
import { describeAuthError, describeError, type AuthErrorLike } from "../../lib/errors";

/** Words for the account errors these pages meet, from our API and from better-auth. */
const accountMessages: Partial<Record<string, string>> = {
  USERNAME_TAKEN: "That username is taken.",
  INVALID_PASSWORD: "That password is not right.",
  INVALID_CODE: "That code is not right. Check your authenticator app and try again.",
  INVALID_BACKUP_CODE: "That backup code is not right, or it was already used.",
  INVALID_TWO_FACTOR_AUTHENTICATION: "That code is not right. Check your authenticator app and try again.",
  TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE: "Too many attempts. Wait a moment and try again.",
  ACCOUNT_TEMPORARILY_LOCKED: "Too many wrong codes. Wait a while and try again.",
  SESSION_NOT_FRESH: "For your safety, sign out and sign in again before doing this.",
  SESSION_EXPIRED: "For your safety, sign out and sign in again before doing this.",
  CREDENTIAL_ACCOUNT_NOT_FOUND: "This account has no password yet.",
  FAILED_TO_UNLINK_LAST_ACCOUNT: "This is your only way to sign in, so it cannot be disconnected.",
  ACCOUNT_NOT_FOUND: "That account is not connected any more.",
  SOCIAL_ACCOUNT_ALREADY_LINKED: "That account is already connected to another user.",
  PROVIDER_NOT_FOUND: "That sign-in provider is not set up on this server.",
};

export function describeAccountError(error: unknown): string {
  if (isApiError(error)) return accountMessages[error.code] ?? describeError(error);
  if (error instanceof AuthCallError) return error.message;
  return describeError(error);
}

/** A better-auth client call that failed; the message is already in words. */
export class AuthCallError extends Error {
  readonly code: string | undefined;
  constructor(code: string | undefined, message: string) {
    super(message);
    this.name = "AuthCallError";
    this.code = code;
  }
}

interface AuthResult<T> {
  data: T | null;
  error: AuthErrorLike | null;
}

/** better-auth's client answers `{ data, error }`; mutations and queries want a throw. */
export async function authCall<T>(call: Promise<AuthResult<T>>): Promise<T> {
  let result: AuthResult<T>;
  try {
    result = await call;
  } catch {
    throw new AuthCallError("NETWORK_ERROR", "Could not reach the server. Check your connection and try again.");
  }
  const { data, error } = result;
  if (error) {
    const known = error.code ? accountMessages[error.code] : undefined;
    const message =
      known ?? (error.code || error.message ? describeAuthError(error) : `Something went wrong (${error.status ?? "?"}). Try again.`);
    throw new AuthCallError(error.code, message);
  }
  return data as T;
}
