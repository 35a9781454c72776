/**
 * The database schema. The four auth tables follow better-auth's expected shape
 * (regenerate only when its plugins change); the rest is Giga Chat's own.
 * Our ids are snowflakes (bigint, time-ordered) so history pages are keyset scans.
 */
import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  customType,
  bigint,
  boolean,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

const snowflake = (name: string) => bigint(name, { mode: "bigint" });
const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

// ---- better-auth -------------------------------------------------------------

export const user = pgTable("user", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  email: text("email").notNull().unique(),
  emailVerified: boolean("email_verified").notNull().default(false),
  image: text("image"),
  createdAt: createdAt(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  // better-auth's two-factor plugin
  twoFactorEnabled: boolean("two_factor_enabled").notNull().default(false),
  // Giga Chat's profile; `name` above is the display name.
  /** Unique, lowercase; set at sign-up from the name (see auth/usernames.ts). */
  username: text("username").notNull().unique(),
  about: text("about").notNull().default(""),
  bannerColor: text("banner_color"),
  customStatus: text("custom_status"),
  customStatusExpiresAt: timestamp("custom_status_expires_at", { withTimezone: true }),
  /** The chosen presence (online, idle, dnd, invisible), kept so do-not-disturb silences pushes while offline. */
  status: text("status").notNull().default("online"),
  /** Deleted accounts keep their row (messages point at it), renamed "Deleted user". */
  deletedAt: timestamp("deleted_at", { withTimezone: true }),
});

export const session = pgTable(
  "session",
  {
    id: text("id").primaryKey(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    token: text("token").notNull().unique(),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    /** Last request or socket connect with this session, kept to the minute. */
    lastActiveAt: timestamp("last_active_at", { withTimezone: true }).notNull().defaultNow(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
  },
  (t) => [index("session_user_id_idx").on(t.userId)],
);

export const account = pgTable(
  "account",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    providerId: text("provider_id").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    accessToken: text("access_token"),
    refreshToken: text("refresh_token"),
    idToken: text("id_token"),
    accessTokenExpiresAt: timestamp("access_token_expires_at", { withTimezone: true }),
    refreshTokenExpiresAt: timestamp("refresh_token_expires_at", { withTimezone: true }),
    scope: text("scope"),
    password: text("password"),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("account_user_id_idx").on(t.userId)],
);

export const verification = pgTable(
  "verification",
  {
    id: text("id").primaryKey(),
    identifier: text("identifier").notNull(),
    value: text("value").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("verification_identifier_idx").on(t.identifier)],
);

export const twoFactor = pgTable(
  "two_factor",
  {
    id: text("id").primaryKey(),
    /** Encrypted with the auth secret by better-auth. */
    secret: text("secret").notNull(),
    backupCodes: text("backup_codes").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    verified: boolean("verified").notNull().default(true),
    failedVerificationCount: integer("failed_verification_count").notNull().default(0),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
  },
  (t) => [index("two_factor_user_id_idx").on(t.userId), index("two_factor_secret_idx").on(t.secret)],
);

// ---- servers, roles, members -------------------------------------------------

export const servers = pgTable("servers", {
  id: snowflake("id").primaryKey(),
  name: text("name").notNull(),
  icon: text("icon"),
  ownerId: text("owner_id")
    .notNull()
    .references(() => user.id),
  /** Where "joined the server" lines go; null: no system messages. Set null when the channel goes. */
  systemChannelId: snowflake("system_channel_id").references((): AnyPgColumn => channels.id, { onDelete: "set null" }),
  createdAt: createdAt(),
});

/** The everyone role of a server has the server's id, as in Discord. */
export const roles = pgTable(
  "roles",
  {
    id: snowflake("id").primaryKey(),
    serverId: snowflake("server_id")
      .notNull()
      .references(() => servers.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    color: integer("color").notNull().default(0),
    position: integer("position").notNull().default(0),
    permissions: bigint("permissions", { mode: "bigint" }).notNull().default(sql`0`),
    /** Its members form their own group in the member list. */
    hoist: boolean("hoist").notNull().default(false),
    /** Anyone may @mention it (without Mention Everyone) and its holders are told. */
    mentionable: boolean("mentionable").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index("roles_server_id_idx").on(t.serverId)],
);

export const members = pgTable(
  "members",
  {
    serverId: snowflake("server_id")
      .notNull()
      .references(() => servers.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    nickname: text("nickname"),
    timeoutUntil: timestamp("timeout_until", { withTimezone: true }),
    joinedAt: timestamp("joined_at", { withTimezone: true }).notNull().defaultNow(),
    /** May people met only in this server start a direct message with this member? */
    allowDms: boolean("allow_dms").notNull().default(true),
    /** A moderator's server mute and deafen: they stay when the person leaves voice and comes back. */
    serverMute: boolean("server_mute").notNull().default(false),
    serverDeaf: boolean("server_deaf").notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.serverId, t.userId] }), index("members_user_id_idx").on(t.userId)],
);

