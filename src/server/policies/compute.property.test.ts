/**
 * compute.ts against an independent reference model (reference-model.ts) on random
 * servers. The two are written differently on purpose (bitwise vs. flag by flag, inputs
 * pre-digested vs. a whole server), so agreement on many random servers is evidence that
 * compute.ts follows Discord's algorithm rather than a shared misreading.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ALL_PERMISSIONS, Permission as P, type PermissionName, permissionNames } from "@/shared/permissions";
import { type ChannelOverwrites, computeBasePermissions, computeChannelPermissions } from "./compute";
import {
  type RefChannel,
  type RefMember,
  type RefOverwrite,
  type RefRole,
  type RefServer,
  referenceBasePermissions,
  referenceChannelPermissions,
} from "./reference-model";

const SERVER_ID = "s1";
/** The slots the generator fills; a smaller server simply leaves the tail unused. */
const MAX_OTHER_ROLES = 7;
const MAX_MEMBERS = 6;
const FLAG_VALUES = Object.values(P);

// ---------------------------------------------------------------------------------------
// The code under test, fed the way src/server/policies/access.ts feeds it.

/** The shape of a channel_overwrites row, which targets a role or a user. */
interface OverwriteRow {
  roleId: string | null;
  userId: string | null;
  allow: bigint;
  deny: bigint;
}

function toRow(o: RefOverwrite): OverwriteRow {
  return { roleId: o.type === "role" ? o.id : null, userId: o.type === "member" ? o.id : null, allow: o.allow, deny: o.deny };
}

function roleById(server: RefServer, id: string): RefRole {
  const role = server.roles.find((r) => r.id === id);
  if (!role) throw new Error(`generator bug: no role ${id}`);
  return role;
}

/** Mirrors loadServerAccess: the everyone role apart, the member's other roles as a list. */
function productBase(server: RefServer, member: RefMember): bigint {
  return computeBasePermissions({
    userId: member.userId,
    ownerId: server.ownerId,
    everyone: roleById(server, server.id).permissions,
    roles: member.roleIds.map((id) => roleById(server, id).permissions),
    timedOut: member.timedOut,
  });
}

/** Mirrors overwritesFor, including roleIds carrying the everyone role's id. */
function productOverwrites(server: RefServer, member: RefMember, channel: RefChannel): ChannelOverwrites {
  const roleIds = [server.id, ...member.roleIds];
  const result: ChannelOverwrites = { roles: [] };
  for (const o of channel.overwrites.map(toRow)) {
    if (o.roleId === server.id) result.everyone = o;
    else if (o.roleId !== null && roleIds.includes(o.roleId)) result.roles.push(o);
    else if (o.userId === member.userId) result.member = o;
  }
  return result;
}

function productChannel(server: RefServer, member: RefMember, channel: RefChannel): bigint {
  return computeChannelPermissions(productBase(server, member), productOverwrites(server, member, channel), member.timedOut);
}

/** Every disagreement for one server, worded so a failure report explains itself. */
function mismatches(server: RefServer): string[] {
  const found: string[] = [];
  const describeDiff = (where: string, actual: bigint, expected: bigint) => {
    if (actual === expected) return;
    const extra = permissionNames(actual & ~expected).join(",") || "-";
    const missing = permissionNames(expected & ~actual).join(",") || "-";
    found.push(`${where}: compute=${actual} reference=${expected}; compute grants extra [${extra}], lacks [${missing}]`);
  };
  for (const member of server.members) {
    describeDiff(`base of ${member.userId}`, productBase(server, member), referenceBasePermissions(server, member.userId));
    for (const channel of server.channels) {
      describeDiff(
        `${member.userId} in ${channel.id}`,
        productChannel(server, member, channel),
        referenceChannelPermissions(server, member.userId, channel.id),
      );
    }
  }
  return found;
}

// ---------------------------------------------------------------------------------------
// Generators. Plain uniform bitfields would almost always carry Administrator and almost
// never leave View Channel / Send Messages in an interesting state, so those three flags
// are drawn separately with chosen odds.

const orAll = (flags: bigint[]) => flags.reduce((a, b) => a | b, 0n);

