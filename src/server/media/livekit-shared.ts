/**
 * The parts of the LiveKit backend that the always-loaded code uses (the webhook route,
 * the events it applies, the backend's choice), without livekit-server-sdk: the SDK
 * loads with the backend itself (media/index.ts), only when LiveKit is configured.
 */
import type { LiveKitBackend } from "./livekit";
import type { MediaBackend } from "./types";

/** A join token lives this long: enough to connect, short enough that a leaked one soon stops working. */
export const TOKEN_TTL_SECONDS = 10 * 60;

export function isLiveKit(media: MediaBackend): media is LiveKitBackend {
  return media.kind === "livekit";
}

/** The room service's browser-facing address, turned into the one this server calls. */
export function roomServiceUrl(url: string): string {
  return url.replace(/^ws(s?):\/\//, "http$1://");
}

export type RefusedWhy = "unsigned" | "bad_signature" | "stale" | "replayed";

export class WebhookRefused extends Error {
  constructor(
    readonly why: RefusedWhy,
    message: string,
  ) {
    super(message);
  }
}
