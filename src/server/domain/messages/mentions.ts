/**
 * Mentions in message text: `<@userId>`, `<@&roleId>`, `@everyone`, `@here`. Parsing is
 * pure; what counts is decided against the server: only members and the server's roles
 * are kept, and role, everyone and here mentions need Mention Everyone (otherwise they
 * stay plain text that notifies nobody).
 */
import { and, eq, inArray } from "drizzle-orm";
import { Permission, has } from "@/shared/permissions";
import type { Tx } from "../../db/client";
import { dmParticipants, members, roles } from "../../db/schema";
import { inSequence } from "../../db/sequence";

export interface ParsedMentions {
  users: string[];
  roles: string[];
  everyone: boolean;
}

const USER = /<@([A-Za-z0-9_-]{1,64})>/g;
const ROLE = /<@&(\d{1,20})>/g;
const EVERYONE = /(^|[^\w`])@(everyone|here)\b/;

export function parseMentions(content: string): ParsedMentions {
  const users = new Set<string>();
  const roleIds = new Set<string>();
  for (const m of content.matchAll(USER)) users.add(m[1]!);
  for (const m of content.matchAll(ROLE)) roleIds.add(m[1]!);
  return { users: [...users].slice(0, 50), roles: [...roleIds].slice(0, 20), everyone: EVERYONE.test(content) };
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
    () => mayMentionMany && parsed.roles.length
      ? tx
          .select({ id: roles.id })
          .from(roles)
          .where(and(eq(roles.serverId, serverId), inArray(roles.id, parsed.roles.map(BigInt))))
      : Promise.resolve([]),
  ]);
  return {
    users: userRows.map((r) => r.userId),
    roles: roleRows.map((r) => r.id),
    everyone: mayMentionMany && parsed.everyone,
  };
}
