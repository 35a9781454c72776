import type { ChannelType } from "@/shared/api";
import { Permission, type PermissionName } from "@/shared/permissions";

export interface PermissionInfo {
  name: PermissionName;
  label: string;
  hint: string;
}

export interface PermissionGroup {
  title: string;
  flags: PermissionInfo[];
}

/** Readable names for the role and overwrite editors, grouped as Discord groups them. */
export const permissionGroups: PermissionGroup[] = [
  {
    title: "General",
    flags: [
      { name: "ViewChannel", label: "View Channels", hint: "See channels and read their names." },
      { name: "ManageChannels", label: "Manage Channels", hint: "Create, edit, reorder and delete channels." },
      { name: "ManageRoles", label: "Manage Roles", hint: "Create and edit roles below their own, and assign them." },
      { name: "ManageServer", label: "Manage Server", hint: "Change the server's name and icon." },
      { name: "ViewAuditLog", label: "View Audit Log", hint: "Read the record of changes made in this server." },
      { name: "CreateInvite", label: "Create Invite", hint: "Invite new people to this server." },
      { name: "ChangeNickname", label: "Change Nickname", hint: "Change their own nickname." },
      { name: "ManageNicknames", label: "Manage Nicknames", hint: "Change other members' nicknames." },
    ],
  },
  {
    title: "Text",
    flags: [
      { name: "SendMessages", label: "Send Messages", hint: "Write in text channels." },
      { name: "ReadMessageHistory", label: "Read Message History", hint: "Read messages sent before they arrived." },
      { name: "EmbedLinks", label: "Embed Links", hint: "Show previews of the links they post." },
      { name: "AttachFiles", label: "Attach Files", hint: "Upload files and images." },
      { name: "AddReactions", label: "Add Reactions", hint: "Add new emoji reactions to messages." },
      { name: "MentionEveryone", label: "Mention @everyone", hint: "Notify everyone in a channel at once." },
      { name: "ManageMessages", label: "Manage Messages", hint: "Delete other people's messages." },
    ],
  },
  {
    title: "Voice",
    flags: [
      { name: "Connect", label: "Connect", hint: "Join voice and video channels." },
      { name: "Speak", label: "Speak", hint: "Talk in voice channels." },
      { name: "Video", label: "Video", hint: "Share their camera or screen." },
      { name: "PrioritySpeaker", label: "Priority Speaker", hint: "Be heard more easily when they talk." },
      { name: "MuteMembers", label: "Mute Members", hint: "Mute other people in voice channels." },
      { name: "DeafenMembers", label: "Deafen Members", hint: "Deafen other people in voice channels." },
      { name: "MoveMembers", label: "Move Members", hint: "Move people between voice channels." },
    ],
  },
  {
    title: "Moderation",
    flags: [
      { name: "KickMembers", label: "Kick Members", hint: "Remove people from the server; they may rejoin with an invite." },
      { name: "BanMembers", label: "Ban Members", hint: "Remove people for good; no invite lets them back." },
      { name: "ModerateMembers", label: "Timeout Members", hint: "Stop people from talking for a while." },
      {
        name: "Administrator",
        label: "Administrator",
        hint: "Every permission, and channel overwrites do not apply. Give it with care.",
      },
    ],
  },
];

/** Flags that mean something on a single channel (overwrites); server-only ones are left out. */
const serverOnly = new Set<PermissionName>([
  "Administrator",
  "ManageServer",
  "ViewAuditLog",
  "KickMembers",
  "BanMembers",
  "ModerateMembers",
  "ChangeNickname",
  "ManageNicknames",
]);

export const channelPermissionGroups: PermissionGroup[] = permissionGroups
  .map((group) => ({ ...group, flags: group.flags.filter((flag) => !serverOnly.has(flag.name)) }))
  .filter((group) => group.flags.length > 0);

/** The groups that apply to a channel of this type: text or voice ones (with General), all for a category. */
export function channelPermissionGroupsFor(type: ChannelType): PermissionGroup[] {
  if (type === "category") return channelPermissionGroups;
  const skip = type === "text" ? "Voice" : "Text";
  return channelPermissionGroups.filter((group) => group.title !== skip);
}

export function flagOf(name: PermissionName): bigint {
  return Permission[name];
}

export { bits } from "./permissions";
