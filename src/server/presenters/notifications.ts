/**
 * Notification settings and inbox entries as they leave the server. A timed mute whose end
 * has passed is reported as no mute at all, so no client has to compare clocks.
 */
import {
  defaultNotificationPrefs,
  type ChannelNotificationSettings,
  type NotificationInfo,
  type NotificationKind,
  type NotificationLevel,
  type NotificationPrefs,
  type ServerNotificationSettings,
} from "@/shared/api/notifications";
import { isMutedNow, messagePath, notificationTag } from "@/shared/notifications";
import type { channelNotificationSettings, notificationPrefs, serverNotificationSettings } from "../db/schema";

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

/** The stored mute, or none when it has ended. */
function presentMute(row: { muted: boolean; mutedUntil: Date | null }, now: number): { muted: boolean; mutedUntil: string | null } {
  const mute = { muted: row.muted, mutedUntil: iso(row.mutedUntil) };
  return isMutedNow(mute, now) ? mute : { muted: false, mutedUntil: null };
}

export function presentNotificationPrefs(row: typeof notificationPrefs.$inferSelect | undefined): NotificationPrefs {
  if (!row) return { ...defaultNotificationPrefs };
  return { serverDefault: row.serverDefault as NotificationLevel, hidePreviews: row.hidePreviews, sound: row.sound };
}

export function presentServerNotificationSettings(
  row: typeof serverNotificationSettings.$inferSelect,
  now = Date.now(),
): ServerNotificationSettings {
  return {
    serverId: row.serverId.toString(),
    level: row.level as NotificationLevel | null,
    ...presentMute(row, now),
    suppressEveryone: row.suppressEveryone,
    suppressRoles: row.suppressRoles,
  };
}

export function presentChannelNotificationSettings(
  row: typeof channelNotificationSettings.$inferSelect,
  now = Date.now(),
): ChannelNotificationSettings {
  return { channelId: row.channelId.toString(), level: row.level as NotificationLevel | null, ...presentMute(row, now) };
}


/** Longest preview of a message's words in a notification. */
export const PREVIEW_LENGTH = 200;

/** A preview: the words on one line, cut at PREVIEW_LENGTH. */
export function shortenPreview(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= PREVIEW_LENGTH ? flat : `${flat.slice(0, PREVIEW_LENGTH - 1).trimEnd()}…`;
}

/** "Ann" in a conversation, "Ann (#general, Giga Club)" in a server, "Missed call from Ann". */
export function notificationTitle(kind: NotificationKind, authorName: string, channelName: string, serverName: string | null): string {
  if (kind === "missed_call") return `Missed call from ${authorName}`;
  return serverName === null ? authorName : `${authorName} (${channelName}, ${serverName})`;
}

export interface NotificationFacts {
  id: bigint;
  kind: string;
  channelId: bigint;
  messageId: bigint;
  createdAt: Date;
  serverId: bigint | null;
  /** "#general" or the conversation's name. */
  channelName: string;
  serverName: string | null;
  author: { name: string; image: string | null };
  /** The words, or null when they are not shown (hidden previews, a message gone from view). */
  content: string | null;
}

/** An inbox entry's notification, as the fan-out made it (the preview as the message reads now). */
export function presentNotificationInfo(n: NotificationFacts): NotificationInfo {
  const serverId = n.serverId?.toString() ?? null;
  const channelId = n.channelId.toString();
  const messageId = n.messageId.toString();
  const kind = n.kind as NotificationKind;
  const title = notificationTitle(kind, n.author.name, n.channelName, n.serverName);
  const words = n.content === null ? null : shortenPreview(n.content);
  return {
    id: n.id.toString(),
    kind,
    channelId,
    serverId,
    messageId,
    title,
    body: kind === "missed_call" ? "Missed call" : words,
    icon: n.author.image,
    url: messagePath(serverId, channelId, messageId),
    tag: notificationTag(messageId),
    createdAt: n.createdAt.toISOString(),
  };
}
