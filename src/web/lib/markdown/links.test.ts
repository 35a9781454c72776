import { describe, expect, it } from "vitest";
import { bareUrlEnd, safeHref } from "./links";

describe("safeHref", () => {
  it("accepts http, https and mailto, normalised", () => {
    expect(safeHref("https://example.com")).toBe("https://example.com/");
    expect(safeHref("HTTP://Example.COM/a?b#c")).toBe("http://example.com/a?b#c");
    expect(safeHref("mailto:someone@example.com")).toBe("mailto:someone@example.com");
    expect(safeHref("https://例え.jp/パス")).toBe("https://xn--r8jz45g.jp/%E3%83%91%E3%82%B9");
  });

  it.each([
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "java\u0000script:alert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A;avascript:alert(1)",
    "\\u006aavascript:alert(1)",
    "javascript&colon;alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "ftp://example.com",
    "//evil.example/x",
    "/relative/path",
    "https:evil.example",
    "https:/evil.example",
    "https:\\\\evil.example",
    "http:///evil.example",
    "https://user:pass@evil.example",
    "https://exa\u200bmple.com",
    "https://example.com/\u202egnp.exe",
    "https://example.com/a b",
    "https://",
    "mailto:",
    "mailto:nobody",
    "https://[::1",
    "",
  ])("refuses %j", (raw) => {
    expect(safeHref(raw)).toBeNull();
  });

  it("refuses URLs longer than a browser keeps", () => {
    expect(safeHref(`https://example.com/${"a".repeat(3000)}`)).toBeNull();
  });
});

describe("bareUrlEnd", () => {
  const end = (text: string) => text.slice(0, bareUrlEnd(text, 0));
  it("stops at whitespace and markup-ish characters and drops trailing punctuation", () => {
    expect(end("https://a.example/x. next")).toBe("https://a.example/x");
    expect(end("https://a.example/x<script>")).toBe("https://a.example/x");
    expect(end("https://a.example/x)")).toBe("https://a.example/x");
    expect(end("https://a.example/(x)")).toBe("https://a.example/(x)");
    expect(end("https://a.example/x?!")).toBe("https://a.example/x");
  });
});
