import type { AuditLogAction, AuditLogEntry, Channel, Role } from "@/shared/api";
import { permissionNames, type PermissionName } from "@/shared/permissions";
import { bits, permissionGroups } from "./permission-labels";

const flagLabels = new Map(permissionGroups.flatMap((g) => g.flags.map((f) => [f.name, f.label] as const)));

function flagList(names: PermissionName[]): string {
  return names.map((n) => flagLabels.get(n) ?? n).join(", ");
}

/** "{actor} created the role {target}": the verb phrase between actor and target. */
export const auditActionText: Record<AuditLogAction, string> = {
  "server.update": "updated the server",
  "server.transfer": "transferred ownership to",
  "channel.create": "created the channel",
  "channel.update": "updated the channel",
  "channel.delete": "deleted the channel",
  "overwrite.update": "updated permissions in",
  "overwrite.delete": "removed permissions in",
  "role.create": "created the role",
  "role.update": "updated the role",
  "role.delete": "deleted the role",
  "member.roles": "updated the roles of",
  "member.timeout": "changed the timeout of",
  "member.nickname": "changed the nickname of",
  "member.kick": "kicked",
  "member.ban": "banned",
  "member.unban": "unbanned",
  "member.voice": "changed the server mute or deafen of",
  "member.move": "moved",
  "member.disconnect": "disconnected",
  "invite.create": "created the invite",
  "invite.delete": "revoked the invite",
  "message.delete": "deleted a message in",
  "message.pin": "pinned a message in",
  "message.unpin": "unpinned a message in",
};

/** Filter names for the action picker. */
export const auditActionLabels: Record<AuditLogAction, string> = {
  "server.update": "Update server",
  "server.transfer": "Transfer ownership",
  "channel.create": "Create channel",
  "channel.update": "Update channel",
  "channel.delete": "Delete channel",
  "overwrite.update": "Update channel permissions",
  "overwrite.delete": "Remove channel permissions",
  "role.create": "Create role",
  "role.update": "Update role",
  "role.delete": "Delete role",
  "member.roles": "Update member roles",
  "member.timeout": "Timeout member",
  "member.nickname": "Change nickname",
  "member.kick": "Kick member",
  "member.ban": "Ban member",
  "member.unban": "Unban member",
  "member.voice": "Server mute or deafen",
  "member.move": "Move member",
  "member.disconnect": "Disconnect member",
  "invite.create": "Create invite",
  "invite.delete": "Revoke invite",
  "message.delete": "Delete message",
  "message.pin": "Pin message",
  "message.unpin": "Unpin message",
};

export interface AuditNames {
  roles: Role[];
  /** Channels of the server, for category ids ("parentId"). */
  channels?: Pick<Channel, "id" | "name">[];
  /** People of the server, for user ids ("ownerId"). */
  people?: { id: string; name: string }[];
}

function named(value: unknown, roleName: (id: string) => string | undefined): string {
  if (Array.isArray(value)) return value.map((v) => named(v, roleName)).join(", ") || "none";
  if (value && typeof value === "object" && "name" in value && typeof value.name === "string") return value.name;
  if (typeof value === "string") return roleName(value) ?? value;
  if (value === null || value === undefined) return "none";
  if (typeof value === "boolean") return value ? "on" : "off";
  if (typeof value === "object") return "changed";
  return String(value);
}

function idsOf(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.map((v) => (v && typeof v === "object" && "id" in v ? String(v.id) : String(v)));
}

/** A role colour as a person reads it: "#2ECC71", or "default" for none (0). */
export function colorText(value: unknown): string {
  return typeof value === "number" && value > 0 ? `#${value.toString(16).padStart(6, "0").toUpperCase()}` : "default";
}

const typeNames: Record<string, string> = { text: "text channel", audio: "voice channel", video: "video channel", category: "category" };

/** The verb phrase between actor and target: a category is "the category", not "the channel". */
export function auditActionPhrase(entry: AuditLogEntry): string {
  if (entry.action === "channel.create" || entry.action === "channel.delete") {
    const type = entry.changes.find((c) => c.key === "type");
    const value = entry.action === "channel.create" ? type?.after : type?.before;
    if (value === "category") return entry.action === "channel.create" ? "created the category" : "deleted the category";
  }
  return auditActionText[entry.action] ?? entry.action;
}

/** How the target is written: "#general" for a channel, a category or anything else as is. */
export function auditTargetText(entry: AuditLogEntry): string {
  const target = entry.targetName ?? entry.targetId;
  const isCategory = entry.changes.some((c) => c.key === "type" && (c.after === "category" || c.before === "category"));
  return entry.targetType === "channel" && !isCategory ? `#${target}` : target;
}

type Overwrite = { allow: bigint; deny: bigint };

function overwriteOf(value: unknown): Overwrite | undefined {
  if (!value || typeof value !== "object" || !("allow" in value) || !("deny" in value)) return undefined;
  return { allow: bits(String(value.allow)), deny: bits(String(value.deny)) };
}

/** "for role Helper: allowed Send Messages; denied Attach Files", as Discord says it. */
function describeOverwrite(target: string, before: Overwrite | undefined, after: Overwrite | undefined): string {
  if (!after) return `removed the overwrite for ${target}`;
  const was = before ?? { allow: 0n, deny: 0n };
  const allowed = permissionNames(after.allow & ~was.allow);
  const denied = permissionNames(after.deny & ~was.deny);
  const reset = permissionNames((was.allow | was.deny) & ~(after.allow | after.deny));
  const parts = [
    allowed.length ? `allowed ${flagList(allowed)}` : "",
    denied.length ? `denied ${flagList(denied)}` : "",
    reset.length ? `reset ${flagList(reset)}` : "",
  ].filter(Boolean);
  return `permissions for ${target}: ${parts.join("; ") || "no change"}`;
}

