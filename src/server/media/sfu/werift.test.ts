import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CONSENT_EXPIRY_SECONDS, CONSENT_RESPONSE_MS, RTCPeerConnection } from "./werift";

describe("werift as the SFU loads it", () => {
  it("waits long enough for each ICE consent answer and for consent to expire, in the copy of werift whose classes the SFU uses", () => {
    const require = createRequire(import.meta.url);
    const entry = require.resolve("werift");
    const iceBase = require(path.join(path.dirname(entry), "../../ice/src/iceBase.js")) as {
      consentResponseTimeoutMs(rtt?: number): number;
      CONSENT_TIMEOUT: number;
    };
    // A fast local round trip used to mean a 500 ms window with no retransmission.
    expect(iceBase.consentResponseTimeoutMs(0.001)).toBe(CONSENT_RESPONSE_MS);
    expect(iceBase.consentResponseTimeoutMs(undefined)).toBe(CONSENT_RESPONSE_MS);
    // werift reads the expiry when it arms its timer, in seconds.
    expect(iceBase.CONSENT_TIMEOUT).toBe(CONSENT_EXPIRY_SECONDS);
    // The class the SFU constructs is the CommonJS build's: the one whose timing was set.
    expect(RTCPeerConnection).toBe((require("werift") as typeof import("werift")).RTCPeerConnection);
  });
});
