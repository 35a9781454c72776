/**
 * The browser protections every answer carries: pages (set by src/proxy.ts, with a
 * fresh script nonce per request) and the API (set by the Hono middleware below). Pure
 * functions and no Node imports: Next's proxy bundles this file too.
 */
import type { MiddlewareHandler } from "hono";

export interface PolicyOptions {
  /** BASE_URL is https: add HSTS and let the page upgrade stray http requests. */
  https: boolean;
  /** Next's development mode needs eval for React's error overlays and fast refresh. */
  dev?: boolean;
}

export interface PageOptions extends PolicyOptions {
  /** The host the page was asked from (`host:port`): the socket connects back to it. */
  host: string;
  /** LIVEKIT_URL when calls run on LiveKit: the browser dials it (and its HTTP twin for checks). */
  livekitUrl?: string;
}

/** The WebSocket and HTTP origins of a LiveKit URL, or nothing for a malformed one. */
export function livekitOrigins(url: string | undefined): string[] {
  if (!url) return [];
  try {
    const { protocol, host } = new URL(url);
    if (protocol !== "wss:" && protocol !== "ws:") return [];
    return [`${protocol}//${host}`, `${protocol === "wss:" ? "https:" : "http:"}//${host}`];
  } catch {
    return [];
  }
}

/** camera, microphone and screen capture for our own origin (calls); nothing else for anyone. */
export const PERMISSIONS_POLICY = [
  "camera=(self)",
  "microphone=(self)",
  "display-capture=(self)",
  "geolocation=()",
  "payment=()",
  "usb=()",
  "interest-cohort=()",
].join(", ");

/** One year, as browsers' preload lists ask. */
const HSTS = "max-age=31536000; includeSubDomains";

function join(directives: Record<string, string[]>): string {
  return Object.entries(directives)
    .map(([name, values]) => (values.length ? `${name} ${values.join(" ")}` : name))
    .join("; ");
}

/**
 * A page's policy: scripts only from our origin with this request's nonce (and what
 * those load, 'strict-dynamic'), never inline or from an attribute. Styles may be
 * inline: React renders style attributes, and CSS cannot run script. The socket (and
 * WebRTC signaling on it) goes to our own origin, and to LiveKit when calls run
 * there; call media plays from blob: and
 * streams; images are ours, data: or blob: (a foreign URL is never fetched).
 */
export function pageCsp(nonce: string, opts: PageOptions): string {
  const host = /^[A-Za-z0-9.:[\]-]+$/.test(opts.host) ? opts.host : "";
  return join({
    "default-src": ["'self'"],
    "script-src": ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(opts.dev ? ["'unsafe-eval'"] : [])],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "media-src": ["'self'", "blob:"],
    "font-src": ["'self'", "data:"],
    // 'self' covers the socket's ws(s): in current browsers; the explicit origin covers the rest.
    "connect-src": ["'self'", ...(host ? [opts.https ? `wss://${host}` : `ws://${host}`] : []), ...livekitOrigins(opts.livekitUrl)],
    "worker-src": ["'self'", "blob:"],
    "manifest-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-src": ["'none'"],
    "frame-ancestors": ["'none'"],
    ...(opts.https ? { "upgrade-insecure-requests": [] } : {}),
  });
}

/** An API answer is data, never a document: it may load nothing and sit in no frame. */
export const API_CSP = join({ "default-src": ["'none'"], "frame-ancestors": ["'none'"] });

/** The headers besides the CSP, the same on pages and API answers. */
export function commonSecurityHeaders(opts: PolicyOptions): Record<string, string> {
  return {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": PERMISSIONS_POLICY,
    "Cross-Origin-Opener-Policy": "same-origin",
    ...(opts.https ? { "Strict-Transport-Security": HSTS } : {}),
  };
}

/** A random nonce per page request (base64 of 128 random bits). */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/** Hono middleware: the API's policy and the common headers on every answer, errors included. */
export function apiSecurityHeaders(opts: PolicyOptions): MiddlewareHandler {
  const headers = { ...commonSecurityHeaders(opts), "Content-Security-Policy": API_CSP };
  return async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(headers)) {
      // A file answer may carry its own, stricter policy (a download is sandboxed).
      if (!c.res.headers.has(name)) c.res.headers.set(name, value);
    }
  };
}
