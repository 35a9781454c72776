/**
 * Every request body is capped before it is read: past the cap, a Content-Length is
 * refused from the head alone and a chunked body is cut off as it streams in, with 413
 * PAYLOAD_TOO_LARGE, and the connection is closed so the rest is never read. Uploads
 * are not capped here: they stream to disk under their own limit (files/receive.ts).
 */
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { errors } from "../errors";

/** 1 MB: a message, a profile or a sign-in is a few kilobytes. */
export const JSON_BODY_MAX_BYTES = 1024 * 1024;

/** The upload routes (http/files/routes.ts), which read their bodies themselves. */
const uploadRoutes: { method: string; path: RegExp }[] = [
  { method: "POST", path: /^\/api\/v1\/channels\/[^/]+\/attachments\/?$/ },
  { method: "PUT", path: /^\/api\/v1\/users\/@me\/avatar\/?$/ },
  { method: "PUT", path: /^\/api\/v1\/servers\/[^/]+\/icon\/?$/ },
];

/**
 * 8 KB for an OAuth callback posted back by a provider (`response_mode=form_post`: a
 * code, a state, an id token). better-auth answers it with a redirect whose address
 * carries every posted field, and an address past ~8 KB is refused by proxies and by
 * our own server's header limit when the browser follows it.
 */
export const OAUTH_CALLBACK_MAX_BYTES = 8 * 1024;
const isOAuthCallback = (c: Context) => c.req.path.startsWith("/api/auth/callback/");

const isUpload = (c: Context) => uploadRoutes.some((r) => r.method === c.req.method && r.path.test(c.req.path));

const CLOSE = { Connection: "close" };

function limitOf(maxBytes: number): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: (c) => {
      const message = `A request body can be at most ${Math.round(maxBytes / 1024)} KB.`;
      // better-auth's clients read its own error shape, { code, message }.
      if (c.req.path.startsWith("/api/auth/")) return c.json({ code: "PAYLOAD_TOO_LARGE", message, requestId: c.get("requestId") }, 413, CLOSE);
      throw errors.payloadTooLarge(message, CLOSE);
    },
  });
}

/**
 * The head alone decides a body with a Content-Length (nearly every request): hono's
 * bodyLimit reads `c.req.raw.body` first, which turns the server's lightweight request
 * into a full web Request with a stream on every call, a cost the send path paid for
 * nothing. Chunked bodies still stream through hono's counting reader.
 */
function fromHead(maxBytes: number, streamed: MiddlewareHandler): MiddlewareHandler {
  return (c, next) => {
    if (c.req.method === "GET" || c.req.method === "HEAD") return next();
    const length = c.req.header("content-length");
    if (length !== undefined && c.req.header("transfer-encoding") === undefined && /^\d+$/.test(length)) {
      return Number(length) > maxBytes ? streamed(c, next) : next();
    }
    return streamed(c, next);
  };
}

export function requestBodyLimit(maxBytes = JSON_BODY_MAX_BYTES): MiddlewareHandler {
  const limit = fromHead(maxBytes, limitOf(maxBytes));
  const callbackMax = Math.min(maxBytes, OAUTH_CALLBACK_MAX_BYTES);
  const callbackLimit = fromHead(callbackMax, limitOf(callbackMax));
  return (c, next) => (isUpload(c) ? next() : isOAuthCallback(c) ? callbackLimit(c, next) : limit(c, next));
}
