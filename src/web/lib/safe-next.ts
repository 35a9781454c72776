/**
 * Only same-site paths are honoured as a post-auth destination; anything else (a full
 * URL, a protocol-relative "//host") would turn the sign-in page into an open redirect.
 */
export function safeNextPath(next: string | string[] | undefined): string | undefined {
  const value = Array.isArray(next) ? next[0] : next;
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return undefined;
  return value;
}
