/** The server refuses exactly what the shared hierarchy rule (also the browser's) forbids. */
import { describe, expect, it } from "vitest";
import { OWNER_POSITION, mayManageRole, outranks } from "@/shared/hierarchy";
import { AppError } from "../errors";
import { type ServerAccess, requireAbove, requireRoleBelow } from "./access";

const ownerId = "owner";
const access = (userId: string, highestPosition: number): ServerAccess => ({
  serverId: 1n,
  ownerId,
  userId,
  roleIds: [1n],
  timedOut: false,
  permissions: 0n,
  highestPosition,
});
const people = [access(ownerId, OWNER_POSITION), access("a", 0), access("b", 3), access("c", 3), access("d", 7)];
const standing = (a: ServerAccess) => ({ isOwner: a.userId === a.ownerId, highestPosition: a.highestPosition });

function refusal(run: () => void): string | null {
  try {
    run();
    return null;
  } catch (error) {
    return error instanceof AppError ? `${error.status} ${error.code}` : String(error);
  }
}

describe("hierarchy checks", () => {
  it("requireAbove refuses with ROLE_HIERARCHY exactly where the shared rule says no", () => {
    for (const actor of people) {
      for (const target of people) {
        const expected = outranks(standing(actor), standing(target)) ? null : "403 ROLE_HIERARCHY";
        expect(refusal(() => requireAbove(actor, target)), `${actor.userId} on ${target.userId}`).toBe(expected);
      }
    }
  });

  it("requireRoleBelow refuses with ROLE_HIERARCHY exactly where the shared rule says no", () => {
    for (const actor of people) {
      for (const position of [0, 1, 3, 7, 8, 1000]) {
        const expected = mayManageRole(standing(actor), position) ? null : "403 ROLE_HIERARCHY";
        expect(refusal(() => requireRoleBelow(actor, position)), `${actor.userId}, role at ${position}`).toBe(expected);
      }
    }
  });

  it("keeps the rules moderation relies on", () => {
    const [owner, a, b, c, d] = people as [ServerAccess, ServerAccess, ServerAccess, ServerAccess, ServerAccess];
    expect(refusal(() => requireAbove(owner, d))).toBeNull();
    expect(refusal(() => requireAbove(d, owner))).toBe("403 ROLE_HIERARCHY");
    expect(refusal(() => requireAbove(b, c))).toBe("403 ROLE_HIERARCHY");
    expect(refusal(() => requireAbove(b, a))).toBeNull();
    expect(refusal(() => requireRoleBelow(d, 7))).toBe("403 ROLE_HIERARCHY");
    expect(refusal(() => requireRoleBelow(d, 6))).toBeNull();
  });
});
