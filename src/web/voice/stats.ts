/**
 * Connection quality per person from the peer connection's stats: packet loss over the
 * last interval of what we receive from them, and the round trip to the media server.
 */
import type { MidOwners } from "./mlines";

export interface Quality {
  /** Fraction of packets lost since the previous sample, 0..1. */
  loss: number;
  /** Round trip to the media server in ms, when known. */
  rttMs: number | null;
}

export type Counters = Record<string, { received: number; lost: number }>;

/** The minimal shape of the RTCStatsReport entries we read. */
export interface StatEntry {
  type: string;
  mid?: string;
  packetsReceived?: number;
  packetsLost?: number;
  state?: string;
  nominated?: boolean;
  currentRoundTripTime?: number;
}

export function summarize(
  entries: Iterable<StatEntry>,
  owners: MidOwners,
  previous: Counters,
): { byUser: Record<string, Quality>; counters: Counters } {
  const counters: Counters = {};
  let rttMs: number | null = null;
  const perUser: Record<string, { received: number; lost: number }> = {};
  for (const e of entries) {
    if (e.type === "candidate-pair" && e.state === "succeeded" && e.nominated && e.currentRoundTripTime !== undefined) {
      rttMs = Math.round(e.currentRoundTripTime * 1000);
    }
    if (e.type !== "inbound-rtp" || e.mid === undefined) continue;
    const owner = owners[e.mid];
    if (!owner) continue;
    const now = { received: e.packetsReceived ?? 0, lost: Math.max(0, e.packetsLost ?? 0) };
    counters[e.mid] = now;
    const before = previous[e.mid] ?? { received: 0, lost: 0 };
    const sum = (perUser[owner.userId] ??= { received: 0, lost: 0 });
    sum.received += Math.max(0, now.received - before.received);
    sum.lost += Math.max(0, now.lost - before.lost);
  }
  const byUser: Record<string, Quality> = {};
  for (const [userId, { received, lost }] of Object.entries(perUser)) {
    byUser[userId] = { loss: received + lost === 0 ? 0 : lost / (received + lost), rttMs };
  }
  return { byUser, counters };
}

export type QualityLevel = "good" | "fair" | "poor";

export function qualityLevel(q: Quality): QualityLevel {
  if (q.loss > 0.08 || (q.rttMs ?? 0) > 400) return "poor";
  if (q.loss > 0.02 || (q.rttMs ?? 0) > 200) return "fair";
  return "good";
}
