/**
 * How a call's system line reads, as in Discord: "Ann started a call.", "Ann started a
 * call that lasted 12 minutes.", "Missed call from Ann".
 */
import type { CallTrace } from "@/shared/calls";

/** "a few seconds", "1 minute", "12 minutes", "1 hour", "2 hours". */
export function callDuration(seconds: number): string {
  if (seconds < 45) return "a few seconds";
  const minutes = Math.max(1, Math.round(seconds / 60));
  if (minutes < 60) return minutes === 1 ? "1 minute" : `${minutes} minutes`;
  const hours = Math.max(1, Math.round(seconds / 3600));
  return hours === 1 ? "1 hour" : `${hours} hours`;
}

export type CallLineKind = "ongoing" | "ended" | "missed";

export function callLineKind(trace: CallTrace, viewerId: string | undefined): CallLineKind {
  if (trace.endedAt === null) return "ongoing";
  return viewerId !== undefined && trace.missed.includes(viewerId) ? "missed" : "ended";
}

/** The sentence for a viewer; `caller` is the starter's name. */
export function callLineText(trace: CallTrace, caller: string, viewerId: string | undefined): string {
  switch (callLineKind(trace, viewerId)) {
    case "ongoing":
      return `${caller} started a call.`;
    case "missed":
      return `Missed call from ${caller}`;
    case "ended":
      return `${caller} started a call that lasted ${callDuration(trace.durationSeconds ?? 0)}.`;
  }
}
