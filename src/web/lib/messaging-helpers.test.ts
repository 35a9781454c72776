import { describe, expect, it } from "vitest";
import { emojiSchema } from "@/shared/api";
import { channelUnread, badgeText, useReadStateStore } from "../stores/read-state";
import { typingText } from "../stores/typing";
import { emojiList, searchEmoji } from "./emoji";
import { splitHighlights } from "./highlight-text";
import { rankSwitcher, type SwitcherItem } from "./quick-switcher";

describe("emoji", () => {
  it("holds only single emoji the server accepts, each once", () => {
    expect(emojiList.length).toBeGreaterThanOrEqual(1800);
    expect(new Set(emojiList.map((e) => e.emoji)).size).toBe(emojiList.length);
    for (const { emoji, skins } of emojiList) {
      for (const one of [emoji, ...(skins ?? [])]) expect(emojiSchema.safeParse(one).success, one).toBe(true);
    }
  });

  it("searches by name and keyword", () => {
    expect(searchEmoji("thumbsup")[0]?.emoji).toBe("👍");
    expect(searchEmoji("party").map((e) => e.emoji)).toContain("🎉");
    expect(searchEmoji(":heart")[0]?.emoji).toBe("❤️");
    expect(searchEmoji("zzzzqq")).toEqual([]);
  });
});

describe("typing text", () => {
  it("names one, two or three people, then gives up", () => {
    expect(typingText([])).toBe("");
    expect(typingText(["A"])).toBe("A is typing…");
    expect(typingText(["A", "B"])).toBe("A and B are typing…");
    expect(typingText(["A", "B", "C"])).toBe("A, B and C are typing…");
    expect(typingText(["A", "B", "C", "D"])).toBe("Several people are typing…");
  });
});

describe("read state", () => {
  it("counts live messages from others, never mine, and never moves a cursor back", () => {
    const store = useReadStateStore.getState();
    store.load([{ channelId: "1", lastReadId: "10", unreadCount: 0, mentionCount: 0, lastMessageId: "10" }]);
    store.messageArrived("1", "11", { mine: false, mentionsMe: true });
    store.messageArrived("1", "12", { mine: true, mentionsMe: false });
    expect(channelUnread("1", useReadStateStore.getState().reads)).toEqual({ unread: true, mentions: 1 });
    store.apply({ channelId: "1", lastReadId: "12", unreadCount: 0, mentionCount: 0 });
    store.apply({ channelId: "1", lastReadId: "11", unreadCount: 1, mentionCount: 1 });
    expect(channelUnread("1", useReadStateStore.getState().reads)).toEqual({ unread: false, mentions: 0 });
    expect(badgeText(100)).toBe("99+");
  });
});

describe("search highlights", () => {
  it("marks each reported substring, longest first", () => {
    expect(splitHighlights("Redeploy the deploy", ["deploy", "Redeploy"])).toEqual([
      { text: "Redeploy", hit: true },
      { text: " the ", hit: false },
      { text: "deploy", hit: true },
    ]);
    expect(splitHighlights("plain", [])).toEqual([{ text: "plain", hit: false }]);
  });
});

describe("quick switcher", () => {
  const items: SwitcherItem[] = [
    { kind: "server", id: "1", label: "General Store", href: "/s/1" },
    { kind: "channel", id: "2", label: "general", href: "/c/2" },
    { kind: "person", id: "3", label: "Gene", href: "/p/3" },
    { kind: "channel", id: "4", label: "off-topic", href: "/c/4" },
  ];
  it("ranks prefix matches first and honours # @ * filters", () => {
    expect(rankSwitcher(items, "gen").map((i) => i.id)).toEqual(["2", "3", "1"]);
    expect(rankSwitcher(items, "#top").map((i) => i.id)).toEqual(["4"]);
    expect(rankSwitcher(items, "@").map((i) => i.id)).toEqual(["3"]);
    expect(rankSwitcher(items, "*gen").map((i) => i.id)).toEqual(["1"]);
  });
});
