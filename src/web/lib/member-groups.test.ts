import { describe, expect, it } from "vitest";
import type { Member, Role } from "@/shared/api";
import { groupMembers, topHoistedRole, topRole } from "./member-groups";

const role = (id: string, position: number, hoist: boolean): Role => ({
  id,
  serverId: "1",
  name: `role ${id}`,
  color: 0,
  position,
  permissions: "0",
  hoist,
  mentionable: false,
});
const roles = [role("1", 0, false), role("mods", 3, true), role("vip", 2, false), role("crew", 1, true)];
const member = (name: string, roleIds: string[] = []): Member => ({
  serverId: "1",
  user: { id: name, name, image: null },
  nickname: null,
  roleIds,
  joinedAt: "",
  timeoutUntil: null,
});

const shape = (groups: ReturnType<typeof groupMembers>) =>
  groups.map((g) => [g.offline ? "Offline" : (g.role?.id ?? "Online"), g.members.map((m) => m.user.name)]);

describe("member groups", () => {
  const people = [member("zed", ["vip"]), member("amy", ["mods", "vip"]), member("bob", ["crew"]), member("cat"), member("dan", ["vip", "crew"]), member("eve", ["mods"])];

  it("groups only by hoisted roles, highest first; others online together, offline last", () => {
    const online = new Set(["zed", "amy", "bob", "cat", "dan"]);
    expect(shape(groupMembers(people, roles, (m) => online.has(m.user.id)))).toEqual([
      ["mods", ["amy"]],
      ["crew", ["bob", "dan"]],
      ["Online", ["cat", "zed"]],
      ["Offline", ["eve"]],
    ]);
  });

  it("with no hoisted role, everyone online is one group", () => {
    const flat = roles.map((r) => ({ ...r, hoist: false }));
    expect(shape(groupMembers(people, flat, (m) => m.user.name !== "eve"))).toEqual([
      ["Online", ["amy", "bob", "cat", "dan", "zed"]],
      ["Offline", ["eve"]],
    ]);
  });

  it("before presences load nobody is offline", () => {
    expect(shape(groupMembers(people, roles))).toEqual([
      ["mods", ["amy", "eve"]],
      ["crew", ["bob", "dan"]],
      ["Online", ["cat", "zed"]],
    ]);
  });

  it("the name colour still comes from the highest role, hoisted or not", () => {
    const highFirst = [...roles].sort((a, b) => b.position - a.position);
    expect(topRole(member("x", ["vip", "crew"]), highFirst)?.id).toBe("vip");
    expect(topHoistedRole(member("x", ["vip", "crew"]), highFirst)?.id).toBe("crew");
    expect(topHoistedRole(member("x", ["vip"]), highFirst)).toBeUndefined();
  });
});
