import { describe, expect, it } from "vitest";
import { ALL_PERMISSIONS, DefaultRolePermissions, Permission as P } from "@/shared/permissions";
import { computeBasePermissions, computeChannelPermissions } from "./compute";

const member = (over: Partial<Parameters<typeof computeBasePermissions>[0]> = {}) =>
  computeBasePermissions({
    userId: "u",
    ownerId: "owner",
    everyone: DefaultRolePermissions.everyone,
    roles: [],
    timedOut: false,
    ...over,
  });

describe("base permissions", () => {
  it("gives the owner everything", () => {
    expect(member({ userId: "owner", everyone: 0n })).toBe(ALL_PERMISSIONS);
  });
  it("ORs roles over the everyone role", () => {
    expect(member({ everyone: P.ViewChannel, roles: [P.KickMembers] })).toBe(P.ViewChannel | P.KickMembers);
  });
  it("short-circuits Administrator", () => {
    expect(member({ everyone: 0n, roles: [P.Administrator] })).toBe(ALL_PERMISSIONS);
  });
  it("leaves a timed-out member only view and read", () => {
    expect(member({ timedOut: true })).toBe(P.ViewChannel | P.ReadMessageHistory);
  });
});

describe("channel permissions", () => {
  const base = DefaultRolePermissions.everyone;
  it("applies everyone, then roles (deny then allow), then the member", () => {
    const hidden = computeChannelPermissions(base, { everyone: { allow: 0n, deny: P.ViewChannel }, roles: [] }, false);
    expect(hidden).toBe(0n);
    const roleAllowed = computeChannelPermissions(
      base,
      {
        everyone: { allow: 0n, deny: P.ViewChannel },
        roles: [
          { allow: P.ViewChannel, deny: 0n },
          { allow: 0n, deny: P.ViewChannel },
        ],
      },
      false,
    );
    expect(roleAllowed & P.ViewChannel).toBe(P.ViewChannel); // a role allow beats a role deny
    const memberDenied = computeChannelPermissions(
      base,
      { roles: [{ allow: P.ViewChannel, deny: 0n }], member: { allow: 0n, deny: P.SendMessages } },
      false,
    );
    expect(memberDenied & P.SendMessages).toBe(0n);
    expect(memberDenied & P.AttachFiles).toBe(0n); // no send, no attachments
  });
  it("cannot be narrowed for administrators", () => {
    expect(computeChannelPermissions(ALL_PERMISSIONS, { everyone: { allow: 0n, deny: ALL_PERMISSIONS }, roles: [] }, false)).toBe(
      ALL_PERMISSIONS,
    );
  });
  it("keeps a timed-out member to view and read even when an overwrite allows more", () => {
    expect(computeChannelPermissions(base, { roles: [], member: { allow: P.SendMessages, deny: 0n } }, true)).toBe(
      P.ViewChannel | P.ReadMessageHistory,
    );
  });
});
