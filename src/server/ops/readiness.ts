/**
 * Readiness: whether this process can serve now. Each dependency it needs (the database,
 * Redis when configured, the file store) answers a cheap probe within a short timeout.
 * A load balancer stops sending work to a process that is not ready, or that is draining
 * before it stops. Liveness (`/api/health`) checks nothing: a process whose database is
 * down is still alive, and restarting it would not bring the database back.
 *
 * A process listens before all of it is prepared (main.ts: the API first, the pages when
 * Next.js has prepared): what is still preparing keeps it "starting", not ready.
 */
export type CheckName = "database" | "redis" | "files";
export type CheckState = "ok" | "down";
/** Resolves when the dependency answered; rejects (or never settles) when it did not. */
export type Probe = () => Promise<unknown>;

export interface Readiness {
  /** Set at the start of shutdown: `/api/ready` answers 503 at once from then on. */
  draining: boolean;
  probes: Partial<Record<CheckName, Probe>>;
  /** What this process still prepares (e.g. "pages"); not ready until it is empty. */
  preparing: Set<string>;
}

export interface ReadinessReport {
  status: "ready" | "unavailable" | "draining" | "starting";
  checks: Partial<Record<CheckName, CheckState>>;
  /** With "starting": what is still being prepared. */
  preparing?: string[];
}

export const PROBE_TIMEOUT_MS = 2_000;

export function createReadiness(): Readiness {
  return { draining: false, probes: {}, preparing: new Set() };
}

/** Runs a probe with a timeout: "ok" or "down", never a throw. */
export async function probe(run: Probe, timeoutMs = PROBE_TIMEOUT_MS): Promise<CheckState> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("probe timed out")), timeoutMs);
  });
  try {
    await Promise.race([run(), late]);
    return "ok";
  } catch {
    return "down";
  } finally {
    clearTimeout(timer);
  }
}

export async function checkReadiness(readiness: Readiness, timeoutMs = PROBE_TIMEOUT_MS): Promise<ReadinessReport> {
  if (readiness.draining) return { status: "draining", checks: {} };
  const entries = Object.entries(readiness.probes) as [CheckName, Probe][];
  const states = await Promise.all(entries.map(([, run]) => probe(run, timeoutMs)));
  const checks = Object.fromEntries(entries.map(([name], i) => [name, states[i]!])) as ReadinessReport["checks"];
  // A drain that began while the probes ran wins.
  if (readiness.draining) return { status: "draining", checks: {} };
  if (!states.every((s) => s === "ok")) return { status: "unavailable", checks };
  if (readiness.preparing.size) return { status: "starting", checks, preparing: [...readiness.preparing] };
  return { status: "ready", checks };
}
