import type { AuditLogAction, AuditLogEntry, Role } from "@/shared/api";
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
  "overwrite.update": "changed permissions in",
  "overwrite.delete": "removed a permission overwrite in",
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

function named(value: unknown, roleName: (id: string) => string | undefined): string {
  if (Array.isArray(value)) return value.map((v) => named(v, roleName)).join(", ") || "none";
  if (value && typeof value === "object" && "name" in value && typeof value.name === "string") return value.name;
  if (typeof value === "string") return roleName(value) ?? value;
  if (value === null || value === undefined) return "none";
  return String(value);
}

function idsOf(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.map((v) => (v && typeof v === "object" && "id" in v ? String(v.id) : String(v)));
}

/** One readable line per change: permissions as flag names, role lists as added/removed. */
export function describeChanges(entry: AuditLogEntry, roles: Role[]): string[] {
  const roleName = (id: string) => roles.find((r) => r.id === id)?.name;
  const changed = entry.changes.filter((c) => JSON.stringify(c.before) !== JSON.stringify(c.after));
  return changed.map(({ key: rawKey, before, after }) => {
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
    if (before === undefined || before === null) return `${key}: set to ${named(after, roleName)}`;
    return `${key}: ${named(before, roleName)} → ${named(after, roleName)}`;
  });
}

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
