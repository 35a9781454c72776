import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type RingExpiry, RingingStore } from "./ringing";

describe("the ringing store", () => {
  let store: RingingStore;
  let expired: RingExpiry[];
  beforeEach(() => {
    vi.useFakeTimers();
    store = new RingingStore(30_000);
    expired = [];
    store.onExpire((e) => expired.push(e));
  });
  afterEach(() => {
    store.close();
    vi.useRealTimers();
  });

  it("rings each person until their timer runs out, then tells it once", () => {
    store.ring("c1", "ch", ["ben", "cy"]);
    expect(store.ringing("ch", "c1")).toEqual(["ben", "cy"]);
    vi.advanceTimersByTime(29_999);
    expect(expired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(expired).toEqual([
      { callId: "c1", channelId: "ch", userId: "ben" },
      { callId: "c1", channelId: "ch", userId: "cy" },
    ]);
    expect(store.ringing("ch", "c1")).toEqual([]);
  });

  it("a stop (join or decline) ends one ring silently; a ring again starts the timer over", () => {
    store.ring("c1", "ch", ["ben", "cy"]);
    expect(store.stop("ch", "ben")).toBe(true);
    expect(store.stop("ch", "ben")).toBe(false);
    vi.advanceTimersByTime(20_000);
    store.ring("c1", "ch", ["cy"]);
    vi.advanceTimersByTime(20_000);
    expect(expired).toEqual([]);
    vi.advanceTimersByTime(10_000);
    expect(expired.map((e) => e.userId)).toEqual(["cy"]);
  });

  it("answers only for the call it was asked about, and an ended call rings nobody", () => {
    store.ring("c1", "ch", ["ben"]);
    expect(store.ringing("ch", "c0")).toEqual([]);
    expect(store.stop("ch", "ben", "c0")).toBe(false);
    // A new call in the same conversation replaces the old one's rings.
    store.ring("c2", "ch", ["cy"]);
    expect(store.ringing("ch", "c1")).toEqual([]);
    expect(store.ringing("ch", "c2")).toEqual(["cy"]);
    store.end("ch");
    vi.advanceTimersByTime(60_000);
    expect(expired).toEqual([]);
  });
});
