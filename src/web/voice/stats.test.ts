import { describe, expect, it } from "vitest";
import { parsePrefs, defaultPrefs, micConstraints } from "./devices";
import { qualityLevel, summarize } from "./stats";

describe("connection quality", () => {
  const owners = { "2": { userId: "ann", slot: "audio" as const }, "3": { userId: "ann", slot: "video" as const } };

  it("measures loss over the interval and takes the round trip from the chosen pair", () => {
    const first = summarize(
      [
        { type: "inbound-rtp", mid: "2", packetsReceived: 100, packetsLost: 0 },
        { type: "inbound-rtp", mid: "3", packetsReceived: 100, packetsLost: 0 },
        { type: "candidate-pair", state: "succeeded", nominated: true, currentRoundTripTime: 0.042 },
      ],
      owners,
      {},
    );
    expect(first.byUser.ann).toEqual({ loss: 0, rttMs: 42 });
    const second = summarize(
      [
        { type: "inbound-rtp", mid: "2", packetsReceived: 190, packetsLost: 10 },
        { type: "inbound-rtp", mid: "3", packetsReceived: 200, packetsLost: 0 },
        { type: "inbound-rtp", mid: "9", packetsReceived: 5, packetsLost: 5 },
      ],
      owners,
      first.counters,
    );
    expect(second.byUser.ann?.loss).toBeCloseTo(10 / 200);
    expect(second.byUser.ann?.rttMs).toBeNull();
    expect(qualityLevel({ loss: 0.05, rttMs: 20 })).toBe("fair");
    expect(qualityLevel({ loss: 0, rttMs: 30 })).toBe("good");
    expect(qualityLevel({ loss: 0.2, rttMs: 30 })).toBe("poor");
  });
});

describe("device preferences", () => {
  it("keeps well-typed fields and falls back on the rest", () => {
    expect(parsePrefs(null)).toEqual(defaultPrefs);
    expect(parsePrefs("{oops")).toEqual(defaultPrefs);
    expect(parsePrefs(JSON.stringify({ micId: "m1", noiseSuppression: false, cameraId: 3 }))).toEqual({
      ...defaultPrefs,
      micId: "m1",
      noiseSuppression: false,
    });
  });

  it("asks for the chosen microphone without failing when it is gone", () => {
    expect(micConstraints({ ...defaultPrefs, micId: "m1", echoCancellation: false })).toMatchObject({
      deviceId: { ideal: "m1" },
      echoCancellation: false,
      noiseSuppression: true,
    });
  });
});
