/**
 * werift, loaded once for the SFU with its ICE consent timing loosened.
 *
 * werift checks ICE consent (RFC 7675) every ~5 s with one STUN request that must be
 * answered within max(500 ms, 2×RTT + 200 ms), with no retransmission, and closes the
 * connection when nothing was answered for 30 s. On a busy machine (browsers encoding
 * video on the same cores, a garbage-collection pause, a timer firing before the queued
 * UDP answer is read) answers miss that window again and again, and whole rooms were
 * dropped 20–40 s after they started. The SFU does not need consent to detect a dead
 * browser (a closed socket removes the person), so each check waits up to 2.5 s.
 *
 * The timing lives in module-level exports that only werift's CommonJS build lets us
 * change (its ESM bundle keeps them private), so the SFU loads that build, and every
 * SFU file imports werift from here: one copy, never the CommonJS and ESM builds side by
 * side (their classes would not recognise each other).
 */
import { createRequire } from "node:module";
import path from "node:path";

type Werift = typeof import("werift");

const require = createRequire(import.meta.url);
const werift = require("werift") as Werift;
// Not in the package's exports map: reached by path from its CommonJS entry (lib/webrtc/src/index.js).
const iceBase = require(path.join(path.dirname(require.resolve("werift")), "../../ice/src/iceBase.js")) as {
  CONSENT_RESPONSE_TIMEOUT: number;
  CONSENT_RESPONSE_TIMEOUT_MIN: number;
  CONSENT_TIMEOUT: number;
};

/** How long one consent check waits for the browser's answer. */
export const CONSENT_RESPONSE_MS = 2500;
/**
 * How long without one answered check before the connection is given up. Six browsers
 * on two cores went 30 s without an answer now and then while media kept flowing both
 * ways; a browser that is really gone is noticed sooner by its socket (the app takes the
 * person out of the room when the socket closes).
 */
export const CONSENT_EXPIRY_SECONDS = 90;
iceBase.CONSENT_RESPONSE_TIMEOUT = CONSENT_RESPONSE_MS;
iceBase.CONSENT_RESPONSE_TIMEOUT_MIN = CONSENT_RESPONSE_MS;
iceBase.CONSENT_TIMEOUT = CONSENT_EXPIRY_SECONDS;

// Each class as a value and as its type, as `import { X } from "werift"` would give.
export const MediaStream = werift.MediaStream;
export type MediaStream = InstanceType<Werift["MediaStream"]>;
export const MediaStreamTrack = werift.MediaStreamTrack;
export type MediaStreamTrack = InstanceType<Werift["MediaStreamTrack"]>;
export const PictureLossIndication = werift.PictureLossIndication;
export type PictureLossIndication = InstanceType<Werift["PictureLossIndication"]>;
export const RTCPeerConnection = werift.RTCPeerConnection;
export type RTCPeerConnection = InstanceType<Werift["RTCPeerConnection"]>;
export const RtcpPayloadSpecificFeedback = werift.RtcpPayloadSpecificFeedback;
export type RtcpPayloadSpecificFeedback = InstanceType<Werift["RtcpPayloadSpecificFeedback"]>;
export const RtpHeader = werift.RtpHeader;
export type RtpHeader = InstanceType<Werift["RtpHeader"]>;
export const RtpPacket = werift.RtpPacket;
export type RtpPacket = InstanceType<Werift["RtpPacket"]>;
export type { RTCRtpTransceiver } from "werift";
