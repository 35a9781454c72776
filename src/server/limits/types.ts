/**
 * What a limit store does: an atomic check-and-record over one or more sliding-window
 * logs. A take either records `cost` entries in every log it names, or records nothing
 * and says how long to wait; no other take can come between the check and the record.
 */

/** A limit: at most `limit` takes in any `windowMs`. */
export interface Rule {
  limit: number;
  windowMs: number;
}

/** One log to check and record in: `bucket` names the route, `key` the person (and channel). */
export interface Slot extends Rule {
  bucket: string;
  key: string;
}

/** What one log said about a take. */
export interface Verdict {
  allowed: boolean;
  /** Entries left in the window after this take (0 when refused). */
  remaining: number;
  /** How long until this take would be allowed (0 when it is). */
  retryAfterMs: number;
  /** How long until the log is empty again. */
  resetAfterMs: number;
}

export interface TakeResult {
  /** True when every slot allowed it; the entries are recorded only then. */
  allowed: boolean;
  /** When the take happened, as the store's clock reads it (epoch ms). */
  now: number;
  /** One verdict per slot, in the order given. */
  verdicts: Verdict[];
}

export interface LimitStore {
  /** Checks every slot and, when all allow it, records `cost` entries named `id` in each. */
  take(slots: Slot[], cost: number, id: string, now?: number): Promise<TakeResult>;
  /** Removes the entries a take recorded under `id` (the work it paid for did not happen). */
  giveBack(slots: Pick<Slot, "bucket" | "key">[], id: string, cost: number): Promise<void>;
  close(): Promise<void>;
}
