/** What the browser offers follows the shared hierarchy rule, the one the server refuses with. */
import { describe, expect, it } from "vitest";
import type { Member, Role, ServerDetail } from "@/shared/api";
import { OWNER_POSITION, mayManageRole, outranks, type Standing } from "@/shared/hierarchy";
import { Permission } from "@/shared/permissions";
import { accessFor, highestPosition } from "./use-access";

const serverId = "1";
const roles: Role[] = [
  { id: serverId, serverId, name: "@everyone", color: 0, position: 0, permissions: "0", hoist: false, mentionable: false },
  { id: "3", serverId, name: "Helpers", color: 0, position: 3, permissions: "0", hoist: false, mentionable: false },
  { id: "7", serverId, name: "Mods", color: 0, position: 7, permissions: "0", hoist: false, mentionable: false },
];
const member = (id: string, roleIds: string[]): Member => ({
  serverId,
  user: { id, name: id, image: null },
  nickname: null,
  roleIds,
  joinedAt: "",
  timeoutUntil: null,
});
const people = [member("owner", []), member("a", []), member("b", ["3"]), member("c", ["3"]), member("d", ["3", "7"])];
const server = (me: Member): ServerDetail => ({
  id: serverId,
  name: "S",
  icon: null,
  ownerId: "owner",
  systemChannelId: null,
  createdAt: "",
  memberCount: people.length,
  permissions: Permission.ManageRoles.toString(),
  highestRolePosition: highestPosition(me, roles, "owner"),
});
const standing = (m: Member): Standing => ({ isOwner: m.user.id === "owner", highestPosition: highestPosition(m, roles, "owner") });

describe("access in the browser", () => {
  it("stands a member at their highest role, the owner above all", () => {
    expect(people.map((m) => highestPosition(m, roles, "owner"))).toEqual([OWNER_POSITION, 0, 3, 3, 7]);
  });

  it("offers member actions exactly where the shared rule allows them, never on oneself", () => {
    for (const me of people) {
      const access = accessFor(server(me), roles, me.user.id);
      for (const target of people) {
        const expected = me !== target && outranks(standing(me), standing(target));
        expect(access.outranks(target), `${me.user.id} on ${target.user.id}`).toBe(expected);
      }
    }
  });

  it("offers role edits and assignments exactly where the shared rule allows them", () => {
    for (const me of people) {
      const access = accessFor(server(me), roles, me.user.id);
      for (const role of roles) {
        expect(access.canEditRole(role), `${me.user.id} edits ${role.name}`).toBe(mayManageRole(standing(me), role.position));
        expect(access.canAssignRole(role), `${me.user.id} assigns ${role.name}`).toBe(
          role.id !== serverId && mayManageRole(standing(me), role.position),
        );
      }
    }
  });

  it("offers nothing before the server has loaded", () => {
    const access = accessFor(undefined, undefined, "a");
    expect(access.outranks(member("b", []))).toBe(false);
    expect(access.canEditRole(roles[0]!)).toBe(false);
  });
});
