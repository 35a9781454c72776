/**
 * Notifications: the settings a person controls (defaults, per server, per channel or
 * conversation), their devices' Web Push subscriptions, and the inbox (mentions, replies,
 * missed calls). Whether one message notifies one person is decided by one pure rule,
 * `notificationKind` in `@/shared/notifications`, on the server alone; the browser is
 * told with `notification.created` and only chooses how to show it.
 */
import { z } from "zod";
import { snowflake } from "./common";
import type { Message } from "./messages";

/** As in Discord: every message, only mentions (and replies to me), or nothing. */
export const notificationLevels = ["all", "mentions", "nothing"] as const;
export type NotificationLevel = (typeof notificationLevels)[number];

/** Mute lengths offered, in minutes; `"forever"` is "until I turn it back on". */
export const muteChoices = [15, 60, 480, 1440, "forever"] as const;
export type MuteChoice = (typeof muteChoices)[number];

/** A person's defaults (User Settings → Notifications). */
export interface NotificationPrefs {
  /** For servers without their own level. Direct conversations always default to "all". */
  serverDefault: NotificationLevel;
  /** Pushes and desktop notifications say who and where, but not the words. */
  hidePreviews: boolean;
  /** The notification sound in the app (each device may still be silenced by the browser). */
  sound: boolean;
}

/** One server's settings for one person: level null = the person's default. */
export interface ServerNotificationSettings {
  serverId: string;
  level: NotificationLevel | null;
  muted: boolean;
  /** When the mute ends; null with `muted` = until turned off. */
  mutedUntil: string | null;
  suppressEveryone: boolean;
  suppressRoles: boolean;
}

/** One channel's (or direct conversation's) settings: level null = the server's (or "all" in a conversation). */
export interface ChannelNotificationSettings {
  channelId: string;
  level: NotificationLevel | null;
  muted: boolean;
  mutedUntil: string | null;
}

/** Everything, for the signed-in person: sent once at start and on every change (`notification.settings.updated`). */
export interface NotificationSettings {
  prefs: NotificationPrefs;
  servers: ServerNotificationSettings[];
  channels: ChannelNotificationSettings[];
}

export const defaultNotificationPrefs: NotificationPrefs = { serverDefault: "mentions", hidePreviews: false, sound: true };

export const updateNotificationPrefsInput = z
  .strictObject({
    serverDefault: z.enum(notificationLevels),
    hidePreviews: z.boolean(),
    sound: z.boolean(),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, "nothing to change");
export type UpdateNotificationPrefsInput = z.input<typeof updateNotificationPrefsInput>;

/** `mute`: a choice starts (or restarts) a mute from now; null unmutes; absent leaves it. */
const muteField = z.union([z.literal(15), z.literal(60), z.literal(480), z.literal(1440), z.literal("forever"), z.null()]);

export const updateServerNotificationsInput = z
  .strictObject({
    level: z.enum(notificationLevels).nullable(),
    mute: muteField,
    suppressEveryone: z.boolean(),
    suppressRoles: z.boolean(),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, "nothing to change");
export type UpdateServerNotificationsInput = z.input<typeof updateServerNotificationsInput>;

export const updateChannelNotificationsInput = z
  .strictObject({
    level: z.enum(notificationLevels).nullable(),
    mute: muteField,
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, "nothing to change");
export type UpdateChannelNotificationsInput = z.input<typeof updateChannelNotificationsInput>;

// ---- push subscriptions -------------------------------------------------------

/** base64url, as PushSubscription.toJSON() gives the keys. */
const base64url = (min: number, max: number) => z.string().min(min).max(max).regex(/^[A-Za-z0-9_-]+={0,2}$/, "must be base64url");

/** A push service's URL; control characters would reach the database (URL parsing lets them through). */
const endpoint = z
  .string()
  .trim()
  .max(2048)
  .regex(/^\P{Cc}*$/u, "must not contain control characters")
  .url();

/** What the browser's PushSubscription.toJSON() gives (expirationTime is ignored). */
export const pushSubscriptionInput = z.object({
  endpoint,
  expirationTime: z.number().nullable().optional(),
  keys: z.strictObject({
    /** The browser's P-256 public key: 65 bytes uncompressed = 87 base64url characters. */
    p256dh: base64url(80, 100),
    /** The 16-byte auth secret = 22 base64url characters. */
    auth: base64url(16, 30),
  }),
});
export type PushSubscriptionInput = z.input<typeof pushSubscriptionInput>;

export const removePushSubscriptionInput = z.strictObject({ endpoint });

/** GET /push/public-key: the VAPID key browsers subscribe with (applicationServerKey). */
export interface PushPublicKey {
  publicKey: string;
}

// ---- notifications and the inbox ----------------------------------------------

/**
 * Why this notifies: a direct conversation's message, a mention (of me, a role of mine,
 * @everyone/@here), a reply to me, a missed call, or any message in a place set to "all".
 */
export const notificationKinds = ["dm", "mention", "reply", "missed_call", "message"] as const;
export type NotificationKind = (typeof notificationKinds)[number];

/** The kinds the inbox lists. */
export const inboxKinds: readonly NotificationKind[] = ["mention", "reply", "missed_call"];

/** A notification as the person's devices receive it (socket `notification.created`, and inside a push). */
export interface NotificationInfo {
  id: string;
  kind: NotificationKind;
  channelId: string;
  serverId: string | null;
  messageId: string;
  /** "Ann" in a conversation, "Ann (#general, Giga Club)" in a server: who and where. */
  title: string;
  /** The preview; null when the person hides previews. */
  body: string | null;
  /** The author's avatar (a same-site path) or null. */
  icon: string | null;
  /** Where a click goes: the app's path to the message. */
  url: string;
  /** One shown notification per message: a newer one with the same tag replaces it. */
  tag: string;
  createdAt: string;
}

/** One inbox entry: the notification and its message as the reader may see it now. */
export interface InboxItem {
  notification: NotificationInfo;
  /** Null when the message was deleted or is no longer visible to me. */
  message: Message | null;
  /** "#general" or the conversation's name, and the server's name. */
  place: { channelName: string; serverName: string | null };
}

export interface InboxPage {
  items: InboxItem[];
  /** Inbox entries I have not read (their message is past my read cursor), capped like badges. */
  unreadCount: number;
}

export const inboxQuery = z.strictObject({
  before: snowflake.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(25),
});
export type InboxQuery = z.input<typeof inboxQuery>;

/** What the service worker receives in a push (encrypted: RFC 8291, aes128gcm). */
export type PushPayload =
  | { type: "notification"; notification: NotificationInfo }
  /** The person read this channel up to here on some device: close what was shown. */
  | { type: "read"; channelId: string; lastReadId: string }
  /** User Settings → "Send a test notification". */
  | { type: "test"; title: string; body: string; tag: string; url: string };
