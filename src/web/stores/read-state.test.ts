/** Live counts stop where the server's count query stops, and the badge says so. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { limits } from "@/shared/limits";
import { badgeText, useReadStateStore } from "./read-state";

describe("unread cap", () => {
  beforeEach(() => useReadStateStore.setState({ loaded: false, reads: {}, loading: 0, heard: [] }));

  it("counts live messages up to the server's cap, mentions too", () => {
    const cap = limits.unreadCountMax;
    useReadStateStore.getState().load([{ channelId: "1", lastReadId: "10", unreadCount: cap - 1, mentionCount: cap - 1, lastMessageId: "10" }]);
    for (const id of ["11", "12", "13"]) useReadStateStore.getState().messageArrived("1", id, { mine: false, mentionsMe: true });
    expect(useReadStateStore.getState().reads["1"]).toMatchObject({ unreadCount: cap, mentionCount: cap });
  });

  it("reads exact below the cap and 99+ from it", () => {
    expect(badgeText(limits.unreadCountMax - 1)).toBe("99");
    expect(badgeText(limits.unreadCountMax)).toBe("99+");
    expect(limits.unreadCountMax).toBe(100);
  });
});

describe("messages heard while the list is on its way", () => {
  beforeEach(() => useReadStateStore.setState({ loaded: false, reads: {}, loading: 0, heard: [] }));

  it("adds those newer than what the list counted, once", () => {
    const store = useReadStateStore.getState();
    store.beginLoad();
    // 11 was committed before the server counted (the list includes it); 12 after.
    store.messageArrived("1", "11", { mine: false, mentionsMe: true });
    store.messageArrived("1", "12", { mine: false, mentionsMe: true });
    store.messageArrived("2", "20", { mine: false, mentionsMe: false });
    store.load([
      { channelId: "1", lastReadId: "10", unreadCount: 1, mentionCount: 1, lastMessageId: "11" },
      { channelId: "2", lastReadId: "19", unreadCount: 0, mentionCount: 0, lastMessageId: "19" },
    ]);
    expect(useReadStateStore.getState().reads).toEqual({
      "1": { lastReadId: "10", unreadCount: 2, mentionCount: 2 },
      "2": { lastReadId: "19", unreadCount: 1, mentionCount: 0 },
    });
    // Once loaded, nothing more is remembered for a replay.
    expect(useReadStateStore.getState().heard).toEqual([]);
  });

  it("two lists out at once: each adds what it did not count, none drops a live message", () => {
    const store = useReadStateStore.getState();
    store.beginLoad();
    store.messageArrived("1", "11", { mine: false, mentionsMe: true });
    store.beginLoad(); // a reconnect asks again
    store.messageArrived("1", "12", { mine: false, mentionsMe: true });
    // The first list was counted before 11; the second after 11, before 12.
    store.load([{ channelId: "1", lastReadId: "10", unreadCount: 0, mentionCount: 0, lastMessageId: "10" }]);
    expect(useReadStateStore.getState().reads["1"]).toMatchObject({ unreadCount: 2, mentionCount: 2 });
    store.messageArrived("1", "13", { mine: false, mentionsMe: false });
    store.load([{ channelId: "1", lastReadId: "10", unreadCount: 1, mentionCount: 1, lastMessageId: "11" }]);
    expect(useReadStateStore.getState().reads["1"]).toMatchObject({ unreadCount: 3, mentionCount: 2 });
    expect(useReadStateStore.getState()).toMatchObject({ loading: 0, heard: [] });
  });
});

describe("an ack's answer", () => {
  beforeEach(() => useReadStateStore.setState({ loaded: true, reads: {}, loading: 0, heard: [] }));

  it("arriving after a live mention keeps the mention (same cursor, counted before it)", () => {
    const store = useReadStateStore.getState();
    store.apply({ channelId: "1", lastReadId: "10", unreadCount: 0, mentionCount: 0 }); // optimistic
    store.messageArrived("1", "11", { mine: false, mentionsMe: true });
    store.apply({ channelId: "1", lastReadId: "10", unreadCount: 0, mentionCount: 0 }); // the server's answer
    expect(useReadStateStore.getState().reads["1"]).toEqual({ lastReadId: "10", unreadCount: 1, mentionCount: 1 });
    // A newer cursor from another device is the truth.
    store.apply({ channelId: "1", lastReadId: "11", unreadCount: 0, mentionCount: 0 });
    expect(useReadStateStore.getState().reads["1"]).toEqual({ lastReadId: "11", unreadCount: 0, mentionCount: 0 });
  });
});

describe("Mark Unread", () => {
  beforeEach(() => useReadStateStore.setState({ loaded: true, reads: {}, markedUnread: {}, latest: {}, loading: 0, heard: [] }));
  // Files may share this store: leave it as found.
  afterEach(() => useReadStateStore.setState({ loaded: false, reads: {}, markedUnread: {}, latest: {}, loading: 0, heard: [] }));

  it("moves the cursor back, which an ack's answer never does, and holds the channel until released", () => {
    const store = useReadStateStore.getState();
    store.apply({ channelId: "1", lastReadId: "20", unreadCount: 0, mentionCount: 0 });
    store.apply({ channelId: "1", lastReadId: "15", unreadCount: 3, mentionCount: 0 });
    expect(useReadStateStore.getState().reads["1"]).toMatchObject({ lastReadId: "20", unreadCount: 0 });
    store.apply({ channelId: "1", lastReadId: "15", unreadCount: 3, mentionCount: 0, markedUnread: true });
    expect(useReadStateStore.getState().reads["1"]).toMatchObject({ lastReadId: "15", unreadCount: 3 });
    expect(useReadStateStore.getState().markedUnread["1"]).toEqual({ lastReadId: "15", count: 3 });
    store.releaseUnread("1");
    expect(useReadStateStore.getState().markedUnread["1"]).toBeUndefined();
  });

  it("knows each channel's newest message, from lists and live messages alike, for Mark As Read", () => {
    const store = useReadStateStore.getState();
    store.load([{ channelId: "2", lastReadId: "5", unreadCount: 0, mentionCount: 0, lastMessageId: "30" }]);
    store.messageArrived("2", "31", { mine: true, mentionsMe: false });
    store.messageArrived("2", "29", { mine: false, mentionsMe: false });
    expect(useReadStateStore.getState().latest["2"]).toBe("31");
  });
});

describe("a list answered before a live message it counted", () => {
  beforeEach(() => useReadStateStore.setState({ loaded: false, reads: {}, loading: 0, heard: [] }));

  it("counts that message once", () => {
    const store = useReadStateStore.getState();
    store.beginLoad();
    // The server counted 11 (committed before it answered); 11's socket event comes after the answer.
    store.load([{ channelId: "1", lastReadId: "10", unreadCount: 1, mentionCount: 1, lastMessageId: "11" }]);
    store.messageArrived("1", "11", { mine: false, mentionsMe: true });
    expect(useReadStateStore.getState().reads["1"]).toMatchObject({ unreadCount: 1, mentionCount: 1 });
    store.messageArrived("1", "12", { mine: false, mentionsMe: true });
    expect(useReadStateStore.getState().reads["1"]).toMatchObject({ unreadCount: 2, mentionCount: 2 });
  });
});
