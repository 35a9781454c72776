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

export function presentChannel(c: typeof schema.channels.$inferSelect, permissions?: bigint): Api.Channel {
  return {
    id: c.id.toString(),
    serverId: c.serverId?.toString() ?? null,
    parentId: c.parentId?.toString() ?? null,
    name: c.name,
    type: c.type as Api.ChannelType,
    topic: c.topic,
    position: c.position,
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
  m: Pick<typeof schema.members.$inferSelect, "serverId" | "nickname" | "joinedAt">,
  u: UserRow,
  roleIds: bigint[],
): Api.Member {
  return {
    serverId: m.serverId.toString(),
    user: presentUser(u),
    nickname: m.nickname,
    roleIds: roleIds.map(String),
    joinedAt: iso(m.joinedAt)!,
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
