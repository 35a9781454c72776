/**
 * Mentions in message text: `<@userId>`, `<@&roleId>`, `@everyone`, `@here`. Parsing is
 * pure and shared with the browser (`@/shared/mentions`), so the pills it draws are the
 * mentions recorded here; what counts is decided against the server: only members and
 * the server's roles are kept; @everyone and @here need Mention Everyone, and so does a
 * role unless it is mentionable (otherwise they stay plain text that notifies nobody).
 */
import { and, eq, inArray, ne } from "drizzle-orm";
import { mentionedIds, type MentionedIds } from "@/shared/mentions";
import { Permission, has } from "@/shared/permissions";
import type { Tx } from "../../db/client";
import { dmParticipants, members, roles } from "../../db/schema";
import { inSequence } from "../../db/sequence";

export type ParsedMentions = MentionedIds;

/** Bounds the lookups (and, later, the notifications) one message can cause. */
const MAX_USERS = 50;
const MAX_ROLES = 20;

export function parseMentions(content: string): ParsedMentions {
  const { users, roles: roleIds, everyone } = mentionedIds(content);
  return { users: users.slice(0, MAX_USERS), roles: roleIds.slice(0, MAX_ROLES), everyone };
}

/**
 * The mentions a message really makes where it is sent: in a server, members (and roles
 * and @everyone for those allowed); in a direct conversation, the people in it.
 */
export async function mentionsIn(
  tx: Tx,
  access: { channel: { id: bigint }; server: { serverId: bigint } | null; permissions: bigint },
  parsed: ParsedMentions,
): Promise<{ users: string[]; roles: bigint[]; everyone: boolean }> {
  if (access.server) return resolveMentions(tx, access.server.serverId, access.permissions, parsed);
  const rows = parsed.users.length
    ? await tx
        .select({ userId: dmParticipants.userId })
        .from(dmParticipants)
        .where(and(eq(dmParticipants.channelId, access.channel.id), inArray(dmParticipants.userId, parsed.users)))
    : [];
  return { users: rows.map((r) => r.userId), roles: [], everyone: false };
}

export async function resolveMentions(
  tx: Tx,
  serverId: bigint,
  permissions: bigint,
  parsed: ParsedMentions,
): Promise<{ users: string[]; roles: bigint[]; everyone: boolean }> {
  const mayMentionMany = has(permissions, Permission.MentionEveryone);
  const [userRows, roleRows] = await inSequence([
    () => parsed.users.length
      ? tx
          .select({ userId: members.userId })
          .from(members)
          .where(and(eq(members.serverId, serverId), inArray(members.userId, parsed.users)))
      : Promise.resolve([]),
    () => parsed.roles.length
      ? tx
          .select({ id: roles.id })
          .from(roles)
          .where(
            and(
              eq(roles.serverId, serverId),
              inArray(roles.id, parsed.roles.map(BigInt)),
              // The everyone role is never "mentionable": @everyone has its own rule.
              mayMentionMany ? undefined : and(eq(roles.mentionable, true), ne(roles.id, serverId)),
            ),
          )
      : Promise.resolve([]),
  ]);
  return {
    users: userRows.map((r) => r.userId),
    roles: roleRows.map((r) => r.id),
    everyone: mayMentionMany && parsed.everyone,
  };
}
