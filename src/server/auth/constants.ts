/**
 * What the rest of the server needs to know of sign-in without loading better-auth
 * (auth/index.ts, loaded after the server listens: auth/lazy.ts).
 */

/** Set by the HTTP entry point from the socket address (or the trusted proxy's header). */
export const CLIENT_IP_HEADER = "x-giga-client-ip";

/** Sessions live 30 days and slide forward at most once a day. */
export const SESSION_EXPIRES_IN = 60 * 60 * 24 * 30;
export const SESSION_UPDATE_AGE = 60 * 60 * 24;

/** Behind https the cookies are __Host- (auth/index.ts); otherwise better-auth's own prefix. */
export const HTTPS_COOKIE_PREFIX = "__Host-better-auth";
const PLAIN_COOKIE_PREFIX = "better-auth";

/** The session cookie's name, as better-auth names it with our cookie settings. */
export function sessionCookieName(https: boolean): string {
  return `${https ? HTTPS_COOKIE_PREFIX : PLAIN_COOKIE_PREFIX}.session_token`;
}
