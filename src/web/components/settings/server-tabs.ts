import { Permission } from "@/shared/permissions";
import type { Access } from "../../hooks/use-access";
import type { SettingsTab } from "../ui/settings-shell";

// Apart from server-settings.tsx, so the channel list can tell whether to offer the
// settings without loading them.
export type ServerTab = "overview" | "roles" | "members" | "invites" | "bans" | "audit-log";

/** Each tab shows only to people the server lets read and change what it holds. */
export function visibleServerTabs(access: Access): SettingsTab<ServerTab>[] {
  const tabs: Array<SettingsTab<ServerTab> & { allowed: boolean }> = [
    { id: "overview", label: "Overview", allowed: access.can(Permission.ManageServer) },
    { id: "roles", label: "Roles", allowed: access.can(Permission.ManageRoles) },
    {
      id: "members",
      label: "Members",
      allowed: [Permission.ManageRoles, Permission.KickMembers, Permission.BanMembers, Permission.ModerateMembers].some(access.can),
    },
    { id: "invites", label: "Invites", allowed: access.can(Permission.ManageServer) },
    { id: "bans", label: "Bans", allowed: access.can(Permission.BanMembers) },
    { id: "audit-log", label: "Audit Log", allowed: access.can(Permission.ViewAuditLog) },
  ];
  return tabs.filter((t) => t.allowed).map(({ id, label }) => ({ id, label }));
}
