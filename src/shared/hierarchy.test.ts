import { describe, expect, it } from "vitest";
import { OWNER_POSITION, highestPosition, mayManageRole, outranks, type Standing } from "./hierarchy";

const owner: Standing = { isOwner: true, highestPosition: OWNER_POSITION };
const at = (position: number): Standing => ({ isOwner: false, highestPosition: position });

describe("role hierarchy", () => {
  it.each([
    ["the owner", true, [], OWNER_POSITION],
    ["the owner, whatever roles they hold", true, [3, 7], OWNER_POSITION],
    ["a member with the everyone role only", false, [0], 0],
    ["a member with no role listed", false, [], 0],
    ["a member: their highest role", false, [0, 3, 7, 2], 7],
  ] as Array<[string, boolean, number[], number]>)("stands %s", (_name, isOwner, positions, expected) => {
    expect(highestPosition(isOwner, positions)).toBe(expected);
  });

  it("puts the owner above any role a server can hold", () => {
    expect(OWNER_POSITION).toBeGreaterThan(10_000);
  });

  it.each([
    ["owner on a member", owner, at(5), true],
    ["owner on a member at the top role", owner, at(1000), true],
    ["owner on themselves (their own roles)", owner, owner, true],
    ["member on the owner", at(1000), owner, false],
    ["member above", at(5), at(4), true],
    ["member above someone with only the everyone role", at(1), at(0), true],
    ["member at the same position", at(5), at(5), false],
    ["member below", at(4), at(5), false],
    ["member with only the everyone role on another", at(0), at(0), false],
  ] as Array<[string, Standing, Standing, boolean]>)("%s: %s", (_name, actor, target, expected) => {
    expect(outranks(actor, target)).toBe(expected);
  });

  it.each([
    ["owner, any role", owner, 1000, true],
    ["owner, the everyone role", owner, 0, true],
    ["a role below mine", at(5), 4, true],
    ["the everyone role, below mine", at(5), 0, true],
    ["my own highest role", at(5), 5, false],
    ["a role above mine", at(5), 6, false],
    ["the everyone role when it is all I have", at(0), 0, false],
  ] as Array<[string, Standing, number, boolean]>)("manages %s: %s", (_name, actor, position, expected) => {
    expect(mayManageRole(actor, position)).toBe(expected);
  });
});
