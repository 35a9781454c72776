import { describe, expect, it } from "vitest";
import { PresenceStore } from "./presence";

describe("PresenceStore", () => {
  it("is online while any device is active, idle when all are, offline when none", () => {
    const p = new PresenceStore();
    expect(p.connect("u", "a")).toBe("online");
    expect(p.connect("u", "b")).toBeNull();
    expect(p.setIdle("u", "a", true)).toBeNull(); // b still active
    expect(p.setIdle("u", "b", true)).toBe("idle");
    expect(p.setIdle("u", "a", false)).toBe("online");
    expect(p.disconnect("u", "a")).toBe("idle"); // only the idle device is left
    expect(p.disconnect("u", "b")).toBe("offline");
  });

  it("shows the chosen status on every device; invisible looks offline", () => {
    const p = new PresenceStore();
    p.connect("u", "a");
    expect(p.choose("u", "dnd")).toBe("dnd");
    expect(p.connect("u", "b")).toBeNull();
    expect(p.choose("u", "invisible")).toBe("offline");
    expect(p.statusOf("u")).toBe("offline");
    expect(p.choose("u", "online")).toBe("online");
    expect(p.statusOf("nobody")).toBe("offline");
  });
});
