import { describe, expect, it } from "vitest";
import { maskEmail, relativeTime, statusExpiry, totpSecret } from "./format";

describe("user settings helpers", () => {
  it("says how long ago in words", () => {
    const now = Date.parse("2025-03-10T12:00:00Z");
    expect(relativeTime("2025-03-10T11:59:40Z", now)).toBe("just now");
    expect(relativeTime("2025-03-10T11:55:00Z", now)).toMatch(/5 minutes ago/);
    expect(relativeTime("2025-03-10T09:00:00Z", now)).toMatch(/3 hours ago/);
  });

  it("masks the part of an email before the @", () => {
    expect(maskEmail("ada@example.com")).toBe("****@example.com");
    expect(maskEmail("someone.with.a.long.name@example.com")).toBe("**********@example.com");
  });

  it("computes when a custom status clears", () => {
    const now = new Date(2025, 2, 12, 15, 30); // a Wednesday afternoon, local time
    expect(statusExpiry("never", now)).toBeNull();
    expect(statusExpiry("keep", now, "2025-03-12T20:00:00.000Z")).toBe("2025-03-12T20:00:00.000Z");
    expect(Date.parse(statusExpiry("30m", now) ?? "") - now.getTime()).toBe(30 * 60_000);
    expect(new Date(statusExpiry("today", now) ?? "").getTime()).toBe(new Date(2025, 2, 13).getTime());
    expect(new Date(statusExpiry("week", now) ?? "").getTime()).toBe(new Date(2025, 2, 17).getTime());
    const sunday = new Date(2025, 2, 16, 10);
    expect(new Date(statusExpiry("week", sunday) ?? "").getTime()).toBe(new Date(2025, 2, 17).getTime());
  });

  it("reads the secret out of an otpauth URI", () => {
    expect(totpSecret("otpauth://totp/Giga%20Chat:ada?secret=JBSWY3DPEHPK3PXP&issuer=Giga%20Chat")).toBe("JBSW Y3DP EHPK 3PXP");
    expect(totpSecret("otpauth://totp/x")).toBe("");
  });
});
