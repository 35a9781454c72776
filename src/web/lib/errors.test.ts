import { describe, expect, it } from "vitest";
import { ApiRequestError } from "../api";
import { describeAuthError, describeOAuthError, describeSendError, secondsLeft } from "./errors";

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

  it("explains a refused direct message", () => {
    expect(describeSendError(new ApiRequestError("DM_REFUSED", "refused", 403))).toMatch(/could not be delivered/);
  });
});

describe("auth errors", () => {
  it("shows the server's words when sign-in is rate limited", () => {
    const limited = { code: "RATE_LIMITED", message: "Too many sign-in attempts. Try again in 5 minutes.", status: 429 };
    expect(describeAuthError(limited)).toBe("Too many sign-in attempts. Try again in 5 minutes.");
  });

  it("falls back to friendly words for a 429 without our code", () => {
    expect(describeAuthError({ message: "Too many requests. Please try again later.", status: 429 })).toBe(
      "Too many attempts. Wait a moment and try again.",
    );
  });

  it("explains a wrong two-factor code and an expired reset link", () => {
    expect(describeAuthError({ code: "INVALID_CODE", message: "Invalid code", status: 401 })).toBe(
      "That code didn't work. Check your authenticator app and try again.",
    );
    expect(describeAuthError({ code: "INVALID_TOKEN", message: "Invalid token", status: 400 })).toBe(
      "This reset link is invalid or has expired. Request a new one.",
    );
  });

  it("explains social sign-in failures, the unlinked account in particular", () => {
    expect(describeOAuthError("account_not_linked")).toMatch(/^An account with this email already exists/);
    expect(describeOAuthError("invalid_code")).toBe("Sign-in with that provider failed. Try again.");
  });
});
