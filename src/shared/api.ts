/**
 * The public HTTP API v1: input schemas (zod, validated on the server, reused by the
 * browser) and the shapes presenters send back. Ids are strings everywhere.
 */
import { z } from "zod";
import { limits } from "./limits";

export const idSchema = z.string().regex(/^\d{1,20}$/, "must be a numeric id");

// ---- inputs ---------------------------------------------------------------

export const createServerInput = z.object({
  name: z.string().trim().min(limits.serverNameMin).max(limits.serverNameMax),
});
export type CreateServerInput = z.infer<typeof createServerInput>;

export const channelTypes = ["text", "audio", "video", "category"] as const;
export type ChannelType = (typeof channelTypes)[number];

/** A permission bitfield in JSON: a decimal string (64 bits do not fit a JS number). */
export const bitfieldSchema = z.string().regex(/^\d{1,20}$/, "must be a decimal bitfield");

export const overwriteInput = z.object({
  type: z.enum(["role", "member"]),
  allow: bitfieldSchema.default("0"),
  deny: bitfieldSchema.default("0"),
});
export type OverwriteInput = z.input<typeof overwriteInput>;

/**
 * Text, audio and video channel names are slugs like Discord's (`off-topic`); category
 * names keep their case and spaces.
 */
export function channelName(type: ChannelType, name: string): string {
  return type === "category" ? name : name.toLowerCase().replace(/\s+/g, "-");
}

const channelNameSchema = z.string().trim().min(1).max(limits.channelNameMax);

export const createChannelInput = z
  .object({
    name: channelNameSchema,
    type: z.enum(channelTypes).default("text"),
    parentId: idSchema.nullish(),
    topic: z.string().max(limits.channelTopicMax).nullish(),
    /** Overwrites to start with, e.g. everyone: deny View Channel for a private channel. */
    overwrites: z.array(overwriteInput.extend({ id: z.string().min(1).max(64) })).max(100).optional(),
  })
  .transform((v) => ({ ...v, name: channelName(v.type, v.name) }));
export type CreateChannelInput = z.input<typeof createChannelInput>;

/** The name is made a slug by the server when the channel is not a category. */
export const updateChannelInput = z.object({
  name: channelNameSchema.optional(),
  topic: z.string().max(limits.channelTopicMax).nullish(),
  parentId: idSchema.nullish(),
  position: z.number().int().min(0).max(10_000).optional(),
  slowmodeSeconds: z.number().int().min(0).max(limits.slowmodeMaxSeconds).optional(),
});
export type UpdateChannelInput = z.input<typeof updateChannelInput>;

/** Bulk reorder (drag and drop): new positions and, optionally, new categories. */
export const reorderChannelsInput = z
  .array(z.object({ id: idSchema, position: z.number().int().min(0).max(10_000), parentId: idSchema.nullish() }))
  .min(1)
  .max(500);

