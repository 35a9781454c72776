/**
 * Links inside messages that point back into this app: a message link is a channel's
 * page with `?message=` (shared/notifications.ts `messagePath`), and is opened in place
 * rather than in a new tab.
 */

/** The path (with query and hash) of `href` when it is on `origin`, else null. */
export function inAppPath(href: string, origin: string): string | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  return url.origin === origin ? `${url.pathname}${url.search}${url.hash}` : null;
}

export interface ChannelLinkTarget {
  /** `me` for a direct conversation. */
  serverId: string;
  channelId: string;
  messageId: string | null;
}

const channelPath = /^\/channels\/(\d{1,20}|me)\/(\d{1,20})\/?$/;

/** A channel (and maybe message) the in-app path points at, or null for any other page. */
export function channelLinkTarget(path: string): ChannelLinkTarget | null {
  const url = new URL(path, "http://app.invalid");
  const match = channelPath.exec(url.pathname);
  if (!match) return null;
  const message = url.searchParams.get("message");
  return { serverId: match[1]!, channelId: match[2]!, messageId: message && /^\d{1,20}$/.test(message) ? message : null };
}
