import { describe, expect, it } from "vitest";
import { isSystemLine, systemLineParts, systemLineText, welcomeLine, welcomeLines } from "./system-lines";

describe("system lines", () => {
  it("tells join and pin lines from people's messages", () => {
    expect(isSystemLine({ type: "join" })).toBe(true);
    expect(isSystemLine({ type: "pin" })).toBe(true);
    expect(isSystemLine({ type: "default" })).toBe(false);
    expect(isSystemLine({ type: "call" })).toBe(false);
  });

  it("words a pin line with the name standing apart", () => {
    expect(systemLineParts({ id: "1", type: "pin" }, "Ann")).toEqual({ before: "", name: "Ann", after: " pinned a message to this channel." });
    expect(systemLineText({ id: "1", type: "pin" }, "Ann")).toBe("Ann pinned a message to this channel.");
  });

  it("picks one welcome line per message, the same for every reader, and uses them all", () => {
    expect(welcomeLine("123456789012345678")).toBe(welcomeLine("123456789012345678"));
    const seen = new Set(Array.from({ length: 200 }, (_, i) => welcomeLine(String(1_000_000 + i))));
    expect(seen.size).toBe(welcomeLines.length);
    for (let i = 0; i < 50; i++) {
      const text = systemLineText({ id: String(i), type: "join" }, "Ann");
      expect(text).toContain("Ann");
      expect(text).not.toContain("{}");
    }
  });
});