export const updateServerInput = z
  .object({
    name: z.string().trim().min(limits.serverNameMin).max(limits.serverNameMax).optional(),
    /** Only removal here: an icon is uploaded (PUT /servers/:id/icon), never a URL from a client. */
    icon: z.null().optional(),
    /** Transfer ownership (owner only). */
    ownerId: z.string().min(1).max(64).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, "nothing to change");
export type UpdateServerInput = z.input<typeof updateServerInput>;

export const deleteServerInput = z.object({ confirmName: z.string() });

export const createRoleInput = z.object({
  name: z.string().trim().min(1).max(limits.roleNameMax).default("new role"),
  color: z.number().int().min(0).max(0xffffff).default(0),
  permissions: bitfieldSchema.optional(),
});
export type CreateRoleInput = z.input<typeof createRoleInput>;

export const updateRoleInput = z.object({
  name: z.string().trim().min(1).max(limits.roleNameMax).optional(),
  color: z.number().int().min(0).max(0xffffff).optional(),
  permissions: bitfieldSchema.optional(),
});
export type UpdateRoleInput = z.input<typeof updateRoleInput>;

export const reorderRolesInput = z
  .array(z.object({ id: idSchema, position: z.number().int().min(1).max(1000) }))
  .min(1)
  .max(250);

export const updateMemberInput = z.object({
  /** The member's full role list (the everyone role is implied and ignored). */
  roles: z.array(idSchema).max(250).optional(),
  /** ISO time until which the member is timed out; null lifts it. At most 28 days ahead. */
  timeoutUntil: z.string().datetime({ offset: true }).nullish(),
  nickname: z.string().trim().max(limits.userNameMax).nullish(),
  reason: z.string().max(limits.auditReasonMax).optional(),
});
export type UpdateMemberInput = z.input<typeof updateMemberInput>;

export const kickInput = z.object({ reason: z.string().max(limits.auditReasonMax).optional() });

export const banDeleteWindows = [0, 3600, 86400, 604800] as const;
export const banInput = z.object({
  reason: z.string().max(limits.auditReasonMax).optional(),
  /** Also delete this person's messages from the last hour, day or week. */
  deleteMessageSeconds: z
    .number()
    .int()
    .refine((n) => (banDeleteWindows as readonly number[]).includes(n), "must be 0, 3600, 86400 or 604800")
    .default(0),
});
export type BanInput = z.input<typeof banInput>;

export const auditLogActions = [
  "server.update",
  "server.transfer",
  "channel.create",
  "channel.update",
  "channel.delete",
  "overwrite.update",
  "overwrite.delete",
  "role.create",
  "role.update",
  "role.delete",
  "member.roles",
  "member.timeout",
  "member.nickname",
  "member.kick",
  "member.ban",
  "member.unban",
  "invite.create",
  "invite.delete",
  "message.delete",
  "message.pin",
  "message.unpin",
] as const;
export type AuditLogAction = (typeof auditLogActions)[number];

export const auditLogQuery = z.object({
  action: z.enum(auditLogActions).optional(),
  userId: z.string().min(1).max(64).optional(),
  before: idSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

/** The expiry choices the UI offers, in seconds (0 = never). */
export const inviteMaxAges = [1800, 3600, 86400, 604800, 0] as const;

export const createInviteInput = z.object({
  /** Seconds until the invite expires; 0 = never. */
  maxAge: z
    .number()
    .int()
    .refine((n) => (inviteMaxAges as readonly number[]).includes(n), "must be 1800, 3600, 86400, 604800 or 0")
    .default(604800),
  /** 0 = unlimited. */
  maxUses: z.number().int().min(0).max(limits.inviteMaxUsesMax).default(0),
});
export type CreateInviteInput = z.input<typeof createInviteInput>;

export const sendMessageInput = z
  .object({
    content: z.string().max(limits.messageContentMax, `at most ${limits.messageContentMax} characters`).default(""),
    /** Client-chosen; the same nonce from the same author in the same channel is one message. */
    nonce: z.string().min(1).max(limits.nonceMax).optional(),
    /** The message this one answers (same channel). */
    replyToId: idSchema.optional(),
    /** Files uploaded to this channel by the author and not yet in a message. */
    attachmentIds: z.array(idSchema).max(limits.attachmentsPerMessage).optional(),
  })
  .refine((m) => m.content.trim().length > 0 || (m.attachmentIds?.length ?? 0) > 0, {
    message: "must not be empty",
    path: ["content"],
  });
export type SendMessageInput = z.infer<typeof sendMessageInput>;

export const editMessageInput = z.object({
  content: z
    .string()
    .max(limits.messageContentMax, `at most ${limits.messageContentMax} characters`)
    .refine((s) => s.trim().length > 0, "must not be empty"),
});

/** One unicode emoji (a grapheme of at most 32 bytes), as Discord accepts for reactions. */
export const emojiSchema = z
  .string()
  .min(1)
  .max(32)
  .refine((s) => /\p{Extended_Pictographic}|\p{Regional_Indicator}|[#*0-9]\uFE0F?\u20E3/u.test(s) && !/[\s<>]/.test(s), "must be one emoji");

export const ackInput = z.object({}).passthrough();

export const searchQuery = z.object({
  /** Free text plus filters: from:<userId|name> in:<channelId|name> has:file|link mentions:<userId> before:<YYYY-MM-DD> after:<YYYY-MM-DD> */
  q: z.string().trim().min(1).max(500),
  limit: z.coerce.number().int().min(1).max(50).default(25),
  offset: z.coerce.number().int().min(0).max(5000).default(0),
});

/** Open a conversation: one person (1:1, reopened if it exists) or several (a new group). */
export const openDmInput = z.union([
  z.object({ recipientId: z.string().min(1).max(64) }),
  z.object({
    recipientIds: z.array(z.string().min(1).max(64)).min(1).max(limits.groupDmMax - 1),
    name: z.string().trim().max(limits.groupDmNameMax).nullish(),
  }),
]);
export type OpenDmInput = z.input<typeof openDmInput>;

export const updateGroupDmInput = z
  .object({
    name: z.string().trim().max(limits.groupDmNameMax).nullable(),
    /** An emoji standing in for the group's picture until uploads land; null for the default. */
    icon: z.string().trim().min(1).max(16).nullable(),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, "nothing to change");
export type UpdateGroupDmInput = z.input<typeof updateGroupDmInput>;

export const dmSettingsInput = z.object({ allowDms: z.boolean() });
export type DmSettings = z.infer<typeof dmSettingsInput>;

/** Discord's username rules; the reason is shown as the person types. */
export function usernameProblem(username: string): string | null {
  if (username.length < limits.usernameMin || username.length > limits.usernameMax)
    return `Must be between ${limits.usernameMin} and ${limits.usernameMax} characters.`;
  if (!/^[a-z0-9_.]+$/.test(username)) return "Use only lowercase letters, numbers, underscores and periods.";
  if (username.includes("..")) return "Cannot contain two periods in a row.";
  return null;
}

export const usernameSchema = z
  .string()
  .trim()
  .transform((s) => s.toLowerCase())
  .superRefine((s, ctx) => {
    const problem = usernameProblem(s);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

export const customStatusInput = z.object({
  text: z.string().trim().min(1).max(limits.customStatusMax),
  expiresAt: z.iso.datetime({ offset: true }).nullable().default(null),
});

export const updateProfileInput = z
  .object({
    name: z.string().trim().min(1).max(limits.userNameMax),
    username: usernameSchema,
    about: z.string().max(limits.aboutMax),
    bannerColor: z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/, "must be a color like #5865f2")
      .transform((s) => s.toLowerCase())
      .nullable(),
    customStatus: customStatusInput.nullable(),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, "nothing to change");
export type UpdateProfileInput = z.input<typeof updateProfileInput>;

export const usernameCheckQuery = z.object({ username: z.string().max(200) });

/** Deleting an account asks for the password (when it has one) and a 2FA code (when on). */
export const deleteAccountInput = z.object({
  password: z.string().max(limits.passwordMax).optional(),
  code: z.string().trim().max(32).optional(),
});
export type DeleteAccountInput = z.input<typeof deleteAccountInput>;

export const presenceStatuses = ["online", "idle", "dnd", "invisible"] as const;
export type PresenceStatus = (typeof presenceStatuses)[number];

export const messageHistoryQuery = z
  .object({
    before: idSchema.optional(),
    after: idSchema.optional(),
    /** A page centred on this message (jump to a reply's original, to a search hit). */
    around: idSchema.optional(),
    limit: z.coerce.number().int().min(1).max(limits.messagePageMax).default(limits.messagePageDefault),
  })
  .refine((q) => [q.before, q.after, q.around].filter(Boolean).length <= 1, {
    message: "use one of before, after or around",
  });
export interface MessageHistoryQuery {
  before?: string;
  after?: string;
  around?: string;
  limit?: number;
}

// ---- outputs (what presenters produce) -------------------------------------

export interface PublicUser {
  id: string;
  name: string;
  image: string | null;
}

export interface CustomStatus {
  text: string;
  /** ISO time the status clears itself, or null for never. */
  expiresAt: string | null;
}

/** What a profile card shows: to oneself and to people who share a server. */
export interface UserProfile extends PublicUser {
  username: string;
  about: string;
  /** `#rrggbb`, or null for the color derived from the avatar. */
  bannerColor: string | null;
  customStatus: CustomStatus | null;
  createdAt: string;
  /** The account was deleted; its messages stay, shown as "Deleted user". */
  deleted: boolean;
}

export interface SelfUser extends UserProfile {
  email: string;
  emailVerified: boolean;
  twoFactorEnabled: boolean;
  /** Has an email + password sign-in (social-only accounts set one through a reset link). */
  hasPassword: boolean;
}

export interface UserSession {
  id: string;
  /** The session this request came with. */
  current: boolean;
  /** "Chrome on Linux", from the user agent; null when unknown. */
  device: string | null;
  ipAddress: string | null;
  createdAt: string;
  lastActiveAt: string;
}

/** Sign-in methods the operator configured, for the sign-in and sign-up pages. */
export interface AuthProviders {
  social: { id: string; name: string }[];
  /** Verification and reset emails go out (SMTP configured) rather than to the server log. */
  emailDelivery: boolean;
}

export interface UsernameCheck {
  username: string;
  available: boolean;
  /** Why it cannot be used, when it cannot. */
  reason?: string;
}

export interface Server {
  id: string;
  name: string;
  icon: string | null;
  ownerId: string;
  createdAt: string;
}

export interface Overwrite {
  /** Role id or user id. */
  id: string;
  type: "role" | "member";
  allow: string;
  deny: string;
}

export interface Channel {
  id: string;
  serverId: string | null;
  parentId: string | null;
  name: string;
  type: ChannelType;
  topic: string | null;
  position: number;
  overwrites: Overwrite[];
  slowmodeSeconds: number;
  /** Newest message id, for unread state; null when empty. */
  lastMessageId: string | null;
  /** What the requesting user may do here, as a decimal bitfield string (see shared/permissions). */
  permissions?: string;
}

/** A direct conversation: a channel without a server, belonging to the people in it. */
export interface DmChannel {
  id: string;
  type: "dm" | "group_dm";
  /** A group's name; null for 1:1 and unnamed groups (shown as the people's names). */
  name: string | null;
  /** A group's emoji icon, or null. */
  icon: string | null;
  /** Who created the group (may remove people); null for 1:1. */
  ownerId: string | null;
  /** Everyone in it but the reader. */
  recipients: PublicUser[];
  /** Newest message id, for ordering the list and unread state; null when empty. */
  lastMessageId: string | null;
}

export interface Role {
  id: string;
  serverId: string;
  name: string;
  color: number;
  position: number;
  permissions: string;
}

export interface Member {
  serverId: string;
  user: PublicUser;
  nickname: string | null;
  roleIds: string[];
  joinedAt: string;
  timeoutUntil: string | null;
}

export interface Ban {
  user: PublicUser;
  reason: string | null;
  createdAt: string;
}

export interface AuditLogEntry {
  id: string;
  serverId: string;
  action: AuditLogAction;
  actor: PublicUser | null;
  targetType: "server" | "channel" | "role" | "member" | "invite" | "message";
  targetId: string;
  /** A readable name of the target at the time (channel name, role name, user name, code). */
  targetName: string | null;
  changes: Array<{ key: string; before: unknown; after: unknown }>;
  reason: string | null;
  createdAt: string;
}

export interface ServerDetail extends Server {
  memberCount: number;
  /** The requesting user's server-wide permissions, decimal bitfield string. */
  permissions: string;
  /** The requesting user's highest role position (owner: Infinity is sent as 1e9). */
  highestRolePosition: number;
}

export interface Invite {
  code: string;
  serverId: string;
  channelId: string | null;
  inviterId: string;
  maxUses: number;
  uses: number;
  expiresAt: string | null;
  createdAt: string;
}

export interface InvitePreview {
  code: string;
  server: { id: string; name: string; icon: string | null };
  memberCount: number;
  expiresAt: string | null;
}

/** How the chat shows a file: inline picture, player, or a card with a download. */
export type AttachmentKind = "image" | "video" | "audio" | "file";

export interface Attachment {
  id: string;
  filename: string;
  /** Detected from the bytes, never taken from the name or the browser. */
  contentType: string;
  size: number;
  kind: AttachmentKind;
  /** Pixel size for images (and the reserved box before they load); null otherwise. */
  width: number | null;
  height: number | null;
  /** Served by the app after the same check as the message: `/api/v1/attachments/<id>/<name>`. */
  url: string;
  /** A small WebP preview for images; null otherwise. */
  thumbnailUrl: string | null;
}

export interface Message {
  id: string;
  channelId: string;
  author: PublicUser;
  content: string;
  attachments: Attachment[];
  nonce: string | null;
  createdAt: string;
  editedAt: string | null;
  /** The quoted original, or null; `deleted` when it has been deleted since. */
  replyTo: { id: string; author: PublicUser | null; content: string; deleted: boolean } | null;
  mentions: { users: string[]; roles: string[]; everyone: boolean };
  /** Per emoji, in order of first use; `me` is filled per reader over HTTP, false in broadcasts. */
  reactions: Array<{ emoji: string; count: number; me: boolean }>;
  pinned: boolean;
}

export interface MessageEdit {
  content: string;
  replacedAt: string;
}

export interface ReadState {
  channelId: string;
  lastReadId: string;
  /** Messages after the cursor, capped at 100 ("99+"). */
  unreadCount: number;
  mentionCount: number;
}

export interface SearchResult {
  total: number;
  messages: Array<Message & { highlights: string[] }>;
}

export interface Presence {
  userId: string;
  status: "online" | "idle" | "dnd" | "offline";
}

export interface ApiError {
  error: { code: ErrorCode; message: string; details?: unknown };
}

export const errorCodes = [
  "BAD_REQUEST",
  "VALIDATION_FAILED",
  "UNAUTHORIZED",
  "FORBIDDEN",
  "MISSING_PERMISSIONS",
  "NOT_FOUND",
  "CONFLICT",
  "INVITE_INVALID",
  "ROLE_HIERARCHY",
  "BANNED",
  "OWNER_ONLY",
  "RATE_LIMITED",
  "SLOWMODE",
  "USERNAME_TAKEN",
  "INVALID_PASSWORD",
  "INVALID_CODE",
  "OWNS_SERVERS",
  "SESSION_NOT_FRESH",
  "DM_REFUSED",
  "FILE_TOO_LARGE",
  "FILE_NOT_ALLOWED",
  "IMAGE_TOO_LARGE",
  "GROUP_FULL",
  "PAYLOAD_TOO_LARGE",
  "RANGE_NOT_SATISFIABLE",
  "INTERNAL",
] as const;
export type ErrorCode = (typeof errorCodes)[number];
