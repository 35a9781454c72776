/**
 * Link safety. A URL becomes a link only if its raw text already starts with an allowed
 * scheme, contains no whitespace or control characters, and the WHATWG URL parser
 * agrees on the protocol. Checking the raw text first matters: the parser silently
 * drops tabs and newlines, so `java\tscript:` would otherwise parse as `javascript:`.
 * Nothing is ever entity- or escape-decoded, so `&#106;avascript:` stays plain text.
 */

const allowedPrefixes = ["http://", "https://", "mailto:"] as const;
const allowedProtocols = new Set(["http:", "https:", "mailto:"]);
/** Longer than any URL a browser keeps in its address bar for long. */
export const maxUrlLength = 2048;

function hasForbiddenChar(raw: string): boolean {
  for (let i = 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i);
    // C0 controls and space, DEL and C1 controls, and the Unicode invisibles/bidi controls
    // that can make a URL read differently from where it goes.
    if (code <= 0x20 || (code >= 0x7f && code <= 0x9f)) return true;
    if ((code >= 0x200b && code <= 0x200f) || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)) return true;
    if (code === 0xfeff || code === 0x00ad) return true;
  }
  return false;
}

/** Length of the allowed scheme prefix `raw` starts with at `at` (case-insensitive), or 0. */
export function schemePrefixLength(raw: string, at = 0): number {
  for (const prefix of allowedPrefixes) {
    if (raw.length - at >= prefix.length && raw.slice(at, at + prefix.length).toLowerCase() === prefix) return prefix.length;
  }
  return 0;
}

/** The normalised href for `raw`, or null when it must not become a link. */
export function safeHref(raw: string): string | null {
  if (raw.length === 0 || raw.length > maxUrlLength) return null;
  const prefix = schemePrefixLength(raw);
  if (prefix === 0 || raw.length === prefix || hasForbiddenChar(raw)) return null;
  // A backslash is a path separator to the URL parser for http(s), which hides tricks
  // like `https:\\evil`; real links do not need one.
  if (raw.includes("\\")) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (!allowedProtocols.has(url.protocol)) return null;
  if (url.protocol === "mailto:") return url.pathname.includes("@") ? url.href : null;
  // `http:///x` and friends parse with an inferred host; insist on `scheme://host`.
  if (!url.hostname || !/^https?:\/\/[^/]/i.test(raw)) return null;
  if (url.username || url.password) return null;
  return url.href;
}

/** Punctuation that usually ends a sentence rather than a bare URL. */
const trailingPunctuation = new Set([".", ",", ":", ";", "!", "?", "'", '"', ")", "]", "*", "_", "~", "|"]);

/**
 * Where a bare URL starting at `start` ends: at whitespace, `<`, `>` or a backtick, minus
 * trailing punctuation; a final `)` stays when it closes one the URL opened (Wikipedia).
 */
export function bareUrlEnd(source: string, start: number): number {
  let end = start;
  let parenDepth = 0;
  while (end < source.length && end - start < maxUrlLength) {
    const char = source[end] ?? "";
    if (source.charCodeAt(end) <= 0x20 || char === "<" || char === ">" || char === "`") break;
    if (char === "(") parenDepth++;
    else if (char === ")") parenDepth--;
    end++;
  }
  while (end > start) {
    const last = source[end - 1] ?? "";
    if (!trailingPunctuation.has(last)) break;
    if (last === ")") {
      if (parenDepth >= 0) break;
      parenDepth++;
    }
    end--;
  }
  return end;
}
