import { describe, expect, it } from "vitest";
import { safeNext } from "./safe-next";

describe("safeNext", () => {
  it.each([
    ["protocol-relative", "//evil.example"],
    ["three slashes", "///evil.example"],
    ["backslash", "/\\evil.example"],
    ["backslash then slash", "/\\/evil.example"],
    ["two backslashes", "\\\\evil.example"],
    ["tab", "/\t/evil.example"],
    ["CR", "/\r/evil.example"],
    ["LF", "/\n/evil.example"],
    ["CRLF", "/\r\n/evil.example"],
    ["encoded tab, decoded again later", "/%09/evil.example"],
    ["encoded CRLF", "/%0d%0a/evil.example"],
    ["encoded slash", "/%2F/evil.example"],
    ["encoded backslash", "/%5Cevil.example"],
    ["broken escape", "/%"],
    ["leading space", " //evil.example"],
    ["leading tab", "\t//evil.example"],
    ["dot segment into //", "/.//evil.example"],
    ["dot-dot segment into //", "/a/..//evil.example"],
    ["absolute URL", "https://evil.example"],
    ["scheme without slashes", "https:evil.example"],
    ["bare scheme", "https:"],
    ["javascript", "javascript:alert(1)"],
    ["data", "data:text/html,<script>alert(1)</script>"],
    ["relative host-looking", "evil.example"],
    ["empty", ""],
    ["NUL", "/\u0000"],
    ["too long", `/${"a".repeat(3000)}`],
  ])("refuses %s", (why, value) => {
    expect(safeNext(value), why).toBeUndefined();
  });

  it.each([
    ["/", "/"],
    ["/invite/abc123", "/invite/abc123"],
    ["/channels/1/2?x=1#m3", "/channels/1/2?x=1#m3"],
    ["/channels/me", "/channels/me"],
    ["/a/../channels", "/channels"],
    ["/search?q=50%25", "/search?q=50%25"],
  ])("keeps %j as %j", (value, expected) => {
    expect(safeNext(value)).toBe(expected);
  });

  it("takes the first of repeated values, and nothing from nothing", () => {
    expect(safeNext(["/invite/x", "//evil.example"])).toBe("/invite/x");
    expect(safeNext(["//evil.example", "/invite/x"])).toBeUndefined();
    expect(safeNext(undefined)).toBeUndefined();
    expect(safeNext(null)).toBeUndefined();
  });
});
