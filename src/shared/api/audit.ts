/** A server's audit log. */
import { z } from "zod";
import { snowflake, userIdSchema } from "./common";
import type { PublicUser } from "./users";

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
  "member.voice",
  "member.move",
  "member.disconnect",
  "invite.create",
  "invite.delete",
  "message.delete",
  "message.pin",
  "message.unpin",
] as const;

export type AuditLogAction = (typeof auditLogActions)[number];

export const auditLogQuery = z.strictObject({
  action: z.enum(auditLogActions).optional(),
  userId: userIdSchema.optional(),
  before: snowflake.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

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
