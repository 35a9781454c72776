/** Live counts stop where the server's count query stops, and the badge says so. */
import { beforeEach, describe, expect, it } from "vitest";
import { limits } from "@/shared/limits";
import { badgeText, useReadStateStore } from "./read-state";

describe("unread cap", () => {
  beforeEach(() => useReadStateStore.setState({ loaded: false, reads: {} }));

  it("counts live messages up to the server's cap, mentions too", () => {
    const cap = limits.unreadCountMax;
    useReadStateStore.getState().load([{ channelId: "1", lastReadId: "10", unreadCount: cap - 1, mentionCount: cap - 1 }]);
    for (const id of ["11", "12", "13"]) useReadStateStore.getState().messageArrived("1", id, { mine: false, mentionsMe: true });
    expect(useReadStateStore.getState().reads["1"]).toMatchObject({ unreadCount: cap, mentionCount: cap });
  });

  it("reads exact below the cap and 99+ from it", () => {
    expect(badgeText(limits.unreadCountMax - 1)).toBe("99");
    expect(badgeText(limits.unreadCountMax)).toBe("99+");
    expect(limits.unreadCountMax).toBe(100);
  });
});
