/**
 * The one rule for "does this notify me, and as what", shared so the browser can draw
 * the same thing the server decides (a muted channel dimmed and not badging, the level a
 * menu shows as chosen). The server alone applies it to send; nothing else decides.
 *
 * Order, as in Discord: a muted channel or conversation, or a muted server, notifies
 * nothing (mentions included); then the level that applies — the channel's, else the
 * server's, else the person's default (a conversation's default is "all"); "nothing"
 * notifies nothing, "mentions" only mentions and replies to me, "all" every message.
 * Suppressing @everyone/@here or role mentions (per server) makes those count as
 * plain messages.
 */
import type {
  ChannelNotificationSettings,
  NotificationKind,
  NotificationLevel,
  NotificationPrefs,
  ServerNotificationSettings,
} from "./api/notifications";

/** What one message is to one reader (never its author). */
export interface NotifyFacts {
  /** A direct conversation (1:1 or group), not a server channel. */
  dm: boolean;
  /** `<@me>` in the text (recorded by the server as a mention). */
  mentionsMe: boolean;
  /** One of my roles is mentioned. */
  mentionsMyRole: boolean;
  /** @everyone, or @here while I am online. */
  mentionsEveryone: boolean;
  /** A reply to a message of mine. */
  repliesToMe: boolean;
  /** A call line that ended with me rung and never in it. */
  missedCall?: boolean;
}

export interface NotifySettings {
  prefs: NotificationPrefs;
  server: ServerNotificationSettings | null;
  channel: ChannelNotificationSettings | null;
}

type Mutable = { muted: boolean; mutedUntil: string | null } | null | undefined;

/** Muted now: a mute with no end, or one whose end is still ahead. */
export function isMutedNow(s: Mutable, now: number = Date.now()): boolean {
  if (!s || !s.muted) return false;
  return s.mutedUntil === null || Date.parse(s.mutedUntil) > now;
}

/** The level that applies in a channel (or conversation, `server` null with `dm`). */
export function effectiveLevel(settings: NotifySettings, dm: boolean): NotificationLevel {
  if (settings.channel?.level) return settings.channel.level;
  if (dm) return "all";
  return settings.server?.level ?? settings.prefs.serverDefault;
}

/** Muted here: the channel or conversation, or its server. */
export function isMutedHere(settings: Pick<NotifySettings, "server" | "channel">, now: number = Date.now()): boolean {
  return isMutedNow(settings.channel, now) || isMutedNow(settings.server, now);
}

/** What this message is to this reader: a notification kind, or null for none. */
export function notificationKind(facts: NotifyFacts, settings: NotifySettings, now: number = Date.now()): NotificationKind | null {
  if (isMutedHere(settings, now)) return null;
  const level = effectiveLevel(settings, facts.dm);
  if (level === "nothing") return null;
  if (facts.missedCall) return "missed_call";
  const everyone = facts.mentionsEveryone && !settings.server?.suppressEveryone;
  const role = facts.mentionsMyRole && !settings.server?.suppressRoles;
  if (facts.mentionsMe || everyone || role) return "mention";
  if (facts.repliesToMe) return "reply";
  if (level === "mentions") return null;
  return facts.dm ? "dm" : "message";
}

/** The tag of a message's notification: a later one for the same message replaces it. */
export function notificationTag(messageId: string): string {
  return `m:${messageId}`;
}

/**
 * The app's path to a message: its channel's page with `?message=`, which jumps to the
 * message and flashes it (a notification's click, an inbox entry).
 */
export function messagePath(serverId: string | null, channelId: string, messageId: string): string {
  return `/channels/${serverId ?? "me"}/${channelId}?message=${messageId}`;
}