/** "role:Helper" → "role Helper"; an older row's bare id → the role's name when known. */
function overwriteTarget(key: string, roleName: (id: string) => string | undefined): string {
  const typed = /^(role|member):(.+)$/.exec(key);
  if (typed) return `${typed[1]} ${typed[2]}`;
  const role = roleName(key);
  return role ? `role ${role}` : "a member";
}

/** One readable line per change: permissions as flag names, role lists as added/removed. */
export function describeChanges(entry: AuditLogEntry, names: Role[] | AuditNames): string[] {
  const { roles, channels = [], people = [] } = Array.isArray(names) ? { roles: names } : names;
  const roleName = (id: string) => roles.find((r) => r.id === id)?.name;
  const changed = entry.changes.filter((c) => JSON.stringify(c.before) !== JSON.stringify(c.after));
  return changed.map(({ key: rawKey, before, after }) => {
    if (entry.action === "overwrite.update" || entry.action === "overwrite.delete") {
      return describeOverwrite(overwriteTarget(rawKey, roleName), overwriteOf(before), overwriteOf(after));
    }
    if (rawKey === "color") return `colour: ${colorText(before)} → ${colorText(after)}`;
    if (rawKey === "type") return `type: ${typeNames[String(after ?? before)] ?? String(after ?? before)}`;
    if (rawKey === "content" && entry.action === "message.delete") return typeof before === "string" && before ? `message: “${before}”` : "message with no text";
    if (rawKey === "ownerId") {
      const person = (id: unknown) => people.find((p) => p.id === id)?.name ?? "a former member";
      return `owner: ${person(before)} → ${person(after)}`;
    }
    if (rawKey === "parentId") {
      const category = (id: unknown) => (id ? (channels.find((c) => c.id === id)?.name ?? "a deleted category") : "no category");
      return `category: ${category(before)} → ${category(after)}`;
    }
    if (rawKey === "slowmodeSeconds") {
      const slow = (v: unknown) => (typeof v === "number" && v > 0 ? (durations[v] ?? `${v} seconds`) : "off");
      return `slowmode: ${slow(before)} → ${slow(after)}`;
    }
    if (rawKey === "icon") return after ? "changed the icon" : "removed the icon";
    if (rawKey === "nickname" && (before === null || before === undefined)) return after ? `nickname set to ${String(after)}` : "nickname removed";
    // "position:general" is one item of a bulk change: say "position of general".
    const key = rawKey.replace(/^([\w.]+):(.+)$/, "$1 of $2");
    // Lists recorded as "<thing>.add" / "<thing>.remove" (e.g. a member's roles).
    const listChange = /^(.+)\.(add|remove)$/.exec(rawKey);
    if (listChange) {
      const [, what, verb] = listChange;
      return `${verb === "add" ? "added" : "removed"} ${what}: ${named(verb === "add" ? after : before, roleName)}`;
    }
    const special = formatKnown(key, after);
    if (special !== undefined && (before === null || before === undefined)) return special;
    if (/permissions|allow|deny/i.test(key) && (typeof before === "string" || typeof after === "string")) {
      if (before === null || before === undefined) {
        const flags = permissionNames(bits(typeof after === "string" ? after : "0"));
        return `${key}: ${flags.length ? flagList(flags) : "none"}`;
      }
      const was = bits(typeof before === "string" ? before : "0");
      const now = bits(typeof after === "string" ? after : "0");
      const added = permissionNames(now & ~was);
      const removed = permissionNames(was & ~now);
      const parts = [added.length ? `granted ${flagList(added)}` : "", removed.length ? `took away ${flagList(removed)}` : ""];
      return `${key}: ${parts.filter(Boolean).join("; ") || "no change"}`;
    }
    const was = idsOf(before);
    const now = idsOf(after);
    if (was && now) {
      const added = now.filter((id) => !was.includes(id));
      const removed = was.filter((id) => !now.includes(id));
      const parts = [
        added.length ? `added ${named(added, roleName)}` : "",
        removed.length ? `removed ${named(removed, roleName)}` : "",
      ];
      return `${key}: ${parts.filter(Boolean).join("; ") || "no change"}`;
    }
    const label = voiceLabels[key] ?? key;
    if (before === undefined || before === null) return `${label}: set to ${named(after, roleName)}`;
    return `${label}: ${named(before, roleName)} → ${named(after, roleName)}`;
  });
}

const voiceLabels: Record<string, string> = { mute: "server mute", deaf: "server deafen", serverMute: "server mute", serverDeaf: "server deafen" };

const durations: Record<number, string> = { 0: "never", 1800: "30 minutes", 3600: "1 hour", 86400: "1 day", 604800: "7 days" };

/** Values whose raw form means little to a person: seconds, use counts, times. */
function formatKnown(key: string, value: unknown): string | undefined {
  if (key === "maxAge" && typeof value === "number") return `expires after: ${durations[value] ?? `${value} seconds`}`;
  if (key === "maxUses" && typeof value === "number") return `max uses: ${value === 0 ? "no limit" : value}`;
  if (key === "deleteMessageSeconds" && typeof value === "number") {
    return `deleted messages from: ${value === 0 ? "none" : `the last ${durations[value] ?? `${value} seconds`}`}`;
  }
  if (key === "timeoutUntil") {
    return typeof value === "string" ? `timed out until ${new Date(value).toLocaleString()}` : "timeout removed";
  }
  return undefined;
}