const withFlag = (bits: bigint, flag: bigint, on: boolean) => (on ? bits | flag : bits & ~flag);

/** True with probability 1/(1+falseWeight). */
const rarely = (falseWeight: number) =>
  fc.oneof({ arbitrary: fc.constant(true), weight: 1 }, { arbitrary: fc.constant(false), weight: falseWeight });

/** Empty, sparse or dense sets of defined flags. */
const flagBits = fc.oneof(
  fc.constant(0n),
  fc.subarray(FLAG_VALUES, { maxLength: 4 }).map(orAll),
  fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }).map((b) => b & ALL_PERMISSIONS),
  fc.constant(ALL_PERMISSIONS),
);

/** Role permissions; Administrator stays rare so most members go through the overwrites. */
const rolePermissions = (adminFalseWeight: number) =>
  fc
    .record({ bits: flagBits, admin: rarely(adminFalseWeight), view: fc.boolean(), send: fc.boolean() })
    .map(({ bits, admin, view, send }) =>
      withFlag(withFlag(withFlag(bits, P.Administrator, admin), P.ViewChannel, view), P.SendMessages, send),
    );

type Tri = "none" | "allow" | "deny" | "both";
const tri = fc.constantFrom<Tri>("none", "allow", "deny", "both");

const overwriteSides = (allow: bigint, deny: bigint, flag: bigint, state: Tri) => ({
  allow: withFlag(allow, flag, state === "allow" || state === "both"),
  deny: withFlag(deny, flag, state === "deny" || state === "both"),
});

/** Allow and deny drawn independently so they sometimes overlap, which tests deny-then-allow. */
const overwriteBits = fc
  .record({
    allow: fc.oneof(fc.constant(0n), fc.subarray(FLAG_VALUES, { maxLength: 4 }).map(orAll), flagBits),
    deny: fc.oneof(fc.constant(0n), fc.subarray(FLAG_VALUES, { maxLength: 4 }).map(orAll), flagBits),
    view: tri,
    send: tri,
  })
  .map(({ allow, deny, view, send }) => {
    const v = overwriteSides(allow, deny, P.ViewChannel, view);
    return overwriteSides(v.allow, v.deny, P.SendMessages, send);
  });

const optionalOverwrite = fc.option(overwriteBits, { freq: 2 });

const channelSlots = fc.record({
  everyone: fc.option(overwriteBits, { freq: 3 }),
  roles: fc.array(optionalOverwrite, { minLength: MAX_OTHER_ROLES, maxLength: MAX_OTHER_ROLES }),
  members: fc.array(optionalOverwrite, { minLength: MAX_MEMBERS, maxLength: MAX_MEMBERS }),
});

const memberSlot = fc.record({
  holds: fc.array(fc.boolean(), { minLength: MAX_OTHER_ROLES, maxLength: MAX_OTHER_ROLES }),
  timedOut: rarely(3),
});

type Bits = { allow: bigint; deny: bigint };

const serverArb: fc.Arbitrary<RefServer> = fc
  .record({
    everyone: rolePermissions(19),
    otherRoles: fc.array(rolePermissions(7), { maxLength: MAX_OTHER_ROLES }),
    members: fc.array(memberSlot, { minLength: 1, maxLength: MAX_MEMBERS }),
    // Slots past the member list make the owner someone who is not in the sample.
    ownerSlot: fc.nat({ max: MAX_MEMBERS + 3 }),
    channels: fc.array(channelSlots, { minLength: 1, maxLength: 4 }),
  })
  .map(({ everyone, otherRoles, members, ownerSlot, channels }) => {
    const roles: RefRole[] = [
      { id: SERVER_ID, permissions: everyone },
      ...otherRoles.map((permissions, i) => ({ id: `r${i}`, permissions })),
    ];
    const refMembers: RefMember[] = members.map((m, i) => ({
      userId: `u${i}`,
      roleIds: otherRoles.map((_, r) => `r${r}`).filter((_, r) => m.holds[r] === true),
      timedOut: m.timedOut,
    }));
    const overwrite = (type: RefOverwrite["type"], id: string, bits: Bits): RefOverwrite => ({ type, id, ...bits });
    const refChannels: RefChannel[] = channels.map((c, i) => {
      const overwrites: RefOverwrite[] = [];
      if (c.everyone) overwrites.push(overwrite("role", SERVER_ID, c.everyone));
      otherRoles.forEach((_, r) => {
        const bits = c.roles[r];
        if (bits) overwrites.push(overwrite("role", `r${r}`, bits));
      });
      refMembers.forEach((m, u) => {
        const bits = c.members[u];
        if (bits) overwrites.push(overwrite("member", m.userId, bits));
      });
      return { id: `c${i}`, overwrites };
    });
    return {
      id: SERVER_ID,
      ownerId: ownerSlot < refMembers.length ? `u${ownerSlot}` : "outsider",
      roles,
      members: refMembers,
      channels: refChannels,
    };
  });

