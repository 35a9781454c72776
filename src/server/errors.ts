/**
 * The few errors the server answers with. Each has an HTTP status and a stable code;
 * one formatter (http/middleware/errors.ts) turns them into `{error:{code,message}}`,
 * and socket acks use the same shape.
 */
import type { ErrorCode } from "@/shared/api";

export class AppError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 416 | 429 | 500 | 503,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    /** Response headers that go with the error (Retry-After, X-RateLimit-*). */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "AppError";
  }

  toJSON() {
    const body = { error: { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) } };
    // A 429 also says how long to wait in seconds at the top level, as Discord's API does.
    const wait = this.status === 429 ? (this.details as { retryAfterMs?: unknown } | undefined)?.retryAfterMs : undefined;
    return typeof wait === "number" ? { ...body, retry_after: wait / 1000 } : body;
  }
}

export const errors = {
  badRequest: (message: string, details?: unknown) => new AppError(400, "BAD_REQUEST", message, details),
  validation: (details: unknown) => new AppError(400, "VALIDATION_FAILED", "The request is not valid.", details),
  unauthorized: () => new AppError(401, "UNAUTHORIZED", "Sign in first."),
  forbidden: (message = "You do not have access to this.") => new AppError(403, "FORBIDDEN", message),
  missingPermissions: (names: string[]) =>
    new AppError(403, "MISSING_PERMISSIONS", `You need the ${names.join(", ")} permission for this.`, { missing: names }),
  notFound: (what: string) => new AppError(404, "NOT_FOUND", `${what} was not found.`),
  inviteInvalid: (why: string) => new AppError(404, "INVITE_INVALID", why),
  conflict: (message: string) => new AppError(409, "CONFLICT", message),
  hierarchy: (message: string) => new AppError(403, "ROLE_HIERARCHY", message),
  ownerOnly: () => new AppError(403, "OWNER_ONLY", "Only the server owner can do this."),
  banned: () => new AppError(403, "BANNED", "You are banned from this server."),
  usernameTaken: () => new AppError(409, "USERNAME_TAKEN", "That username is taken."),
  invalidPassword: () => new AppError(403, "INVALID_PASSWORD", "That password is not right."),
  invalidCode: () => new AppError(403, "INVALID_CODE", "That two-factor code didn't work."),
  sessionNotFresh: () =>
    new AppError(403, "SESSION_NOT_FRESH", "For your safety, sign out and sign in again before doing this."),
  dmRefused: () =>
    new AppError(
      403,
      "DM_REFUSED",
      "Your message could not be delivered. This usually means you don't share a server with the recipient or they're not accepting direct messages.",
    ),
  noCall: () => new AppError(409, "NO_CALL", "This call has ended. Start a new one to call again."),
  notInVoice: (message = "You are not in a voice room on this device.") => new AppError(409, "NOT_IN_VOICE", message),
  invalidSystemChannel: () =>
    new AppError(400, "INVALID_SYSTEM_CHANNEL", "System messages can only go to a text channel of this server."),
  groupFull: () => new AppError(400, "GROUP_FULL", "A group conversation holds at most 10 people."),
  fileTooLarge: (limit: string) => new AppError(413, "FILE_TOO_LARGE", `Files can be at most ${limit}.`),
  fileNotAllowed: (message: string) => new AppError(400, "FILE_NOT_ALLOWED", message),
  imageTooLarge: (megapixels: number) => new AppError(400, "IMAGE_TOO_LARGE", `Images can have at most ${megapixels} million pixels.`),
  rangeNotSatisfiable: (size: number) =>
    new AppError(416, "RANGE_NOT_SATISFIABLE", "That byte range is outside the file.", { size }),
  slowmode: (retryAfterMs: number, headers?: Record<string, string>) =>
    new AppError(429, "SLOWMODE", `Slowmode is on: wait ${Math.ceil(retryAfterMs / 1000)} s.`, { retryAfterMs }, headers),
  rateLimited: (retryAfterMs: number, headers?: Record<string, string>, doing = "You're sending too fast") =>
    new AppError(429, "RATE_LIMITED", `${doing}: wait ${Math.ceil(retryAfterMs / 1000)} s.`, { retryAfterMs }, headers),
  payloadTooLarge: (message: string, headers?: Record<string, string>) =>
    new AppError(413, "PAYLOAD_TOO_LARGE", message, undefined, headers),
  storageFull: () =>
    new AppError(503, "STORAGE_FULL", "The server has no room left to store files. Try again later, or tell its administrator.", undefined, {
      "Retry-After": "60",
    }),
  unavailable: (retryAfterSeconds = 2) =>
    new AppError(503, "UNAVAILABLE", "The server can't reach its database right now. Try again in a moment.", undefined, {
      "Retry-After": String(retryAfterSeconds),
    }),
  ownsServers: (servers: { id: string; name: string }[]) =>
    new AppError(409, "OWNS_SERVERS", "Transfer ownership of your servers or delete them first.", { servers }),
};
