/**
 * Presenters: the only way rows leave the server, over HTTP and sockets alike. Each one
 * whitelists fields; emails appear only in the signed-in user's own record.
 */
import type * as Api from "@/shared/api";
import type { CallInfo, CallTrace } from "@/shared/calls";
import type * as schema from "../db/schema";

type UserRow = Pick<typeof schema.user.$inferSelect, "id" | "name" | "image">;

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

export function presentUser(u: UserRow): Api.PublicUser {
  return { id: u.id, name: u.name, image: u.image ?? null };
}

type FullUser = typeof schema.user.$inferSelect;

/** A custom status that has passed its expiry is no status. */
export function presentCustomStatus(u: Pick<FullUser, "customStatus" | "customStatusExpiresAt">, now = Date.now()): Api.CustomStatus | null {
  if (!u.customStatus) return null;
  const expires = u.customStatusExpiresAt ? new Date(u.customStatusExpiresAt) : null;
  if (expires && expires.getTime() <= now) return null;
  return { text: u.customStatus, expiresAt: iso(expires) };
}

export function presentProfile(u: FullUser): Api.UserProfile {
  return {
    ...presentUser(u),
    username: u.username,
    about: u.about,
    bannerColor: u.bannerColor,
    customStatus: presentCustomStatus(u),
    createdAt: iso(u.createdAt)!,
    deleted: u.deletedAt !== null,
  };
}

export function presentSelf(u: FullUser, opts: { hasPassword: boolean }): Api.SelfUser {
  return {
    ...presentProfile(u),
    email: u.email,
    emailVerified: u.emailVerified,
    twoFactorEnabled: u.twoFactorEnabled,
    hasPassword: opts.hasPassword,
  };
}

export function presentSession(
  s: Pick<typeof schema.session.$inferSelect, "id" | "userAgent" | "ipAddress" | "createdAt" | "lastActiveAt">,
  currentId: string | null,
  device: string | null,
): Api.UserSession {
  return {
    id: s.id,
    current: s.id === currentId,
    device,
    ipAddress: s.ipAddress,
    createdAt: iso(s.createdAt)!,
    lastActiveAt: iso(s.lastActiveAt)!,
  };
}

export function presentServer(s: typeof schema.servers.$inferSelect): Api.Server {
  return {
    id: s.id.toString(),
    name: s.name,
    icon: s.icon,
    ownerId: s.ownerId,
    systemChannelId: s.systemChannelId?.toString() ?? null,
    createdAt: iso(s.createdAt)!,
  };
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
  lastMessageId: bigint | null = null,
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
    slowmodeSeconds: c.slowmodeSeconds,
    lastMessageId: lastMessageId?.toString() ?? null,
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
    hoist: r.hoist,
    mentionable: r.mentionable,
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

/** A message as stored; ids and times may also come as text (the history page reads them so). */
type MessageRow = Pick<typeof schema.messages.$inferSelect, "type" | "content" | "nonce" | "mentionUserIds" | "mentionEveryone"> & {
  id: bigint | string;
  channelId: bigint | string;
  createdAt: Date | string;
  editedAt: Date | string | null;
  pinnedAt: Date | string | null;
  mentionRoleIds: Array<bigint | string>;
};

/** How long a quoted reply's text may be in a payload; the full text is one jump away. */
const REPLY_PREVIEW = 200;

export function presentMessage(
  m: MessageRow,
  author: UserRow,
  extras: {
    replyTo?: { id: bigint | string; content: string; deleted: boolean; author: UserRow | null } | null;
    reactions?: Api.Message["reactions"];
    attachments?: Api.Attachment[];
    /** The call a `call` line tells of. */
    call?: CallTrace | null;
  } = {},
): Api.Message {
  const reply = extras.replyTo;
  return {
    id: m.id.toString(),
    type: m.type,
    channelId: m.channelId.toString(),
    author: presentUser(author),
    content: m.content,
    attachments: extras.attachments ?? [],
    nonce: m.nonce,
    createdAt: iso(m.createdAt)!,
    editedAt: iso(m.editedAt),
    replyTo: reply
      ? {
          id: reply.id.toString(),
          author: reply.author ? presentUser(reply.author) : null,
          content: reply.deleted ? "" : reply.content.slice(0, REPLY_PREVIEW),
          deleted: reply.deleted,
        }
      : null,
    mentions: { users: m.mentionUserIds, roles: m.mentionRoleIds.map(String), everyone: m.mentionEveryone },
    reactions: extras.reactions ?? [],
    pinned: m.pinnedAt !== null,
    call: m.type === "call" ? (extras.call ?? null) : null,
  };
}

type AttachmentRow = Pick<
  typeof schema.attachments.$inferSelect,
  "id" | "filename" | "contentType" | "size" | "width" | "height" | "thumbnailKey"
>;

/** Images, audio and video the browser may show inline; anything else is a download. */
export function attachmentKind(contentType: string): Api.AttachmentKind {
  if (/^image\/(png|jpeg|gif|webp|avif)$/.test(contentType)) return "image";
  if (/^video\/(mp4|webm|ogg|quicktime)$/.test(contentType)) return "video";
  if (/^audio\/(mpeg|ogg|wav|x-wav|webm|aac|mp4|flac|x-flac)$/.test(contentType)) return "audio";
  return "file";
}

export function presentAttachment(a: AttachmentRow): Api.Attachment {
  const id = a.id.toString();
  const name = encodeURIComponent(a.filename);
  return {
    id,
    filename: a.filename,
    contentType: a.contentType,
    size: a.size,
    kind: attachmentKind(a.contentType),
    width: a.width,
    height: a.height,
    url: `/api/v1/attachments/${id}/${name}`,
    thumbnailUrl: a.thumbnailKey ? `/api/v1/attachments/${id}/${name}?thumb=1` : null,
  };
}

export function presentEdit(e: typeof schema.messageEdits.$inferSelect): Api.MessageEdit {
  return { content: e.content, replacedAt: iso(e.replacedAt)! };
}

type CallRow = typeof schema.calls.$inferSelect;

/** An open call as the conversation's devices see it; `ringing` comes from the ringing store. */
export function presentCall(c: CallRow, ringing: string[]): CallInfo {
  return {
    id: c.id.toString(),
    channelId: c.channelId.toString(),
    startedBy: c.startedBy,
    startedAt: iso(c.startedAt)!,
    video: c.video,
    ringing,
    messageId: c.messageId?.toString() ?? "",
  };
}

/** What a call's system line carries: who took part, and once it ended, how long and who missed it. */
export function presentCallTrace(c: CallRow): CallTrace {
  const ended = c.endedAt === null ? null : new Date(c.endedAt);
  const started = new Date(c.startedAt);
  const joined = new Set(c.participantIds);
  const participants = joined.has(c.startedBy) ? [c.startedBy, ...c.participantIds.filter((id) => id !== c.startedBy)] : [...c.participantIds];
  return {
    id: c.id.toString(),
    startedBy: c.startedBy,
    startedAt: started.toISOString(),
    endedAt: ended?.toISOString() ?? null,
    durationSeconds: ended ? Math.max(0, Math.floor((ended.getTime() - started.getTime()) / 1000)) : null,
    participants,
    missed: ended ? [...new Set(c.rungIds)].filter((id) => !joined.has(id)) : [],
    video: c.video,
  };
}
