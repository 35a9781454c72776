import { describe, expect, it } from "vitest";
import type { DmChannel } from "@/shared/api";
import { dmName, slotsLeft, sortDms, unreadDmCount } from "./dm-format";

const person = (id: string, name: string) => ({ id, name, image: null });
const dm = (over: Partial<DmChannel>): DmChannel => ({
  id: "1",
  type: "dm",
  name: null,
  icon: null,
  ownerId: null,
  recipients: [person("b", "Bea")],
  lastMessageId: null,
  ...over,
});

describe("dmName", () => {
  it("names a 1:1 after the other person", () => {
    expect(dmName(dm({}))).toBe("Bea");
  });
  it("uses a group's name, else its people", () => {
    const group = dm({ type: "group_dm", recipients: [person("b", "Bea"), person("c", "Cy")] });
    expect(dmName(group)).toBe("Bea, Cy");
    expect(dmName({ ...group, name: "Trip" })).toBe("Trip");
  });
});

describe("sortDms", () => {
  it("puts the newest message first, empty ones by their own id", () => {
    const list = [dm({ id: "10", lastMessageId: "50" }), dm({ id: "90" }), dm({ id: "20", lastMessageId: "100" })];
    expect(sortDms(list).map((d) => d.id)).toEqual(["20", "90", "10"]);
  });
  it("orders ids of different lengths as numbers", () => {
    const list = [dm({ id: "9", lastMessageId: "99" }), dm({ id: "8", lastMessageId: "100" })];
    expect(sortDms(list).map((d) => d.id)).toEqual(["8", "9"]);
  });
});

describe("unreadDmCount", () => {
  it("counts conversations, not messages", () => {
    const list = [dm({ id: "1" }), dm({ id: "2" }), dm({ id: "3" })];
    expect(unreadDmCount(list, { "1": { unreadCount: 5 }, "2": { unreadCount: 0 } })).toBe(1);
  });
});

describe("slotsLeft", () => {
  it("leaves room for nine others in a group of ten", () => {
    expect(slotsLeft(0, 10)).toBe(9);
    expect(slotsLeft(9, 10)).toBe(0);
    expect(slotsLeft(12, 10)).toBe(0);
  });
});
