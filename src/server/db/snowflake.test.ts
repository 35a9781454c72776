import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { SnowflakeGenerator, snowflakeTime } from "./snowflake";

describe("snowflake ids", () => {
  it("are strictly increasing even within one millisecond and when the clock goes back", () => {
    const gen = new SnowflakeGenerator(7);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 6000 }), (steps) => {
        let now = Date.UTC(2026, 5, 1);
        let prev = -1n;
        for (const step of steps) {
          now += step;
          const id = gen.next(now);
          if (id <= prev) return false;
          prev = id;
        }
        return true;
      }),
      { numRuns: 50 },
    );
  });

  it("carries its creation time", () => {
    const gen = new SnowflakeGenerator(1);
    const t = Date.UTC(2026, 10, 22, 1, 2, 3);
    expect(snowflakeTime(gen.next(t)).getTime()).toBe(t);
  });

  it("rejects a worker id out of range", () => {
    expect(() => new SnowflakeGenerator(1024)).toThrow(RangeError);
  });
});