// ---------------------------------------------------------------------------------------

describe("compute.ts agrees with the reference model", () => {
  it("on 10,000 random servers, for every member's base and every member x channel", () => {
    fc.assert(
      fc.property(serverArb, (server) => {
        const found = mismatches(server);
        if (found.length > 0) throw new Error(`compute.ts and the reference model disagree:\n${found.join("\n")}`);
      }),
      // The report then names the member, channel and flags next to the shrunk server.
      { numRuns: 10_000, includeErrorInReport: true },
    );
  });

  it("ignores bits outside the Permission table when deciding the defined flags", () => {
    // The database could hold bits from a future or foreign version; they must not change
    // any decision about the flags that exist. (compute.ts passes them through; only the
    // defined flags are compared.)
    const stray = (1n << 12n) | (1n << 63n) | (1n << 41n);
    fc.assert(
      fc.property(serverArb, fc.boolean(), (server, inOverwrites) => {
        const dirty: RefServer = {
          ...server,
          roles: server.roles.map((r) => ({ ...r, permissions: r.permissions | stray })),
          channels: inOverwrites
            ? server.channels.map((c) => ({
                ...c,
                overwrites: c.overwrites.map((o) => ({ ...o, allow: o.allow | stray, deny: o.deny | stray })),
              }))
            : server.channels,
        };
        for (const member of dirty.members) {
          expect(productBase(dirty, member) & ALL_PERMISSIONS, `base of ${member.userId}`).toBe(
            referenceBasePermissions(server, member.userId),
          );
          for (const channel of dirty.channels) {
            expect(productChannel(dirty, member, channel) & ALL_PERMISSIONS, `${member.userId} in ${channel.id}`).toBe(
              referenceChannelPermissions(server, member.userId, channel.id),
            );
          }
        }
      }),
      { numRuns: 1_000, includeErrorInReport: true },
    );
  });
});

// ---------------------------------------------------------------------------------------
// Worked examples from Discord's permissions documentation, checked against both models so
// the reference model itself is anchored to the text, not only to compute.ts.

const flags = (...names: PermissionName[]) => orAll(names.map((n) => P[n]));

/** A one-channel server around the member "u0" with the given roles and overwrites. */
function example(opts: {
  everyone: bigint;
  roles?: bigint[];
  overwrites?: RefOverwrite[];
  owner?: boolean;
  timedOut?: boolean;
}): RefServer {
  const roles = opts.roles ?? [];
  return {
    id: SERVER_ID,
    ownerId: opts.owner ? "u0" : "someone-else",
    roles: [{ id: SERVER_ID, permissions: opts.everyone }, ...roles.map((permissions, i) => ({ id: `r${i}`, permissions }))],
    members: [{ userId: "u0", roleIds: roles.map((_, i) => `r${i}`), timedOut: opts.timedOut ?? false }],
    channels: [{ id: "c0", overwrites: opts.overwrites ?? [] }],
  };
}

function bothModels(server: RefServer): { product: bigint; reference: bigint } {
  const member = server.members[0];
  const channel = server.channels[0];
  if (!member || !channel) throw new Error("example needs a member and a channel");
  return {
    product: productChannel(server, member, channel),
    reference: referenceChannelPermissions(server, member.userId, channel.id),
  };
}

