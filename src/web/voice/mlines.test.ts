import { describe, expect, it } from "vitest";
import { attachmentsFor, slotOfMid, tracksByPerson } from "./mlines";

describe("m-line mapping", () => {
  it("finds my slot for a publish m-line and nothing for the others", () => {
    const publishMids = { audio: "0", video: "1" };
    expect(slotOfMid(publishMids, "0")).toBe("audio");
    expect(slotOfMid(publishMids, "1")).toBe("video");
    expect(slotOfMid(publishMids, "2")).toBeUndefined();
    expect(slotOfMid(publishMids, null)).toBeUndefined();
  });

  it("attaches only slots I hold a track for, and never twice", () => {
    const publishMids = { audio: "0", video: "1", screen: "4" };
    const transceivers = [
      { mid: "0", sending: true },
      { mid: "1", sending: false },
      { mid: "2", sending: false },
      { mid: "4", sending: false },
    ];
    expect(attachmentsFor(publishMids, transceivers, new Set(["audio", "video"] as const))).toEqual([{ mid: "1", slot: "video" }]);
    expect(attachmentsFor(publishMids, transceivers, new Set(["screen"] as const))).toEqual([{ mid: "4", slot: "screen" }]);
  });

  it("groups others' tracks by person and drops released m-lines", () => {
    const owners = {
      "2": { userId: "ann", slot: "audio" as const },
      "3": { userId: "ann", slot: "video" as const },
      "5": { userId: "bob", slot: "screen" as const },
    };
    const received = [
      { mid: "0", track: "mine" },
      { mid: "2", track: "a-mic" },
      { mid: "3", track: "a-cam" },
      { mid: "5", track: "b-screen" },
      { mid: "6", track: "released" },
      { mid: null, track: "unnegotiated" },
    ];
    expect(tracksByPerson(owners, received)).toEqual({ ann: { audio: "a-mic", video: "a-cam" }, bob: { screen: "b-screen" } });
  });
});
