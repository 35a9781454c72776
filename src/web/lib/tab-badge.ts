/**
 * The numbers the tab shows while the app is in the background: its title
 * ("(3) #general | Giga Club") and the red count on its icon. Pure, so the rules are
 * tested without a page.
 */
import type { NotificationSettings } from "@/shared/api/notifications";
import { isMutedHere } from "@/shared/notifications";
import { limits } from "@/shared/limits";

export interface ReadCounts {
  unreadCount: number;
  mentionCount: number;
}

export interface BadgeInputs {
  reads: Record<string, ReadCounts | undefined>;
  /** Direct conversations I have open: every unread message in them counts, as in Discord. */
  dmIds: readonly string[];
  /** Server channels I can see, with their server: only their mentions count. */
  channels: ReadonlyArray<{ id: string; serverId: string }>;
  settings: NotificationSettings | undefined;
  now?: number;
}

/** Muted here, by the channel's (or conversation's) own mute or its server's. */
export function mutedPlace(settings: NotificationSettings | undefined, channelId: string, serverId: string | null, now = Date.now()): boolean {
  if (!settings) return false;
  const channel = settings.channels.find((c) => c.channelId === channelId) ?? null;
  const server = serverId ? (settings.servers.find((s) => s.serverId === serverId) ?? null) : null;
  return isMutedHere({ channel, server }, now);
}

/** Mentions over all channels plus unread messages in conversations, leaving out muted places. */
export function attentionCount({ reads, dmIds, channels, settings, now = Date.now() }: BadgeInputs): number {
  let total = 0;
  for (const id of dmIds) {
    const read = reads[id];
    if (read && read.unreadCount > 0 && !mutedPlace(settings, id, null, now)) total += read.unreadCount;
  }
  for (const { id, serverId } of channels) {
    const read = reads[id];
    if (read && read.mentionCount > 0 && !mutedPlace(settings, id, serverId, now)) total += read.mentionCount;
  }
  return total;
}

/** Where I am, as the title names it: "#general | Giga Club", "@Ann", or the app's name. */
export function placeTitle(place: { channelName?: string; serverName?: string; dmName?: string }): string {
  if (place.dmName) return `@${place.dmName}`;
  if (place.channelName) return place.serverName ? `#${place.channelName} | ${place.serverName}` : `#${place.channelName}`;
  return "Giga Chat";
}

/** "(3) #general | Giga Club"; no "(0)". */
export function tabTitle(count: number, place: string): string {
  return count > 0 ? `(${countText(count)}) ${place}` : place;
}

/** What fits a badge: "99+" past the cap the server counts to. */
export function countText(count: number): string {
  return count >= limits.unreadCountMax ? `${limits.unreadCountMax - 1}+` : String(count);
}

/** On a 16-pixel icon three characters are the most that can be read. */
export function faviconText(count: number): string {
  return count > 9 ? "9+" : String(count);
}