export const memberRoles = pgTable(
  "member_roles",
  {
    serverId: snowflake("server_id").notNull(),
    userId: text("user_id").notNull(),
    roleId: snowflake("role_id")
      .notNull()
      .references(() => roles.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.serverId, t.userId, t.roleId] }),
    foreignKey({ columns: [t.serverId, t.userId], foreignColumns: [members.serverId, members.userId] }).onDelete("cascade"),
    index("member_roles_role_id_idx").on(t.roleId),
  ],
);

// ---- channels ----------------------------------------------------------------

export const channels = pgTable(
  "channels",
  {
    id: snowflake("id").primaryKey(),
    /** Null for direct conversations (types dm and group_dm), which belong to their people. */
    serverId: snowflake("server_id").references(() => servers.id, { onDelete: "cascade" }),
    parentId: snowflake("parent_id"),
    /** A group's name may be empty (shown as its people's names); a 1:1's always is. */
    name: text("name").notNull(),
    type: text("type", { enum: ["text", "audio", "video", "category", "dm", "group_dm"] }).notNull(),
    topic: text("topic"),
    position: integer("position").notNull().default(0),
    /** Seconds a member waits between messages; people with Manage Messages are exempt. */
    slowmodeSeconds: integer("slowmode_seconds").notNull().default(0),
    createdAt: createdAt(),
    /** A group conversation's creator, who may remove people. */
    ownerId: text("owner_id").references(() => user.id, { onDelete: "set null" }),
    /** A group conversation's emoji icon. */
    icon: text("icon"),
    /** A 1:1 conversation's two user ids, sorted and joined: at most one per pair. */
    dmKey: text("dm_key").unique(),
  },
  (t) => [
    index("channels_server_id_idx").on(t.serverId),
    foreignKey({ columns: [t.parentId], foreignColumns: [t.id] }).onDelete("set null"),
    check("channels_type_check", sql`${t.type} in ('text', 'audio', 'video', 'category', 'dm', 'group_dm')`),
    check("channels_dm_check", sql`(${t.serverId} is null) = (${t.type} in ('dm', 'group_dm'))`),
  ],
);

