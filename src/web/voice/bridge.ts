/**
 * Where the socket's call events find the active call. The call code is loaded lazily
 * (only when someone opens a voice channel), so the always-loaded event handlers reach it
 * through this small registry instead of importing it.
 */
import type { ServerToClientEvents } from "@/shared/events";

type Payload<E extends keyof ServerToClientEvents> = Parameters<ServerToClientEvents[E]>[0];

export interface CallSignals {
  offer: (payload: Payload<"voice.offer">) => void;
  ended: (payload: Payload<"voice.ended">) => void;
  moved: (payload: Payload<"voice.moved">) => void;
}

let active: CallSignals | null = null;

export function registerCall(signals: CallSignals | null): void {
  active = signals;
}

export function activeCall(): CallSignals | null {
  return active;
}
