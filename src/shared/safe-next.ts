/**
 * Where to go after signing in or up (`?next=`): only a path on our own site. Anything
 * else — a full URL, a protocol-relative `//host`, `/\host`, or a path with a tab, CR or
 * LF that the browser strips into `//host` — would turn the sign-in page into an open
 * redirect. Checked as given and once more decoded (a router may decode it again); the
 * answer is the path normalised by the URL parser, or undefined.
 */
const BASE = "http://next.invalid";
const MAX_LENGTH = 2048;
/** Control characters (tab, CR, LF, NUL...) and backslashes, which URL parsers treat as `/`. */
const UNSAFE = /[\p{Cc}\\]/u;

function sameSitePath(value: string): string | undefined {
  if (!value.startsWith("/") || value.startsWith("//") || UNSAFE.test(value)) return undefined;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return undefined;
  }
  if (url.origin !== BASE) return undefined;
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path.startsWith("//") ? undefined : path;
}

export function safeNext(next: string | readonly string[] | null | undefined): string | undefined {
  const value = Array.isArray(next) ? next[0] : next;
  if (typeof value !== "string" || !value || value.length > MAX_LENGTH) return undefined;
  const path = sameSitePath(value);
  if (!path) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    return undefined;
  }
  return decoded === value || sameSitePath(decoded) ? path : undefined;
}
