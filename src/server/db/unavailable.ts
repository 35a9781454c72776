/**
 * Whether an error means the database cannot be reached right now (refused or dropped
 * connection, server shutting down or starting up), as opposed to a bug or bad input.
 * Such a request answers 503 UNAVAILABLE with Retry-After, not 500.
 */
const unavailableSqlStates = new Set([
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now (starting up)
  "08000", // connection_exception
  "08003", // connection_does_not_exist
  "08006", // connection_failure
  "08001", // unable to establish
  "08004", // server rejected the connection
  "57P05", // idle_session_timeout: the server closed the connection
  "53300", // too_many_connections: the server is full for now
]);
const unavailableErrnos = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);
/** node-postgres's own messages for a connection that broke, timed out or cannot be made. */
const unavailableMessages =
  /Connection terminated|connection timeout|Client has encountered a connection error|timeout exceeded when trying to connect|Client was closed and is not queryable/i;

export function isUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === "string" && (unavailableSqlStates.has(code) || unavailableErrnos.has(code))) return true;
    if (typeof message === "string" && unavailableMessages.test(message)) {
      return true;
    }
  }
  return false;
}
