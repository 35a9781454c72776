import { describe, expect, it } from "vitest";
import type { HighlightKind } from "./ast";
import { highlight } from "./highlight";

/** The text of every token of one kind. */
const of = (code: string, language: string, kind: HighlightKind) =>
  highlight(code, language)
    .filter((token) => token.kind === kind)
    .map((token) => token.text);

describe("highlight", () => {
  it("never loses or reorders text", () => {
    const code = "const s = `a ${b}`; // c\n/* d */ let n = 0x1F;";
    expect(
      highlight(code, "ts")
        .map((t) => t.text)
        .join(""),
    ).toBe(code);
  });

  it("colours JavaScript and TypeScript", () => {
    expect(of("const x = 'a'; // note", "js", "keyword")).toEqual(["const"]);
    expect(of("const x = 'a'; // note", "typescript", "string")).toEqual(["'a'"]);
    expect(of("const x = 'a'; // note", "js", "comment")).toEqual(["// note"]);
    expect(of("return null || 42", "js", "literal")).toEqual(["null"]);
    expect(of("return null || 42", "js", "number")).toEqual(["42"]);
  });

  it("colours JSON, Python, Bash, CSS and SQL", () => {
    expect(of('{"a": true, "b": 1.5}', "json", "string")).toEqual(['"a"', '"b"']);
    expect(of('def f():\n    """doc"""\n    return None  # x', "py", "string")).toEqual(['"""doc"""']);
    expect(of("def f(): return None  # x", "python", "keyword")).toEqual(["def", "return"]);
    expect(of('echo "$HOME" && export A=1', "bash", "keyword")).toEqual(["echo", "export"]);
    expect(of("echo $HOME", "sh", "literal")).toEqual(["$HOME"]);
    expect(of("@media (x) { a { color: red !important; } } /* c */", "css", "comment")).toEqual(["/* c */"]);
    expect(of("SELECT id FROM t WHERE n = 'x' -- why", "sql", "keyword")).toEqual(["SELECT", "FROM", "WHERE"]);
    expect(of("SELECT id FROM t WHERE n = 'x' -- why", "sql", "comment")).toEqual(["-- why"]);
  });

  it("colours HTML tags, attributes and comments without interpreting them", () => {
    const code = '<img src="x" onerror="alert(1)"><!-- c -->';
    expect(of(code, "html", "tag")).toEqual(["img"]);
    expect(of(code, "html", "attr")).toEqual(["src", "onerror"]);
    expect(of(code, "html", "string")).toEqual(['"x"', '"alert(1)"']);
    expect(of(code, "html", "comment")).toEqual(["<!-- c -->"]);
  });

  it("leaves unknown languages and unterminated constructs plain or to the end", () => {
    expect(highlight("whatever", "brainfuck")).toEqual([{ kind: "plain", text: "whatever" }]);
    expect(highlight("", null)).toEqual([]);
    expect(of("x = 'open", "js", "string")).toEqual(["'open"]);
    expect(of("/* open", "css", "comment")).toEqual(["/* open"]);
  });
});
