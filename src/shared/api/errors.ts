/** The error shape every route and socket ack answers with, and its stable codes. */

export interface ApiError {
  /** `requestId`: the request's id (also its x-request-id header), to find it in the server's log. */
  error: { code: ErrorCode; message: string; details?: unknown; requestId?: string };
}

export const errorCodes = [
  "BAD_REQUEST",
  "VALIDATION_FAILED",
  "UNAUTHORIZED",
  "FORBIDDEN",
  "MISSING_PERMISSIONS",
  "NOT_FOUND",
  "CONFLICT",
  "INVITE_INVALID",
  "ROLE_HIERARCHY",
  "BANNED",
  "OWNER_ONLY",
  "RATE_LIMITED",
  "SLOWMODE",
  "USERNAME_TAKEN",
  "INVALID_PASSWORD",
  "INVALID_CODE",
  "OWNS_SERVERS",
  "SESSION_NOT_FRESH",
  "DM_REFUSED",
  "FILE_TOO_LARGE",
  "FILE_NOT_ALLOWED",
  "IMAGE_TOO_LARGE",
  "GROUP_FULL",
  "NOT_IN_VOICE",
  /** A conversation's call is joined only while it is open: a join after it ended starts nothing. */
  "NO_CALL",
  /** A server's system channel must be one of its text channels. */
  "INVALID_SYSTEM_CHANNEL",
  "PAYLOAD_TOO_LARGE",
  "RANGE_NOT_SATISFIABLE",
  "UNAVAILABLE",
  "STORAGE_FULL",
  "INTERNAL",
] as const;

export type ErrorCode = (typeof errorCodes)[number];
