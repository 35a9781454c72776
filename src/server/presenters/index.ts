/**
 * Presenters: the only way rows leave the server, over HTTP and sockets alike. Each one
 * whitelists fields; emails appear only in the signed-in user's own record.
 */
import type * as Api from "@/shared/api";
import type * as schema from "../db/schema";

type UserRow = Pick<typeof schema.user.$inferSelect, "id" | "name" | "image">;

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

export function presentUser(u: UserRow): Api.PublicUser {
  return { id: u.id, name: u.name, image: u.image ?? null };
}

export function presentSelf(u: typeof schema.user.$inferSelect): Api.SelfUser {
  return { ...presentUser(u), email: u.email, emailVerified: u.emailVerified, createdAt: iso(u.createdAt)! };
}

export function presentServer(s: typeof schema.servers.$inferSelect): Api.Server {
  return { id: s.id.toString(), name: s.name, icon: s.icon, ownerId: s.ownerId, createdAt: iso(s.createdAt)! };
}

type OverwriteRow = Pick<typeof schema.channelOverwrites.$inferSelect, "roleId" | "userId" | "allow" | "deny">;

export function presentOverwrite(o: OverwriteRow): Api.Overwrite {
  return o.roleId !== null
    ? { id: o.roleId.toString(), type: "role", allow: o.allow.toString(), deny: o.deny.toString() }
    : { id: o.userId!, type: "member", allow: o.allow.toString(), deny: o.deny.toString() };
}

export function presentChannel(
  c: typeof schema.channels.$inferSelect,
  overwrites: OverwriteRow[],
  permissions?: bigint,
): Api.Channel {
  return {
    id: c.id.toString(),
    serverId: c.serverId?.toString() ?? null,
    parentId: c.parentId?.toString() ?? null,
    name: c.name,
    type: c.type as Api.ChannelType,
    topic: c.topic,
    position: c.position,
    overwrites: overwrites.map(presentOverwrite),
    ...(permissions === undefined ? {} : { permissions: permissions.toString() }),
  };
}

export function presentRole(r: typeof schema.roles.$inferSelect): Api.Role {
  return {
    id: r.id.toString(),
    serverId: r.serverId.toString(),
    name: r.name,
    color: r.color,
    position: r.position,
    permissions: r.permissions.toString(),
  };
}

export function presentMember(
  m: Pick<typeof schema.members.$inferSelect, "serverId" | "nickname" | "joinedAt" | "timeoutUntil">,
  u: UserRow,
  roleIds: bigint[],
): Api.Member {
  return {
    serverId: m.serverId.toString(),
    user: presentUser(u),
    nickname: m.nickname,
    roleIds: roleIds.map(String),
    joinedAt: iso(m.joinedAt)!,
    timeoutUntil: m.timeoutUntil && new Date(m.timeoutUntil).getTime() > Date.now() ? iso(m.timeoutUntil) : null,
  };
}

export function presentBan(b: typeof schema.bans.$inferSelect, u: UserRow): Api.Ban {
  return { user: presentUser(u), reason: b.reason, createdAt: iso(b.createdAt)! };
}

export function presentAuditEntry(e: typeof schema.auditLog.$inferSelect, actor: UserRow | null): Api.AuditLogEntry {
  return {
    id: e.id.toString(),
    serverId: e.serverId.toString(),
    action: e.action as Api.AuditLogAction,
    actor: actor ? presentUser(actor) : null,
    targetType: e.targetType as Api.AuditLogEntry["targetType"],
    targetId: e.targetId,
    targetName: e.targetName,
    changes: e.changes,
    reason: e.reason,
    createdAt: iso(e.createdAt)!,
  };
}

export function presentInvite(i: typeof schema.invites.$inferSelect): Api.Invite {
  return {
    code: i.code,
    serverId: i.serverId.toString(),
    channelId: i.channelId?.toString() ?? null,
    inviterId: i.inviterId,
    maxUses: i.maxUses,
    uses: i.uses,
    expiresAt: iso(i.expiresAt),
    createdAt: iso(i.createdAt)!,
  };
}

export function presentMessage(
  m: Pick<typeof schema.messages.$inferSelect, "id" | "channelId" | "content" | "nonce" | "createdAt" | "editedAt">,
  author: UserRow,
): Api.Message {
  return {
    id: m.id.toString(),
    channelId: m.channelId.toString(),
    author: presentUser(author),
    content: m.content,
    nonce: m.nonce,
    createdAt: iso(m.createdAt)!,
    editedAt: iso(m.editedAt),
  };
}
