import { describe, expect, it } from "vitest";
import { maxInlineDepth, parseInline } from "./inline";
import { show } from "./test-helpers";

const md = (source: string) => show(parseInline(source));

describe("inline markdown", () => {
  it("renders each emphasis marker", () => {
    expect(md("**bold**")).toBe("bold(bold)");
    expect(md("*italic* and _italic_")).toBe("italic(italic) and italic(italic)");
    expect(md("__underline__")).toBe("underline(underline)");
    expect(md("~~strike~~")).toBe("strike(strike)");
    expect(md("||secret||")).toBe("spoiler(secret)");
  });

  it("nests markers, including runs of three", () => {
    expect(md("***both***")).toBe("bold(italic(both))");
    expect(md("___both___")).toBe("underline(italic(both))");
    expect(md("**bold *and italic***")).toBe("bold(bold italic(and italic))");
    expect(md("||**loud** secret||")).toBe("spoiler(bold(loud) secret)");
    expect(md("~~__u__~~")).toBe("strike(underline(u))");
  });

  it("leaves unclosed and mismatched markers as text", () => {
    expect(md("**not closed")).toBe("**not closed");
    expect(md("*a **b* c**")).toBe("italic(a **b) c**");
    expect(md("~single~ |pipe|")).toBe("~single~ |pipe|");
    expect(md("****")).toBe("****");
    expect(md("2 * 3 * 4")).toBe("2 * 3 * 4");
    expect(md("||")).toBe("||");
  });

  it("keeps underscores inside words plain", () => {
    expect(md("snake_case_name and __init__")).toBe("snake_case_name and underline(init)");
    expect(md("a*b*c")).toBe("aitalic(b)c");
  });

  it("honours backslash escapes for punctuation only", () => {
    expect(md("\\*not italic\\*")).toBe("*not italic*");
    expect(md("\\||x\\||")).toBe("||x||");
    expect(md("C:\\Users\\me")).toBe("C:\\Users\\me");
    expect(md("\\`tick\\`")).toBe("`tick`");
    expect(md("\\[a](https://x.test)")).toBe("[a](link(https://x.test/|https://x.test))");
  });

  it("treats code spans as literal", () => {
    expect(md("`**not bold**`")).toBe("code(**not bold**)");
    expect(md("`` a`b ``")).toBe("code(a`b)");
    expect(md("`unclosed")).toBe("`unclosed");
    expect(md("`<script>alert(1)</script>`")).toBe("code(<script>alert(1)</script>)");
    expect(md("```not a fence here")).toBe("```not a fence here");
  });

  it("bounds nesting depth", () => {
    const deep = "||".repeat(maxInlineDepth + 4) + "x" + "||".repeat(maxInlineDepth + 4);
    let depth = 0;
    let nodes = parseInline(deep);
    while (nodes[0] && "children" in nodes[0]) {
      depth++;
      nodes = nodes[0].children;
    }
    expect(depth).toBeLessThanOrEqual(maxInlineDepth);
  });
});

describe("links", () => {
  it("links bare http, https and mailto URLs, without trailing punctuation", () => {
    expect(md("see https://example.com/a?b=1.")).toBe("see link(https://example.com/a?b=1|https://example.com/a?b=1).");
    expect(md("(http://example.com)")).toBe("(link(http://example.com/|http://example.com))");
    expect(md("https://en.wikipedia.org/wiki/Foo_(bar)")).toBe(
      "link(https://en.wikipedia.org/wiki/Foo_(bar)|https://en.wikipedia.org/wiki/Foo_(bar))",
    );
    expect(md("mailto:me@example.com")).toBe("link(mailto:me@example.com|mailto:me@example.com)");
    expect(md("**https://example.com**")).toBe("bold(link(https://example.com/|https://example.com))");
  });

  it("does not link other schemes or words that merely contain a scheme", () => {
    expect(md("javascript:alert(1)")).toBe("javascript:alert(1)");
    expect(md("xhttps://example.com")).toBe("xhttps://example.com");
    expect(md("ftp://example.com data:text/html,x")).toBe("ftp://example.com data:text/html,x");
    expect(md("https:// nothing")).toBe("https:// nothing");
  });

  it("links <url> and keeps refused ones as text", () => {
    expect(md("<https://example.com/x>")).toBe("link(https://example.com/x|https://example.com/x)");
    expect(md("<javascript:alert(1)>")).toBe("<javascript:alert(1)>");
    expect(md("<b onmouseover=alert(1)>hi</b>")).toBe("<b onmouseover=alert(1)>hi</b>");
  });

  it("allows masked links to http(s) only, with formatted text", () => {
    expect(md("[**docs**](https://example.com/docs)")).toBe("mlink(https://example.com/docs|bold(docs))");
    // A space ends the target, so this is no masked link; the bare URL inside still links.
    expect(md("[docs](<https://example.com/a b>)")).toBe("[docs](<link(https://example.com/a|https://example.com/a) b>)");
    expect(md("[docs](<https://example.com/ab>)")).toBe("mlink(https://example.com/ab|docs)");
    expect(md("[x](javascript:alert(1))")).toBe("[x](javascript:alert(1))");
    expect(md("[x](data:text/html;base64,PHNjcmlwdD4=)")).toBe("[x](data:text/html;base64,PHNjcmlwdD4=)");
    expect(md("[x](//evil.example)")).toBe("[x](//evil.example)");
    // Empty or blank text is no masked link, so nothing can hide where a link goes.
    expect(md("[](https://example.com)")).toBe("[](link(https://example.com/|https://example.com))");
    expect(md("[ ](https://example.com)")).toBe("[ ](https://example.com)");
  });

  it("does not nest links inside masked link text", () => {
    expect(md("[https://a.example](https://b.example)")).toBe("mlink(https://b.example/|https://a.example)");
    expect(md("[a [b](https://x.example)")).toBe("[a mlink(https://x.example/|b)");
  });

  it("reads mentions with the server's tokenizer", () => {
    expect(md("hi <@abc>, <@&12> and <#34>")).toBe("hi <user:abc>, <role:12> and <channel:34>");
    expect(md("@everyone and @here!")).toBe("<everyone:everyone> and <here:here>!");
    expect(md("**<@abc>** ||<#34>||")).toBe("bold(<user:abc>) spoiler(<channel:34>)");
    expect(md("me@here.org <#abc> <@&x> <@ a>")).toBe("me@here.org <#abc> <@&x> <@ a>");
    expect(md("<@everyone>")).toBe("<<everyone:everyone>>");
  });

  it("draws no mention inside code or a masked link's text", () => {
    expect(md("`<@abc>` `@here`")).toBe("code(<@abc>) code(@here)");
    expect(md("[<@abc>](https://example.com)")).toBe("mlink(https://example.com/|<@abc>)");
  });

  it("keeps a mention after a backslash, as the server records it", () => {
    expect(md("\\<@abc> \\@here \\<#1>")).toBe("<user:abc> <here:here> <channel:1>");
    expect(md("\\<b>")).toBe("<b>");
  });

  it("still reads angle links beside mentions", () => {
    expect(md("<@abc><https://example.com>")).toBe("<user:abc>link(https://example.com/|https://example.com)");
  });
});