/** The people in a direct conversation; `closed` hides it from their list until the next message. */
export const dmParticipants = pgTable(
  "dm_participants",
  {
    channelId: snowflake("channel_id")
      .notNull()
      .references(() => channels.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    closed: boolean("closed").notNull().default(false),
    joinedAt: timestamp("joined_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.channelId, t.userId] }), index("dm_participants_user_id_idx").on(t.userId)],
);

/** `userId` blocked `blockedId`: hidden messages, no new conversations; never shown to the blocked. */
export const userBlocks = pgTable(
  "user_blocks",
  {
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    blockedId: text("blocked_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.blockedId] }), index("user_blocks_blocked_id_idx").on(t.blockedId)],
);

/** A channel permission overwrite targets exactly one role or one member. */
export const channelOverwrites = pgTable(
  "channel_overwrites",
  {
    channelId: snowflake("channel_id")
      .notNull()
      .references(() => channels.id, { onDelete: "cascade" }),
    roleId: snowflake("role_id").references(() => roles.id, { onDelete: "cascade" }),
    userId: text("user_id").references(() => user.id, { onDelete: "cascade" }),
    allow: bigint("allow", { mode: "bigint" }).notNull().default(sql`0`),
    deny: bigint("deny", { mode: "bigint" }).notNull().default(sql`0`),
  },
  (t) => [
    uniqueIndex("channel_overwrites_role_uq").on(t.channelId, t.roleId),
    uniqueIndex("channel_overwrites_user_uq").on(t.channelId, t.userId),
    check("channel_overwrites_one_target", sql`(${t.roleId} is null) <> (${t.userId} is null)`),
  ],
);

// ---- invites -----------------------------------------------------------------

export const invites = pgTable(
  "invites",
  {
    code: text("code").primaryKey(),
    serverId: snowflake("server_id")
      .notNull()
      .references(() => servers.id, { onDelete: "cascade" }),
    channelId: snowflake("channel_id").references(() => channels.id, { onDelete: "set null" }),
    inviterId: text("inviter_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    maxUses: integer("max_uses").notNull().default(0),
    uses: integer("uses").notNull().default(0),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("invites_server_id_idx").on(t.serverId)],
);

// ---- messages ----------------------------------------------------------------

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

export const messages = pgTable(
  "messages",
  {
    id: snowflake("id").primaryKey(),
    channelId: snowflake("channel_id")
      .notNull()
      .references(() => channels.id, { onDelete: "cascade" }),
    authorId: text("author_id")
      .notNull()
      .references(() => user.id),
    content: text("content").notNull(),
    /**
     * `default`: a person's message; `call`: the system line of a call (its `calls` row
     * points here); `join`: the author joined the server; `pin`: the author pinned the
     * message `replyToId` points at.
     */
    type: text("type", { enum: ["default", "call", "join", "pin"] }).notNull().default("default"),
    nonce: text("nonce"),
    /** The message this one replies to; it may be deleted later. */
    replyToId: snowflake("reply_to_id"),
    /** User ids mentioned with @; role ids; whether @everyone/@here was allowed. */
    mentionUserIds: text("mention_user_ids").array().notNull().default(sql`'{}'`),
    mentionRoleIds: bigint("mention_role_ids", { mode: "bigint" }).array().notNull().default(sql`'{}'`),
    mentionEveryone: boolean("mention_everyone").notNull().default(false),
    pinnedAt: timestamp("pinned_at", { withTimezone: true }),
    createdAt: createdAt(),
    editedAt: timestamp("edited_at", { withTimezone: true }),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    deletedBy: text("deleted_by").references(() => user.id, { onDelete: "set null" }),
  },
  (t) => [
    index("messages_channel_id_id_idx").on(t.channelId, t.id),
    uniqueIndex("messages_nonce_uq").on(t.channelId, t.authorId, t.nonce),
    foreignKey({ columns: [t.replyToId], foreignColumns: [t.id] }).onDelete("set null"),
    index("messages_pinned_idx").on(t.channelId, t.pinnedAt).where(sql`${t.pinnedAt} is not null`),
    index("messages_author_idx").on(t.authorId, t.id),
    check("messages_type_check", sql`${t.type} in ('default', 'call', 'join', 'pin')`),
  ],
);

/**
 * The search index of people's messages, kept apart from `messages` so that a send's
 * INSERT neither computes a tsvector nor touches a GIN index (measured: more than half
 * of the INSERT's own work for a sentence, and four fifths of its WAL). Filled after
 * the fact by the indexer (domain/search/indexer.ts) from `message_search_queue`. Only
 * `default` messages are indexed (search is for what people wrote), a deleted one's row
 * is emptied, and the channel is copied: a search of words reads this table alone, and
 * joins `messages` only for author, mentions or dates.
 */
export const messageSearch = pgTable(
  "message_search",
  {
    messageId: snowflake("message_id")
      .primaryKey()
      .references(() => messages.id, { onDelete: "cascade" }),
    /** Narrows GIN hits to the channels searched without reading `messages`. */
    channelId: snowflake("channel_id").notNull(),
    /** The text as indexed, for the trigram index (partial words) and has:link. */
    content: text("content").notNull(),
    /** Full-text search ('simple' configuration: no stemming, no stop words). */
    search: tsvector("search").notNull(),
    /**
     * The queue row this text was indexed for (0: indexed by the migration). An indexer
     * only overwrites an older one, so two indexers racing over a send and its edit
     * leave the edit's text, whichever commits last.
     */
    queueSeq: bigint("queue_seq", { mode: "bigint" }).notNull().default(sql`0`),
  },
  (t) => [
    index("message_search_search_idx").using("gin", t.search),
    index("message_search_content_trgm_idx").using("gin", sql`${t.content} gin_trgm_ops`),
  ],
);

/**
 * Messages written, edited or deleted since the indexer last ran: one row per insert or
 * change of content or deletion, put here by triggers on `messages` (so every way a message is written, a
 * command, an import or a test's SQL, is indexed) and taken by the indexer. No index
 * and no key: a send adds one small heap row, and the indexer takes the rows in batches.
 */
export const messageSearchQueue = pgTable("message_search_queue", {
  /** Write order: a later write of a message's text gets a larger one. */
  seq: bigint("seq", { mode: "bigint" }).generatedAlwaysAsIdentity(),
  messageId: snowflake("message_id").notNull(),
});

/** Earlier versions of edited messages, for the author and moderators. */
export const messageEdits = pgTable(
  "message_edits",
  {
    id: snowflake("id").primaryKey(),
    messageId: snowflake("message_id")
      .notNull()
      .references(() => messages.id, { onDelete: "cascade" }),
    content: text("content").notNull(),
    /** When this version was replaced. */
    replacedAt: timestamp("replaced_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("message_edits_message_idx").on(t.messageId, t.id)],
);

/**
 * Uploaded files. An upload belongs to its uploader and a channel until a message of
 * theirs in that channel takes it; bytes live in the file store under `storageKey`
 * (and `thumbnailKey` for images). `deletedAt` starts the grace period before the bytes go.
 */
export const attachments = pgTable(
  "attachments",
  {
    id: snowflake("id").primaryKey(),
    uploaderId: text("uploader_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    channelId: snowflake("channel_id").references(() => channels.id, { onDelete: "set null" }),
    messageId: snowflake("message_id").references(() => messages.id, { onDelete: "set null" }),
    filename: text("filename").notNull(),
    contentType: text("content_type").notNull(),
    size: bigint("size", { mode: "number" }).notNull(),
    width: integer("width"),
    height: integer("height"),
    storageKey: text("storage_key").notNull(),
    thumbnailKey: text("thumbnail_key"),
    /** Its place among its message's files, in the order the sender gave them. */
    position: integer("position").notNull().default(0),
    createdAt: createdAt(),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
  },
  (t) => [index("attachments_message_id_idx").on(t.messageId), index("attachments_deleted_at_idx").on(t.deletedAt)],
);

export const reactions = pgTable(
  "reactions",
  {
    messageId: snowflake("message_id")
      .notNull()
      .references(() => messages.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    emoji: text("emoji").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.messageId, t.emoji, t.userId] })],
);

/** A person's read cursor in a channel; unread and mention counts are derived from it. */
export const readStates = pgTable(
  "read_states",
  {
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    channelId: snowflake("channel_id")
      .notNull()
      .references(() => channels.id, { onDelete: "cascade" }),
    lastReadId: bigint("last_read_id", { mode: "bigint" }).notNull().default(sql`0`),
  },
  (t) => [primaryKey({ columns: [t.userId, t.channelId] })],
);

// ---- moderation --------------------------------------------------------------

export const bans = pgTable(
  "bans",
  {
    serverId: snowflake("server_id")
      .notNull()
      .references(() => servers.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    reason: text("reason"),
    moderatorId: text("moderator_id").references(() => user.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.serverId, t.userId] })],
);

/** Every moderation and configuration action: who, what, target, before/after, why. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: snowflake("id").primaryKey(),
    serverId: snowflake("server_id")
      .notNull()
      .references(() => servers.id, { onDelete: "cascade" }),
    actorId: text("actor_id").references(() => user.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id").notNull(),
    targetName: text("target_name"),
    changes: jsonb("changes").$type<Array<{ key: string; before: unknown; after: unknown }>>().notNull().default([]),
    reason: text("reason"),
    createdAt: createdAt(),
  },
  (t) => [index("audit_log_server_id_id_idx").on(t.serverId, t.id), index("audit_log_actor_idx").on(t.serverId, t.actorId)],
);

// ---- appearance --------------------------------------------------------------

/** A person's theme, message display and font size; no row means the defaults. */
export const userAppearance = pgTable(
  "user_appearance",
  {
    userId: text("user_id")
      .primaryKey()
      .references(() => user.id, { onDelete: "cascade" }),
    theme: text("theme").notNull().default("dark"),
    messageDisplay: text("message_display").notNull().default("cozy"),
    fontSize: integer("font_size").notNull().default(16),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("user_appearance_theme_check", sql`${t.theme} in ('dark', 'light', 'system')`),
    check("user_appearance_display_check", sql`${t.messageDisplay} in ('cozy', 'compact')`),
    check("user_appearance_font_size_check", sql`${t.fontSize} between 12 and 24`),
  ],
);

// ---- calls -------------------------------------------------------------------

/**
 * A call in a direct conversation. Open while `ended_at` is null: at most one per
 * conversation. Who rings is not here (it lives in the process, with its timers).
 */
export const calls = pgTable(
  "calls",
  {
    id: snowflake("id").primaryKey(),
    channelId: snowflake("channel_id")
      .notNull()
      .references(() => channels.id, { onDelete: "cascade" }),
    /** The system line that tells of the call. */
    messageId: snowflake("message_id").references(() => messages.id, { onDelete: "set null" }),
    startedBy: text("started_by")
      .notNull()
      .references(() => user.id),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    video: boolean("video").notNull().default(false),
    /** Everyone who was in the room at some point, in order of first join. */
    participantIds: text("participant_ids").array().notNull().default(sql`'{}'`),
    /** Everyone who was ever rung for it. */
    rungIds: text("rung_ids").array().notNull().default(sql`'{}'`),
    /** Who declined their last ring (no "missed call" for them). */
    declinedIds: text("declined_ids").array().notNull().default(sql`'{}'`),
  },
  (t) => [
    uniqueIndex("calls_open_uq").on(t.channelId).where(sql`${t.endedAt} is null`),
    index("calls_channel_idx").on(t.channelId, t.id),
    index("calls_message_idx").on(t.messageId),
  ],
);

// ---- notifications -----------------------------------------------------------

/** A person's notification defaults; no row means `defaultNotificationPrefs`. */
export const notificationPrefs = pgTable(
  "notification_prefs",
  {
    userId: text("user_id")
      .primaryKey()
      .references(() => user.id, { onDelete: "cascade" }),
    serverDefault: text("server_default").notNull().default("mentions"),
    hidePreviews: boolean("hide_previews").notNull().default(false),
    sound: boolean("sound").notNull().default(true),
  },
  (t) => [check("notification_prefs_level_check", sql`${t.serverDefault} in ('all', 'mentions', 'nothing')`)],
);

/** A level (null: the one above applies) and a mute (`muted` with a null `muted_until` = until turned off). */
const levelAndMute = () => ({
  level: text("level"),
  muted: boolean("muted").notNull().default(false),
  mutedUntil: timestamp("muted_until", { withTimezone: true }),
});

/** One person's settings for one server. */
export const serverNotificationSettings = pgTable(
  "server_notification_settings",
  {
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    serverId: snowflake("server_id")
      .notNull()
      .references(() => servers.id, { onDelete: "cascade" }),
    ...levelAndMute(),
    suppressEveryone: boolean("suppress_everyone").notNull().default(false),
    suppressRoles: boolean("suppress_roles").notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.serverId] }),
    check("server_notification_settings_level_check", sql`${t.level} is null or ${t.level} in ('all', 'mentions', 'nothing')`),
  ],
);

/** One person's settings for one channel or direct conversation. */
export const channelNotificationSettings = pgTable(
  "channel_notification_settings",
  {
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    channelId: snowflake("channel_id")
      .notNull()
      .references(() => channels.id, { onDelete: "cascade" }),
    ...levelAndMute(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.channelId] }),
    check("channel_notification_settings_level_check", sql`${t.level} is null or ${t.level} in ('all', 'mentions', 'nothing')`),
  ],
);

/**
 * A device's Web Push subscription: the push service's endpoint and the browser's keys.
 * Tied to the session that made it, so signing out of that device stops its pushes.
 */
export const pushSubscriptions = pgTable(
  "push_subscriptions",
  {
    id: snowflake("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    sessionId: text("session_id").references(() => session.id, { onDelete: "cascade" }),
    endpoint: text("endpoint").notNull().unique(),
    p256dh: text("p256dh").notNull(),
    auth: text("auth").notNull(),
    userAgent: text("user_agent"),
    createdAt: createdAt(),
  },
  (t) => [index("push_subscriptions_user_idx").on(t.userId)],
);

/**
 * One notification for one person about one message (a mention, a reply, a DM, a missed
 * call…): at most one per person and message. The inbox lists the mention, reply and
 * missed-call kinds; `pushed` says a push went out, so reading it elsewhere closes it.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: snowflake("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    channelId: snowflake("channel_id")
      .notNull()
      .references(() => channels.id, { onDelete: "cascade" }),
    messageId: snowflake("message_id")
      .notNull()
      .references(() => messages.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    pushed: boolean("pushed").notNull().default(false),
    /** A "read" push was sent for it (so each shown notification is closed once). */
    cleared: boolean("cleared").notNull().default(false),
  },
  (t) => [
    uniqueIndex("notifications_user_message_uq").on(t.userId, t.messageId),
    index("notifications_user_idx").on(t.userId, t.id),
    index("notifications_user_channel_idx").on(t.userId, t.channelId, t.messageId),
    check("notifications_kind_check", sql`${t.kind} in ('dm', 'mention', 'reply', 'missed_call', 'message')`),
  ],
);

/**
 * The push queue: one row per push request to one device, in the database so a restart
 * loses none. A worker claims due rows (`locked_until`), sends, and deletes them; a failure
 * moves `next_attempt_at` back with backoff.
 */
export const pushJobs = pgTable(
  "push_jobs",
  {
    id: snowflake("id").primaryKey(),
    subscriptionId: snowflake("subscription_id")
      .notNull()
      .references(() => pushSubscriptions.id, { onDelete: "cascade" }),
    notificationId: snowflake("notification_id").references(() => notifications.id, { onDelete: "cascade" }),
    payload: jsonb("payload").notNull(),
    /** Push services drop a message older than this (seconds). */
    ttl: integer("ttl").notNull().default(86_400),
    urgency: text("urgency").notNull().default("high"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    lastError: text("last_error"),
    createdAt: createdAt(),
  },
  (t) => [index("push_jobs_due_idx").on(t.nextAttemptAt), index("push_jobs_subscription_idx").on(t.subscriptionId)],
);
