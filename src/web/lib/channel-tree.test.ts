import { describe, expect, it } from "vitest";
import type { Channel } from "@/shared/api";
import { applyMoves, groupChannels, planDrop } from "./channel-tree";

function channel(id: string, position: number, parentId: string | null = null, type: Channel["type"] = "text"): Channel {
  return { id, serverId: "1", parentId, name: `c${id}`, type, topic: null, position, overwrites: [], slowmodeSeconds: 0, lastMessageId: null };
}

const sample = [
  channel("10", 0),
  channel("11", 1),
  channel("20", 0, null, "category"),
  channel("21", 0, "20"),
  channel("22", 1, "20"),
  channel("30", 1, null, "category"),
  channel("31", 0, "99"),
];

describe("groupChannels", () => {
  it("puts loose channels first, then categories by position with their children", () => {
    const groups = groupChannels(sample);
    expect(groups.map((g) => [g.category?.id ?? null, g.channels.map((c) => c.id)])).toEqual([
      [null, ["10", "31", "11"]],
      ["20", ["21", "22"]],
      ["30", []],
    ]);
  });

  it("puts text channels above voice and video ones in a category, each kind by position", () => {
    const list = [
      channel("20", 0, null, "category"),
      channel("21", 0, "20", "audio"),
      channel("22", 1, "20"),
      channel("23", 2, "20", "video"),
      channel("24", 3, "20"),
      channel("25", 1, null, "audio"),
      channel("26", 2, null),
    ];
    expect(groupChannels(list).map((g) => g.channels.map((c) => c.id))).toEqual([
      ["26", "25"],
      ["22", "24", "21", "23"],
    ]);
  });
});

describe("planDrop", () => {
  it("reorders within a group", () => {
    expect(planDrop(sample, "22", { parentId: "20", beforeId: "21" })).toEqual([
      { id: "22", position: 0, parentId: "20" },
      { id: "21", position: 1, parentId: "20" },
    ]);
  });

  it("moves a channel into another category and renumbers the one it left", () => {
    const moves = planDrop(sample, "21", { parentId: "30" });
    expect(moves).toEqual([
      { id: "22", position: 0, parentId: "20" },
      { id: "21", position: 0, parentId: "30" },
    ]);
    const grouped = groupChannels(applyMoves(sample, moves));
    expect(grouped[2]?.channels.map((c) => c.id)).toEqual(["21"]);
  });

  it("does nothing when dropped where it already is", () => {
    expect(planDrop(sample, "11", { parentId: null })).toEqual([]);
    expect(planDrop(sample, "21", { parentId: "20", beforeId: "21" })).toEqual([]);
  });

  it("reorders categories among themselves", () => {
    expect(planDrop(sample, "30", { parentId: "20" })).toEqual([
      { id: "30", position: 0, parentId: null },
      { id: "20", position: 1, parentId: null },
    ]);
  });
});
