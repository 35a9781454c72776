import { describe, expect, it } from "vitest";
import { emojiSchema, isOneEmoji, snowflake, text, userIdSchema } from "@/shared/api";

describe("the input gate's building blocks", () => {
  it("snowflake takes decimal ids within PostgreSQL's bigint and nothing else", () => {
    for (const ok of ["0", "1", "122492013649801216", "9223372036854775807"]) expect(snowflake.safeParse(ok).success, ok).toBe(true);
    for (const bad of ["9223372036854775808", "18446744073709551616", "99999999999999999999", "1e30", "-1", "+1", " 1", "0x10", "", "1.0", 1]) {
      expect(snowflake.safeParse(bad).success, String(bad)).toBe(false);
    }
  });

  it("user ids are letters, digits, _ and -", () => {
    expect(userIdSchema.safeParse("uYsLMtzthvJqPYt3BFaJEChrvpdOl3ff").success).toBe(true);
    for (const bad of ["", "..", "a/b", "a\u0000", "a b", "x".repeat(65)]) expect(userIdSchema.safeParse(bad).success, bad).toBe(false);
  });

  it("text refuses control characters; line feeds and tabs only where lines are allowed", () => {
    const name = text({ min: 1, max: 10, trim: true });
    const content = text({ max: 100, lines: true });
    const sdp = text({ max: 100, lines: "crlf" });
    expect(name.parse("  hi  ")).toBe("hi");
    for (const bad of ["a\u0000", "a\nb", "a\tb", "\u001b[31m", "a\u007f", "a\u0085", "   "]) expect(name.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    expect(content.parse("one\n\ttwo")).toBe("one\n\ttwo");
    for (const bad of ["a\u0000", "a\rb", "a\u0008"]) expect(content.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    expect(sdp.parse("v=0\r\no=-\r\n")).toBe("v=0\r\no=-\r\n");
    // Format characters are text, not control: ZWJ sequences and bidi marks stay.
    expect(name.parse("a\u200db")).toBe("a\u200db");
  });

  it("an emoji is exactly one: flags, ZWJ sequences, skin tones, keycaps; nothing around it", () => {
    for (const ok of ["👍", "🇫🇷", "👩‍👩‍👧", "👍🏽", "1️⃣", "#️⃣", "❤️", "❤", "🏳️‍🌈", "👩🏻‍❤️‍💋‍👨🏼"]) expect(isOneEmoji(ok), ok).toBe(true);
    for (const bad of ["👍buy-pills-at-evil.example", "👍👍", "x👍", "👍 ", " 👍", "<👍>", "1", "#", "a", "🇫", "♥︎text", "%F0%9F%91%8D", "", "\u200d"]) {
      expect(emojiSchema.safeParse(bad).success, bad).toBe(false);
    }
  });
});
