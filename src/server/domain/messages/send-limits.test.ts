import { describe, expect, it } from "vitest";
import { AppError } from "../../errors";
import { SendLimiter } from "./send-limits";

const codeOf = (fn: () => void) => {
  try {
    fn();
    return null;
  } catch (err) {
    return err instanceof AppError ? [err.code, (err.details as { retryAfterMs: number }).retryAfterMs] : err;
  }
};

describe("SendLimiter", () => {
  it("allows a burst of 5 per 5 s per channel, then says how long to wait", () => {
    const l = new SendLimiter();
    for (let i = 0; i < 5; i++) {
      expect(codeOf(() => l.check("u", 1n, 0, 1000 + i))).toBeNull();
      l.record("u", 1n, 1000 + i);
    }
    expect(codeOf(() => l.check("u", 1n, 0, 1010))).toEqual(["RATE_LIMITED", 4990]);
    expect(codeOf(() => l.check("u", 2n, 0, 1010))).toBeNull(); // another channel
    expect(codeOf(() => l.check("v", 1n, 0, 1010))).toBeNull(); // another person
    expect(codeOf(() => l.check("u", 1n, 0, 6000))).toBeNull();
  });
  it("applies slowmode from the last message", () => {
    const l = new SendLimiter();
    l.record("u", 1n, 0);
    expect(codeOf(() => l.check("u", 1n, 30, 10_000))).toEqual(["SLOWMODE", 20_000]);
    expect(codeOf(() => l.check("u", 1n, 30, 30_000))).toBeNull();
  });
});
