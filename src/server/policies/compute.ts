/**
 * Discord's permission algorithm, pure: no database, no I/O. The loaders in this folder
 * gather the inputs; everything that decides access goes through these two functions.
 */
import { ALL_PERMISSIONS, Permission } from "@/shared/permissions";

export interface Overwrite {
  allow: bigint;
  deny: bigint;
}

export interface MemberPermissionInput {
  userId: string;
  ownerId: string;
  /** The everyone role's permissions. */
  everyone: bigint;
  /** Permissions of each of the member's other roles. */
  roles: bigint[];
  timedOut: boolean;
}

export interface ChannelOverwrites {
  everyone?: Overwrite;
  /** Overwrites of the member's roles that exist on the channel. */
  roles: Overwrite[];
  member?: Overwrite;
}

/** What a timed-out member keeps. */
const TIMEOUT_ALLOWED = Permission.ViewChannel | Permission.ReadMessageHistory;

/** Sending is the gate for what only makes sense with a message. */
const NEEDS_SEND = Permission.MentionEveryone | Permission.AttachFiles | Permission.EmbedLinks;

/**
 * Picks, from all of a channel's overwrites, the ones that apply to one member: the
 * everyone role's (its id is the server's), their roles', and their own.
 */
export function overwritesForMember<O extends Overwrite & { roleId: bigint | null; userId: string | null }>(
  rows: O[],
  member: { serverId: bigint; roleIds: readonly bigint[]; userId: string },
): ChannelOverwrites {
  const result: ChannelOverwrites = { roles: [] };
  for (const o of rows) {
    if (o.roleId === member.serverId) result.everyone = o;
    else if (o.roleId !== null && member.roleIds.includes(o.roleId)) result.roles.push(o);
    else if (o.userId === member.userId) result.member = o;
  }
  return result;
}

export function computeBasePermissions(input: MemberPermissionInput): bigint {
  if (input.userId === input.ownerId) return ALL_PERMISSIONS;
  let permissions = input.everyone;
  for (const role of input.roles) permissions |= role;
  if (permissions & Permission.Administrator) return ALL_PERMISSIONS;
  if (input.timedOut) permissions &= TIMEOUT_ALLOWED;
  return permissions & ALL_PERMISSIONS; // unknown bits in stored fields mean nothing
}

export function computeChannelPermissions(
  base: bigint,
  overwrites: ChannelOverwrites,
  timedOut: boolean,
): bigint {
  if (base & Permission.Administrator) return ALL_PERMISSIONS;
  let permissions = base;
  if (overwrites.everyone) {
    permissions &= ~overwrites.everyone.deny;
    permissions |= overwrites.everyone.allow;
  }
  let allow = 0n;
  let deny = 0n;
  for (const o of overwrites.roles) {
    allow |= o.allow;
    deny |= o.deny;
  }
  permissions &= ~deny;
  permissions |= allow;
  if (overwrites.member) {
    permissions &= ~overwrites.member.deny;
    permissions |= overwrites.member.allow;
  }
  if (timedOut) permissions &= TIMEOUT_ALLOWED;
  if (!(permissions & Permission.ViewChannel)) return 0n;
  if (!(permissions & Permission.SendMessages)) permissions &= ~NEEDS_SEND;
  return permissions & ALL_PERMISSIONS;
}