const everyoneRole = (allow: bigint, deny: bigint): RefOverwrite => ({ type: "role", id: SERVER_ID, allow, deny });
const roleOverwrite = (index: number, allow: bigint, deny: bigint): RefOverwrite => ({ type: "role", id: `r${index}`, allow, deny });
const memberOverwrite = (allow: bigint, deny: bigint): RefOverwrite => ({ type: "member", id: "u0", allow, deny });

const chat = flags("ViewChannel", "SendMessages", "ReadMessageHistory", "EmbedLinks", "AttachFiles", "MentionEveryone");

describe("Discord's documented examples, in both models", () => {
  const cases: Array<{ name: string; server: RefServer; expected: bigint }> = [
    {
      // "Implicit Permissions": denied View Channel, a Send Messages allow means nothing.
      name: "hidden channel grants nothing, even an allowed Send Messages",
      server: example({ everyone: chat, overwrites: [everyoneRole(P.SendMessages, P.ViewChannel)] }),
      expected: 0n,
    },
    {
      // "Implicit Permissions": without Send Messages, mention/attach/embed go too.
      name: "denied Send Messages also removes Mention Everyone, Attach Files, Embed Links",
      server: example({ everyone: chat, overwrites: [everyoneRole(0n, P.SendMessages)] }),
      expected: flags("ViewChannel", "ReadMessageHistory"),
    },
    {
      // "Permission Overwrites" steps 5-6: role denies are applied before role allows.
      name: "one role's allow beats another role's deny",
      server: example({
        everyone: 0n,
        roles: [0n, 0n],
        overwrites: [everyoneRole(0n, P.ViewChannel), roleOverwrite(0, 0n, P.ViewChannel), roleOverwrite(1, P.ViewChannel, 0n)],
      }),
      expected: P.ViewChannel,
    },
    {
      // Steps 7-8: the member's overwrite comes last and wins over the roles.
      name: "member overwrite denies what a role overwrite allows",
      server: example({
        everyone: P.ViewChannel,
        roles: [0n],
        overwrites: [roleOverwrite(0, P.SendMessages, 0n), memberOverwrite(0n, P.SendMessages)],
      }),
      expected: P.ViewChannel,
    },
    {
      // Steps 3-6: a role overwrite can re-open what the everyone overwrite closed.
      name: "a private channel opened to one role",
      server: example({
        everyone: flags("ViewChannel", "SendMessages"),
        roles: [P.KickMembers],
        overwrites: [everyoneRole(0n, P.ViewChannel), roleOverwrite(0, P.ViewChannel, 0n)],
      }),
      expected: flags("ViewChannel", "SendMessages", "KickMembers"),
    },
    {
      // compute_overwrites returns ALL for Administrator before looking at overwrites.
      name: "Administrator ignores overwrites",
      server: example({
        everyone: 0n,
        roles: [P.Administrator],
        overwrites: [everyoneRole(0n, ALL_PERMISSIONS), roleOverwrite(0, 0n, ALL_PERMISSIONS), memberOverwrite(0n, ALL_PERMISSIONS)],
      }),
      expected: ALL_PERMISSIONS,
    },
    {
      // compute_base_permissions returns ALL for the guild owner, first of all.
      name: "the owner has everything, even timed out and denied",
      server: example({ everyone: 0n, owner: true, timedOut: true, overwrites: [memberOverwrite(0n, ALL_PERMISSIONS)] }),
      expected: ALL_PERMISSIONS,
    },
    {
      // "Timed-out members ... lose all permissions except VIEW_CHANNEL and READ_MESSAGE_HISTORY".
      name: "a timed-out member keeps view and read, whatever the overwrites allow",
      server: example({
        everyone: chat | P.KickMembers,
        timedOut: true,
        overwrites: [memberOverwrite(ALL_PERMISSIONS & ~P.Administrator, 0n)],
      }),
      expected: flags("ViewChannel", "ReadMessageHistory"),
    },
  ];

  for (const c of cases) {
    it(c.name, () => {
      expect(bothModels(c.server)).toEqual({ product: c.expected, reference: c.expected });
    });
  }
});
