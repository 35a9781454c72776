import { describe, expect, it } from "vitest";
import type { Channel } from "@/shared/api";
import { adjacentStop, textChannelOrder, type NavStop } from "./channel-navigation";

const stops = (spec: string): NavStop[] => spec.split(" ").map((s) => ({ id: s.replace("*", ""), unread: s.endsWith("*") }));

describe("adjacentStop", () => {
  const list = stops("a b* c d* e");

  it("steps to the next and previous stop, wrapping around the ends", () => {
    expect(adjacentStop(list, "b", 1)).toBe("c");
    expect(adjacentStop(list, "b", -1)).toBe("a");
    expect(adjacentStop(list, "e", 1)).toBe("a");
    expect(adjacentStop(list, "a", -1)).toBe("e");
  });

  it("starts at the top going down and at the bottom going up when nothing in the list is open", () => {
    expect(adjacentStop(list, undefined, 1)).toBe("a");
    expect(adjacentStop(list, "elsewhere", -1)).toBe("e");
  });

  it("skips to the nearest unread stop in the direction, wrapping", () => {
    expect(adjacentStop(list, "a", 1, true)).toBe("b");
    expect(adjacentStop(list, "b", 1, true)).toBe("d");
    expect(adjacentStop(list, "d", 1, true)).toBe("b");
    expect(adjacentStop(list, "c", -1, true)).toBe("b");
    expect(adjacentStop(list, "a", -1, true)).toBe("d");
  });

  it("never lands on the open stop, and has nowhere to go when nothing else is unread", () => {
    expect(adjacentStop(stops("a b* c"), "b", 1, true)).toBeUndefined();
    expect(adjacentStop(stops("a b c"), "a", -1, true)).toBeUndefined();
    expect(adjacentStop(stops("a"), "a", 1)).toBeUndefined();
    expect(adjacentStop([], undefined, 1)).toBeUndefined();
  });
});

describe("textChannelOrder", () => {
  const channel = (id: string, type: Channel["type"], position: number, parentId: string | null = null) =>
    ({ id, type, position, parentId, name: id, serverId: "s" }) as Channel;

  it("follows the sidebar: loose channels first, then each category's, text channels only", () => {
    const channels = [
      channel("cat2", "category", 2),
      channel("cat1", "category", 1),
      channel("t4", "text", 0, "cat2"),
      channel("v1", "audio", 0, "cat1"),
      channel("t3", "text", 1, "cat1"),
      channel("t2", "text", 1),
      channel("t1", "text", 0),
    ];
    expect(textChannelOrder(channels).map((c) => c.id)).toEqual(["t1", "t2", "t3", "t4"]);
  });
});
