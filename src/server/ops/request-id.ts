/**
 * Request ids: every HTTP request gets one, echoed as `x-request-id`, carried by every
 * log line written while handling it and by every error body, so an operator can go
 * from a person's error message to the log. A proxy's or client's id is kept when it
 * looks safe (it is written into logs and headers); anything else is replaced.
 */
import { randomUUID } from "node:crypto";

export const REQUEST_ID_HEADER = "x-request-id";

const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

export function newRequestId(): string {
  return randomUUID();
}

/** The given id when it is safe to echo and log, else a new one. */
export function acceptRequestId(given: string | undefined | null): string {
  return given && SAFE_REQUEST_ID.test(given) ? given : newRequestId();
}
