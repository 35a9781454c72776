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
});
