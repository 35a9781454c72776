import { describe, expect, it } from "vitest";
import { ApiRequestError } from "../api";
import { describeSendError, secondsLeft } from "./errors";

describe("send errors", () => {
  it("names the wait the server asked for", () => {
    const rate = new ApiRequestError("RATE_LIMITED", "slow down", 429, { retryAfterMs: 2300 });
    expect(describeSendError(rate)).toBe("You're sending too fast — wait 3 s.");
    const slow = new ApiRequestError("SLOWMODE", "slowmode", 429, { retryAfterMs: 10_000 });
    expect(describeSendError(slow)).toBe("Slowmode is on — wait 10 s.");
  });

  it("falls back to the friendly text without a wait, and never says 0 s", () => {
    expect(describeSendError(new ApiRequestError("MISSING_PERMISSIONS", "no", 403))).toBe(
      "You do not have permission to do that here.",
    );
    expect(secondsLeft(20)).toBe(1);
  });
});
