/**
 * Permission bits, Discord's values. A role holds a 64-bit field of these; the server
 * computes the effective set (src/server/policies) and sends it as a decimal string.
 */
export const Permission = {
  CreateInvite: 1n << 0n,
  KickMembers: 1n << 1n,
  BanMembers: 1n << 2n,
  Administrator: 1n << 3n,
  ManageChannels: 1n << 4n,
  ManageServer: 1n << 5n,
  AddReactions: 1n << 6n,
  ViewAuditLog: 1n << 7n,
  PrioritySpeaker: 1n << 8n,
  Video: 1n << 9n,
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  ManageMessages: 1n << 13n,
  EmbedLinks: 1n << 14n,
  AttachFiles: 1n << 15n,
  ReadMessageHistory: 1n << 16n,
  MentionEveryone: 1n << 17n,
  Connect: 1n << 20n,
  Speak: 1n << 21n,
  MuteMembers: 1n << 22n,
  DeafenMembers: 1n << 23n,
  MoveMembers: 1n << 24n,
  ChangeNickname: 1n << 26n,
  ManageNicknames: 1n << 27n,
  ManageRoles: 1n << 28n,
  ModerateMembers: 1n << 40n,
} as const;

export type PermissionName = keyof typeof Permission;

export const ALL_PERMISSIONS: bigint = Object.values(Permission).reduce((a, b) => a | b, 0n);

export function has(permissions: bigint, flag: bigint): boolean {
  return (permissions & flag) === flag;
}

/** Names of the flags set in a bitfield, for the UI and for error messages. */
export function permissionNames(permissions: bigint): PermissionName[] {
  return (Object.keys(Permission) as PermissionName[]).filter((k) => has(permissions, Permission[k]));
}

/** Defaults for the roles every new server gets. */
export const DefaultRolePermissions = {
  everyone:
    Permission.ViewChannel |
    Permission.SendMessages |
    Permission.ReadMessageHistory |
    Permission.AddReactions |
    Permission.EmbedLinks |
    Permission.AttachFiles |
    Permission.CreateInvite |
    Permission.ChangeNickname |
    Permission.Connect |
    Permission.Speak |
    Permission.Video,
  moderator:
    Permission.KickMembers |
    Permission.ModerateMembers |
    Permission.ManageMessages |
    Permission.MentionEveryone |
    Permission.MuteMembers |
    Permission.DeafenMembers |
    Permission.MoveMembers |
    Permission.ManageNicknames |
    Permission.ViewAuditLog,
  admin: Permission.Administrator,
} as const;
