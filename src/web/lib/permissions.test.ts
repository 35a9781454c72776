import { describe, expect, it } from "vitest";
import { Permission } from "@/shared/permissions";
import { isPrivateChannel } from "./permissions";
import { channelPermissionGroupsFor } from "./permission-labels";

describe("isPrivateChannel", () => {
  const base = { serverId: "1" };
  it("is private when everyone is denied View Channel, and only then", () => {
    expect(isPrivateChannel({ ...base, overwrites: [{ id: "1", deny: Permission.ViewChannel.toString() }] })).toBe(true);
    expect(isPrivateChannel({ ...base, overwrites: [{ id: "1", deny: Permission.SendMessages.toString() }] })).toBe(false);
    expect(isPrivateChannel({ ...base, overwrites: [{ id: "5", deny: Permission.ViewChannel.toString() }] })).toBe(false);
    expect(isPrivateChannel({ ...base, overwrites: [] })).toBe(false);
    expect(isPrivateChannel({ serverId: null, overwrites: [] })).toBe(false);
  });
});

describe("channelPermissionGroupsFor", () => {
  const names = (type: Parameters<typeof channelPermissionGroupsFor>[0]) =>
    channelPermissionGroupsFor(type).flatMap((g) => g.flags.map((f) => f.name));
  it("lists text permissions for a text channel, voice ones for voice and video, all for a category", () => {
    expect(names("text")).toContain("SendMessages");
    expect(names("text")).not.toContain("Connect");
    expect(names("text")).not.toContain("Speak");
    expect(names("audio")).toContain("Connect");
    expect(names("video")).toContain("Video");
    expect(names("audio")).not.toContain("SendMessages");
    expect(names("audio")).toContain("ViewChannel");
    expect(names("category")).toEqual(expect.arrayContaining(["SendMessages", "Connect", "ViewChannel"]));
    expect(names("text")).not.toContain("Administrator");
  });
});
