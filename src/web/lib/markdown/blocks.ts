/**
 * Block structure, Discord style: ``` fenced code blocks (anywhere, even mid-line),
 * `> ` quoted lines and `>>> ` which quotes the rest of the message. Quotes do not
 * nest. Everything between blocks is inline content, parsed by inline.ts.
 */
import type { BlockNode } from "./ast";
import { parseInline } from "./inline";
import { isEscapable } from "./scanner";

const fence = "```";
/** A fence's first line is a language only when it is one short word, like Discord. */
const languagePattern = /^[A-Za-z0-9_+#.-]{1,20}$/;

export function parseBlocks(source: string): BlockNode[] {
  return new BlockParser(source, true).parse();
}

class BlockParser {
  private readonly blocks: BlockNode[] = [];
  /** Once a fence finds no closer, no later fence can: skip the search from then on. */
  private fencesExhausted = false;

  constructor(
    private readonly source: string,
    private readonly quotesAllowed: boolean,
  ) {}

  parse(): BlockNode[] {
    const { source } = this;
    let inlineStart = 0;
    let i = 0;
    while (i < source.length) {
      const lineStart = i === 0 || source[i - 1] === "\n";
      if (lineStart && this.quotesAllowed && source.startsWith(">>> ", i)) {
        this.inline(inlineStart, i);
        this.blocks.push({ type: "quote", children: new BlockParser(source.slice(i + 4), false).parse() });
        return this.blocks;
      }
      if (lineStart && this.quotesAllowed && source.startsWith("> ", i)) {
        this.inline(inlineStart, i);
        i = this.quoteLines(i);
        inlineStart = i;
        continue;
      }
      const char = source[i];
      if (char === "\\" && isEscapable(source[i + 1])) {
        i += 2;
        continue;
      }
      if (char === "`" && source.startsWith(fence, i) && !this.fencesExhausted) {
        const close = source.indexOf(fence, i + fence.length);
        if (close === -1) {
          this.fencesExhausted = true;
        } else {
          this.inline(inlineStart, i);
          this.codeBlock(source.slice(i + fence.length, close));
          i = close + fence.length;
          // The block already ends the line; a newline right after it would show as a blank one.
          if (source[i] === "\n") i++;
          inlineStart = i;
          continue;
        }
      }
      i++;
    }
    this.inline(inlineStart, source.length);
    return this.blocks;
  }

  /** Collects consecutive `> ` lines from `start` into one quote; returns where the next line starts. */
  private quoteLines(start: number): number {
    const { source } = this;
    const lines: string[] = [];
    let i = start;
    while (i < source.length && source.startsWith("> ", i)) {
      const newline = source.indexOf("\n", i);
      const end = newline === -1 ? source.length : newline;
      lines.push(source.slice(i + 2, end));
      i = newline === -1 ? source.length : newline + 1;
    }
    this.blocks.push({ type: "quote", children: new BlockParser(lines.join("\n"), false).parse() });
    return i;
  }

  private inline(start: number, end: number): void {
    let text = this.source.slice(start, end);
    // The block that follows starts its own line, so this line break is already implied.
    if (end < this.source.length && text.endsWith("\n")) text = text.slice(0, -1);
    if (text.length === 0) return;
    this.blocks.push({ type: "inline", children: parseInline(text) });
  }

  private codeBlock(body: string): void {
    const newline = body.indexOf("\n");
    const firstLine = newline === -1 ? "" : body.slice(0, newline).trim();
    const language = languagePattern.test(firstLine) ? firstLine.toLowerCase() : null;
    let code = language !== null || (newline !== -1 && firstLine === "") ? body.slice(newline + 1) : body;
    if (code.endsWith("\n")) code = code.slice(0, -1);
    this.blocks.push({ type: "codeBlock", language, code });
  }
}
