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

export const channelTypes = ["text", "audio", "video"] as const;
export type ChannelType = (typeof channelTypes)[number];

export const createChannelInput = z.object({
  name: z
    .string()
    .trim()
    .min(1)
    .max(limits.channelNameMax)
    .transform((s) => s.toLowerCase().replace(/\s+/g, "-")),
  type: z.enum(channelTypes).default("text"),
});
export type CreateChannelInput = z.input<typeof createChannelInput>;

export const createInviteInput = z.object({
  /** Seconds until the invite expires; 0 = never. */
  maxAge: z.number().int().min(0).max(limits.inviteMaxAgeMax).default(7 * 24 * 3600),
  /** 0 = unlimited. */
  maxUses: z.number().int().min(0).max(limits.inviteMaxUsesMax).default(0),
});
export type CreateInviteInput = z.input<typeof createInviteInput>;

export const sendMessageInput = z.object({
  content: z
    .string()
    .max(limits.messageContentMax, `at most ${limits.messageContentMax} characters`)
    .refine((s) => s.trim().length > 0, "must not be empty"),
  /** Client-chosen; the same nonce from the same author in the same channel is one message. */
  nonce: z.string().min(1).max(limits.nonceMax).optional(),
});
export type SendMessageInput = z.infer<typeof sendMessageInput>;

export const messageHistoryQuery = z
  .object({
    before: idSchema.optional(),
    after: idSchema.optional(),
    limit: z.coerce.number().int().min(1).max(limits.messagePageMax).default(limits.messagePageDefault),
  })
  .refine((q) => !(q.before && q.after), { message: "use either before or after, not both" });
export interface MessageHistoryQuery {
  before?: string;
  after?: string;
  limit?: number;
}

// ---- outputs (what presenters produce) -------------------------------------

export interface PublicUser {
  id: string;
  name: string;
  image: string | null;
}

export interface SelfUser extends PublicUser {
  email: string;
  emailVerified: boolean;
  createdAt: string;
}

export interface Server {
  id: string;
  name: string;
  icon: string | null;
  ownerId: string;
  createdAt: string;
}

export interface Channel {
  id: string;
  serverId: string | null;
  parentId: string | null;
  name: string;
  type: ChannelType;
  topic: string | null;
  position: number;
  /** What the requesting user may do here, as a decimal bitfield string (see shared/permissions). */
  permissions?: string;
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
}

export interface ServerDetail extends Server {
  memberCount: number;
  /** The requesting user's server-wide permissions, decimal bitfield string. */
  permissions: string;
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

export interface Message {
  id: string;
  channelId: string;
  author: PublicUser;
  content: string;
  nonce: string | null;
  createdAt: string;
  editedAt: string | null;
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
  "RATE_LIMITED",
  "PAYLOAD_TOO_LARGE",
  "INTERNAL",
] as const;
export type ErrorCode = (typeof errorCodes)[number];
