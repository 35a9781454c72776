/**
 * A deliberately naive second implementation of the permission rules, used only as the
 * oracle of compute.property.test.ts. It is written from Discord's published algorithm
 * (discord.com/developers/docs/topics/permissions: "Permission Hierarchy", "Permission
 * Overwrites", "Implicit Permissions") and not from compute.ts: it models a whole server
 * and decides each flag of the Permission table on its own, as a yes/no, step by step.
 * Being slow and obvious is the point; if it and compute.ts ever disagree, one of them
 * misreads the rules. Do not use it in production code.
 */
import { Permission, type PermissionName } from "@/shared/permissions";

export interface RefRole {
  id: string;
  permissions: bigint;
}

export interface RefMember {
  userId: string;
  /** The member's roles other than the everyone role, which every member has implicitly. */
  roleIds: string[];
  timedOut: boolean;
}

/** Discord's overwrite object: a target (a role or a member), and what it allows and denies. */
export interface RefOverwrite {
  type: "role" | "member";
  id: string;
  allow: bigint;
  deny: bigint;
}

export interface RefChannel {
  id: string;
  overwrites: RefOverwrite[];
}

export interface RefServer {
  /** Also the id of the everyone role, as in Discord. */
  id: string;
  ownerId: string;
  /** Every role of the server, the everyone role included. */
  roles: RefRole[];
  members: RefMember[];
  channels: RefChannel[];
}

/** One decision per flag of the Permission table; other bits do not exist for this model. */
export type FlagDecisions = Record<PermissionName, boolean>;

const FLAG_NAMES = Object.keys(Permission) as PermissionName[];

/** Discord: a timed-out member temporarily loses everything but these two. */
const KEPT_WHEN_TIMED_OUT: readonly PermissionName[] = ["ViewChannel", "ReadMessageHistory"];

/** Discord: without Send Messages these are implicitly denied too (Send TTS has no flag here). */
const LOST_WITHOUT_SEND: readonly PermissionName[] = ["MentionEveryone", "AttachFiles", "EmbedLinks"];

/** Whether a bitfield carries one flag; flags are single bits, so any overlap means yes. */
function carries(bitfield: bigint, name: PermissionName): boolean {
  return (bitfield & Permission[name]) !== 0n;
}

function decideEveryFlag(value: boolean): FlagDecisions {
  const decisions = {} as FlagDecisions;
  for (const name of FLAG_NAMES) decisions[name] = value;
  return decisions;
}

/** Turns decisions back into a bitfield so they can be compared with compute.ts. */
export function toBitfield(decisions: FlagDecisions): bigint {
  let bitfield = 0n;
  for (const name of FLAG_NAMES) if (decisions[name]) bitfield += Permission[name];
  return bitfield;
}

function findMember(server: RefServer, userId: string): RefMember {
  const member = server.members.find((m) => m.userId === userId);
  if (!member) throw new Error(`reference model: ${userId} is not a member of ${server.id}`);
  return member;
}

function findRole(server: RefServer, roleId: string): RefRole {
  const role = server.roles.find((r) => r.id === roleId);
  if (!role) throw new Error(`reference model: role ${roleId} does not exist in ${server.id}`);
  return role;
}

/** Discord's compute_base_permissions, one flag at a time. */
export function referenceBaseDecisions(server: RefServer, userId: string): FlagDecisions {
  const member = findMember(server, userId);
  // The owner is above every rule, timeouts included.
  if (userId === server.ownerId) return decideEveryFlag(true);

  const heldRoles = [findRole(server, server.id), ...member.roleIds.map((id) => findRole(server, id))];
  const decisions = decideEveryFlag(false);
  for (const name of FLAG_NAMES) {
    // A flag is granted at server level when the everyone role or any of the member's roles grants it.
    for (const role of heldRoles) {
      if (carries(role.permissions, name)) decisions[name] = true;
    }
  }

  // Administrator grants everything and, like ownership, exempts from timeouts.
  if (decisions.Administrator) return decideEveryFlag(true);

  if (member.timedOut) {
    for (const name of FLAG_NAMES) {
      if (!KEPT_WHEN_TIMED_OUT.includes(name)) decisions[name] = false;
    }
  }
  return decisions;
}

export function referenceBasePermissions(server: RefServer, userId: string): bigint {
  return toBitfield(referenceBaseDecisions(server, userId));
}

/** Discord's compute_overwrites plus the implicit permissions, one flag at a time. */
export function referenceChannelDecisions(server: RefServer, userId: string, channelId: string): FlagDecisions {
  const member = findMember(server, userId);
  const channel = server.channels.find((c) => c.id === channelId);
  if (!channel) throw new Error(`reference model: channel ${channelId} does not exist in ${server.id}`);

  const base = referenceBaseDecisions(server, userId);
  // Overwrites cannot narrow an administrator (or the owner, who has Administrator too).
  if (base.Administrator) return decideEveryFlag(true);

  const everyoneOverwrite = channel.overwrites.find((o) => o.type === "role" && o.id === server.id);
  const roleOverwrites = channel.overwrites.filter(
    (o) => o.type === "role" && o.id !== server.id && member.roleIds.includes(o.id),
  );
  const memberOverwrite = channel.overwrites.find((o) => o.type === "member" && o.id === userId);

  const decisions = decideEveryFlag(false);
  for (const name of FLAG_NAMES) {
    let granted = base[name];

    // Steps 3-4 of Discord's list: the everyone overwrite, its deny before its allow.
    if (everyoneOverwrite) {
      if (carries(everyoneOverwrite.deny, name)) granted = false;
      if (carries(everyoneOverwrite.allow, name)) granted = true;
    }

    // Steps 5-6: the member's role overwrites act as one; any deny, then any allow, so
    // one role allowing beats another role denying.
    let someRoleDenies = false;
    let someRoleAllows = false;
    for (const overwrite of roleOverwrites) {
      if (carries(overwrite.deny, name)) someRoleDenies = true;
      if (carries(overwrite.allow, name)) someRoleAllows = true;
    }
    if (someRoleDenies) granted = false;
    if (someRoleAllows) granted = true;

    // Steps 7-8: the member's own overwrite has the last word.
    if (memberOverwrite) {
      if (carries(memberOverwrite.deny, name)) granted = false;
      if (carries(memberOverwrite.allow, name)) granted = true;
    }

    // An overwrite cannot lift a timeout either.
    if (member.timedOut && !KEPT_WHEN_TIMED_OUT.includes(name)) granted = false;

    decisions[name] = granted;
  }

  // Implicit permissions: a channel one cannot see grants nothing at all.
  if (!decisions.ViewChannel) return decideEveryFlag(false);
  if (!decisions.SendMessages) {
    for (const name of LOST_WITHOUT_SEND) decisions[name] = false;
  }
  return decisions;
}

export function referenceChannelPermissions(server: RefServer, userId: string, channelId: string): bigint {
  return toBitfield(referenceChannelDecisions(server, userId, channelId));
}
