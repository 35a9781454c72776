/**
 * Time-ordered 64-bit ids: 42 bits of milliseconds since 2026-01-01, 10 bits of worker,
 * 12 bits of sequence. Sorting by id sorts by creation time, which makes history
 * pages keyset scans on (channel_id, id).
 */
export const SNOWFLAKE_EPOCH = Date.UTC(2026, 0, 1);

export class SnowflakeGenerator {
  private lastMs = -1;
  private sequence = 0;
  constructor(private readonly workerId: number) {
    if (!Number.isInteger(workerId) || workerId < 0 || workerId > 1023) {
      throw new RangeError("worker id must be an integer in 0..1023");
    }
  }

  next(now: number = Date.now()): bigint {
    let ms = Math.max(now, this.lastMs); // never go backwards if the clock does
    if (ms === this.lastMs) {
      this.sequence = (this.sequence + 1) & 0xfff;
      if (this.sequence === 0) ms += 1; // 4096 ids in one ms: borrow the next ms
    } else {
      this.sequence = 0;
    }
    this.lastMs = ms;
    return (BigInt(ms - SNOWFLAKE_EPOCH) << 22n) | (BigInt(this.workerId) << 12n) | BigInt(this.sequence);
  }
}

export function snowflakeTime(id: bigint): Date {
  return new Date(Number(id >> 22n) + SNOWFLAKE_EPOCH);
}

/** The smallest id that could have been made at this time; for "messages after t". */
export function snowflakeAt(ms: number): bigint {
  return BigInt(ms - SNOWFLAKE_EPOCH) << 22n;
}

const defaultGenerator = new SnowflakeGenerator(
  Number(process.env.WORKER_ID ?? Math.floor(Math.random() * 1024)) & 1023,
);

export const newId = (): bigint => defaultGenerator.next();
