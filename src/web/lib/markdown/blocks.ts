/**
 * Block structure, Discord style: ``` fenced code blocks (anywhere, even mid-line),
 * `> ` quoted lines and `>>> ` which quotes the rest of the message. Quotes do not
 * nest. At the start of a line: `# `, `## `, `### ` headings, `-# ` subtext, and lists
 * (`- `, `* `, `1. `) with one level of nesting by indentation. Everything between
 * blocks is inline content, parsed by inline.ts.
 */
import type { BlockNode, ListBlock } from "./ast";
import { parseInline } from "./inline";
import { isEscapable } from "./scanner";

const fence = "```";
/** A fence's first line is a language only when it is one short word, like Discord. */
const languagePattern = /^[A-Za-z0-9_+#.-]{1,20}$/;
/** Read at a line's start only (sticky), each over a bounded prefix: headings and subtext need text after the space. */
const headingPattern = /(#{1,3}|-#) (?=[^\s])/y;
const listItemPattern = /([ \t]{0,8})([-*]|\d{1,9}\.) (?=[^\s])/y;

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
      const at = i;
      const lineEnd = lineStart ? this.lineBlock(i, () => this.inline(inlineStart, at)) : -1;
      if (lineEnd !== -1) {
        i = lineEnd;
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

  /** A heading, subtext or list starting the line at `start`: pushed, and where the next line starts; -1 when none. */
  private lineBlock(start: number, flush: () => void): number {
    const { source } = this;
    const char = source[start];
    if (char === "#" || char === "-") {
      headingPattern.lastIndex = start;
      const heading = headingPattern.exec(source);
      if (heading) {
        const marker = heading[1] ?? "";
        const { text, next } = this.line(start + marker.length + 1);
        const children = parseInline(text);
        flush();
        this.blocks.push(marker === "-#" ? { type: "subtext", children } : { type: "heading", level: marker.length as 1 | 2 | 3, children });
        return next;
      }
    }
    if (char === "-" || char === "*" || char === " " || char === "\t" || (char !== undefined && char >= "0" && char <= "9")) {
      return this.list(start, flush);
    }
    return -1;
  }

  /** Consecutive list lines from `start`; an indented one goes under the item above it. */
  private list(start: number, flush: () => void): number {
    const { source } = this;
    let list: ListBlock | null = null;
    let i = start;
    while (i < source.length) {
      listItemPattern.lastIndex = i;
      const match = listItemPattern.exec(source);
      if (!match) break;
      const [whole, indent = "", marker = ""] = match;
      const ordered = marker !== "-" && marker !== "*";
      const nested = indent.length > 0 && list !== null;
      if (!nested && list && list.ordered !== ordered) break;
      const { text, next } = this.line(i + whole.length);
      const item = { children: parseInline(text) };
      const first: number = ordered ? Number.parseInt(marker, 10) : 1;
      if (!list) {
        flush();
        list = { type: "list", ordered, start: first, items: [] };
        this.blocks.push(list);
      }
      const parent = nested ? list.items[list.items.length - 1] : undefined;
      if (parent) {
        if (!parent.sublist) parent.sublist = { type: "list", ordered, start: first, items: [] };
        parent.sublist.items.push(item);
      } else list.items.push(item);
      i = next;
    }
    return list ? i : -1;
  }

  /** The rest of the line from `from`, and where the next one starts. */
  private line(from: number): { text: string; next: number } {
    const newline = this.source.indexOf("\n", from);
    return newline === -1 ? { text: this.source.slice(from), next: this.source.length } : { text: this.source.slice(from, newline), next: newline + 1 };
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
