import { describe, expect, it } from "vitest";
import type { NotificationSettings } from "@/shared/api/notifications";
import { attentionCount, countText, faviconText, mutedPlace, placeTitle, tabTitle } from "./tab-badge";
import { isUnread, prependItem, unreadInboxCount } from "./inbox";

const prefs = { serverDefault: "mentions" as const, hidePreviews: false, sound: true };
const none: NotificationSettings = { prefs, servers: [], channels: [] };
const now = Date.parse("2026-01-01T12:00:00Z");

describe("attention count", () => {
  const reads = {
    dm1: { unreadCount: 2, mentionCount: 0, lastReadId: "1" },
    c1: { unreadCount: 5, mentionCount: 1, lastReadId: "1" },
    c2: { unreadCount: 9, mentionCount: 0, lastReadId: "1" },
    c3: { unreadCount: 3, mentionCount: 2, lastReadId: "1" },
  };
  const channels = [
    { id: "c1", serverId: "s1" },
    { id: "c2", serverId: "s1" },
    { id: "c3", serverId: "s2" },
  ];

  it("adds mentions in channels and every unread message in conversations", () => {
    expect(attentionCount({ reads, dmIds: ["dm1"], channels, settings: none, now })).toBe(5);
  });

  it("leaves out a muted channel, a muted server and a muted conversation", () => {
    const settings: NotificationSettings = {
      prefs,
      servers: [{ serverId: "s2", level: null, muted: true, mutedUntil: null, suppressEveryone: false, suppressRoles: false }],
      channels: [{ channelId: "dm1", level: null, muted: true, mutedUntil: "2026-01-01T13:00:00Z" }],
    };
    expect(attentionCount({ reads, dmIds: ["dm1"], channels, settings, now })).toBe(1);
    expect(mutedPlace(settings, "c3", "s2", now)).toBe(true);
    expect(mutedPlace(settings, "c1", "s1", now)).toBe(false);
  });

  it("counts a place again once its mute has run out", () => {
    const settings: NotificationSettings = {
      prefs,
      servers: [],
      channels: [{ channelId: "dm1", level: null, muted: true, mutedUntil: "2026-01-01T11:59:00Z" }],
    };
    expect(attentionCount({ reads, dmIds: ["dm1"], channels, settings, now })).toBe(5);
  });

  it("is zero before anything is known", () => {
    expect(attentionCount({ reads: {}, dmIds: [], channels: [], settings: undefined })).toBe(0);
  });
});

describe("tab title", () => {
  it("names the place and puts the count first, never (0)", () => {
    expect(tabTitle(1, placeTitle({ channelName: "general", serverName: "Giga Club" }))).toBe("(1) #general | Giga Club");
    expect(tabTitle(0, placeTitle({ channelName: "general", serverName: "Giga Club" }))).toBe("#general | Giga Club");
    expect(tabTitle(3, placeTitle({ dmName: "Ann" }))).toBe("(3) @Ann");
    expect(tabTitle(0, placeTitle({}))).toBe("Giga Chat");
  });

  it("caps what it shows", () => {
    expect(countText(100)).toBe("99+");
    expect(countText(42)).toBe("42");
    expect(faviconText(7)).toBe("7");
    expect(faviconText(12)).toBe("9+");
  });
});

describe("inbox", () => {
  const item = (id: string, channelId: string, messageId: string) => ({
    notification: {
      id,
      kind: "mention" as const,
      channelId,
      serverId: "s1",
      messageId,
      title: "Ann (#general, Club)",
      body: "hi",
      icon: null,
      url: `/channels/s1/${channelId}`,
      tag: `m:${messageId}`,
      createdAt: "2026-01-01T12:00:00Z",
    },
    message: null,
    place: { channelName: "general", serverName: "Club" },
  });

  it("is unread past the channel's cursor, compared as numbers", () => {
    expect(isUnread({ channelId: "c1", messageId: "100" }, { c1: { lastReadId: "99" } })).toBe(true);
    expect(isUnread({ channelId: "c1", messageId: "100" }, { c1: { lastReadId: "100" } })).toBe(false);
    expect(isUnread({ channelId: "c1", messageId: "100" }, { c1: { lastReadId: "1000" } })).toBe(false);
    expect(isUnread({ channelId: "c1", messageId: "100" }, {})).toBe(true);
  });

  it("counts what is unread and prepends a new entry once", () => {
    const page = { items: [item("n1", "c1", "10"), item("n2", "c2", "20")], unreadCount: 2 };
    expect(unreadInboxCount(page.items, { c1: { lastReadId: "10" } })).toBe(1);
    const next = prependItem(page, item("n3", "c1", "30"));
    expect(next?.items.map((i) => i.notification.id)).toEqual(["n3", "n1", "n2"]);
    expect(prependItem(next, item("n3", "c1", "30"))).toBe(next);
  });
});
