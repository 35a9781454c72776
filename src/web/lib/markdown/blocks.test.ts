import { describe, expect, it } from "vitest";
import { parseMarkdown } from "./index";
import { showBlocks } from "./test-helpers";

const md = (source: string) => showBlocks(parseMarkdown(source));

describe("blocks", () => {
  it("keeps plain text and line breaks as one inline run", () => {
    expect(md("hello\nworld")).toEqual(["hello\nworld"]);
    expect(md("")).toEqual([]);
  });

  it("parses fenced code with and without a language", () => {
    expect(md("```js\nconst a = 1;\n```")).toEqual(["codeBlock[js](const a = 1;)"]);
    expect(md("```\nplain **text**\n```")).toEqual(["codeBlock[](plain **text**)"]);
    expect(md("```inline code```")).toEqual(["codeBlock[](inline code)"]);
    expect(md("```not a language\nx```")).toEqual(["codeBlock[](not a language\nx)"]);
    expect(md("before\n```py\nx = 1\n```\nafter")).toEqual(["before", "codeBlock[py](x = 1)", "after"]);
  });

  it("leaves an unclosed fence as text", () => {
    expect(md("```js\nno end")).toEqual(["```js\nno end"]);
    expect(md("\\```not code```")).toEqual(["```not code```"]);
  });

  it("quotes > lines and >>> to the end", () => {
    expect(md("> one\n> **two**\nafter")).toEqual(["quote[one\nbold(two)]", "after"]);
    expect(md("before\n> quoted")).toEqual(["before", "quote[quoted]"]);
    expect(md(">>> all\nof\n```\nthis\n```")).toEqual(["quote[all\nof | codeBlock[](this)]"]);
    expect(md(">no space")).toEqual([">no space"]);
    expect(md("> > nested is text")).toEqual(["quote[> nested is text]"]);
    expect(md("a > b")).toEqual(["a > b"]);
  });

  it("renders HTML as literal text everywhere", () => {
    expect(md("<script>alert(1)</script>")).toEqual(["<script>alert(1)</script>"]);
    expect(md("> <img src=x onerror=alert(1)>")).toEqual(["quote[<img src=x onerror=alert(1)>]"]);
    expect(md("```html\n<svg onload=alert(1)>\n```")).toEqual(["codeBlock[html](<svg onload=alert(1)>)"]);
  });

  it("parses headings at the start of a line, with a space and text after", () => {
    expect(md("# Big\n## Medium\n### Small")).toEqual(["h1(Big)", "h2(Medium)", "h3(Small)"]);
    expect(md("before\n# **bold** title\nafter")).toEqual(["before", "h1(bold(bold) title)", "after"]);
    expect(md("#nospace")).toEqual(["#nospace"]);
    expect(md("#### four")).toEqual(["#### four"]);
    expect(md("# ")).toEqual(["# "]);
    expect(md("#  \nx")).toEqual(["#  \nx"]);
    expect(md("a # not a heading")).toEqual(["a # not a heading"]);
    expect(md(" # indented")).toEqual([" # indented"]);
    expect(md("\\# escaped")).toEqual(["# escaped"]);
  });

  it("parses -# subtext", () => {
    expect(md("-# small print\nnormal")).toEqual(["sub(small print)", "normal"]);
    expect(md("-#tight")).toEqual(["-#tight"]);
    expect(md("x -# y")).toEqual(["x -# y"]);
  });

  it("parses bulleted and numbered lists with one level of nesting", () => {
    expect(md("- one\n* two\n- **three**")).toEqual(["ul[one | two | bold(three)]"]);
    expect(md("1. first\n2. second")).toEqual(["ol1[first | second]"]);
    expect(md("3. from three\n4. on")).toEqual(["ol3[from three | on]"]);
    expect(md("- a\n  - a1\n  - a2\n- b")).toEqual(["ul[a ul[a1 | a2] | b]"]);
    expect(md("1. a\n   - bullet under a\n2. b")).toEqual(["ol1[a ul[bullet under a] | b]"]);
    expect(md("intro\n- a\n- b\noutro")).toEqual(["intro", "ul[a | b]", "outro"]);
    expect(md("- a\n1. b")).toEqual(["ul[a]", "ol1[b]"]);
  });

  it("leaves what only looks like a list as text", () => {
    expect(md("-not a list")).toEqual(["-not a list"]);
    expect(md("*emphasis*")).toEqual(["italic(emphasis)"]);
    expect(md("- ")).toEqual(["- "]);
    expect(md("1.5 million")).toEqual(["1.5 million"]);
    expect(md("a - b")).toEqual(["a - b"]);
  });

  it("reads headings and lists inside quotes, and code blocks around them", () => {
    expect(md("> # quoted heading\n> - item")).toEqual(["quote[h1(quoted heading) | ul[item]]"]);
    expect(md("```\n# not a heading\n- nor a list\n```")).toEqual(["codeBlock[](# not a heading\n- nor a list)"]);
    expect(md("# title\n```js\nx\n```")).toEqual(["h1(title)", "codeBlock[js](x)"]);
  });

  it("keeps HTML literal in the new blocks too", () => {
    expect(md("# <script>alert(1)</script>\n- <img src=x onerror=alert(1)>\n-# <svg onload=alert(1)>")).toEqual([
      "h1(<script>alert(1)</script>)",
      "ul[<img src=x onerror=alert(1)>]",
      "sub(<svg onload=alert(1)>)",
    ]);
  });
});
