import { describe, expect, it } from "vitest";
import { flattenToLine, markBlockTerms } from "./flatten";
import { parseMarkdown } from "./index";
import { show, showBlocks } from "./test-helpers";

describe("flattenToLine", () => {
  it("draws every block as inline content on one line", () => {
    const line = flattenToLine(parseMarkdown("# Title\n- a\n  - b\n> **quoted**\nnext\nline\n```js\nx = 1\ny\n```\n-# small"));
    expect(show(line)).toBe("Title a b bold(quoted) next line code(x = 1 y) small");
  });

  it("keeps spoilers and mentions as they are", () => {
    expect(show(flattenToLine(parseMarkdown("||secret\nstuff|| <@abc>")))).toBe("spoiler(secret stuff) <user:abc>");
  });
});

describe("markBlockTerms", () => {
  it("marks search terms in text, not in code or mentions", () => {
    const marked = markBlockTerms(parseMarkdown("**cake** and cake `cake`\n- more cake"), ["cake"]);
    expect(showBlocks(marked)).toEqual(["bold(mark(cake)) and mark(cake) code(cake)", "ul[more mark(cake)]"]);
    expect(showBlocks(markBlockTerms(parseMarkdown("||cake||"), ["cake"]))).toEqual(["spoiler(mark(cake))"]);
  });
});
