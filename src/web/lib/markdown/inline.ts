/**
 * Inline markdown: one left-to-right pass over the text. Emphasis-like markers go on a
 * stack of open frames; a closing marker closes the nearest open frame of its kind and
 * turns any frames it crosses back into plain text. Code spans and links are atomic.
 * Every lookahead goes through ForwardFinder, so the pass is linear in the input.
 */
import { mentionAt } from "@/shared/mentions";
import type { ContainerType, InlineNode } from "./ast";
import { bareUrlEnd, safeHref, schemePrefixLength } from "./links";
import { ForwardFinder, isEscapable, isWhitespace, isWordChar, runLength } from "./scanner";

/** Deeper nesting is shown as literal markers: enough for real messages, bounded for renderers. */
export const maxInlineDepth = 8;

type Marker = "**" | "*" | "__" | "_" | "~~" | "||";

const containerOf: Record<Marker, ContainerType> = {
  "**": "bold",
  "*": "italic",
  __: "underline",
  _: "italic",
  "~~": "strike",
  "||": "spoiler",
};

interface Frame {
  marker: Marker | null;
  children: InlineNode[];
}

export interface InlineOptions {
  /** False inside a masked link's text: links (and mentions, which are clickable too) do not nest. */
  links?: boolean;
}

export function parseInline(source: string, options: InlineOptions = {}): InlineNode[] {
  return new InlineParser(source, options.links ?? true).parse();
}

class InlineParser {
  private readonly finder: ForwardFinder;
  private readonly frames: Frame[] = [{ marker: null, children: [] }];
  private readonly open = new Map<Marker, number>();
  private pos = 0;

  constructor(
    private readonly source: string,
    private readonly links: boolean,
  ) {
    this.finder = new ForwardFinder(source);
  }

  parse(): InlineNode[] {
    const { source } = this;
    let textStart = 0;
    while (this.pos < source.length) {
      const at = this.pos;
      const handled = this.special(source[at] ?? "", textStart);
      if (handled) textStart = this.pos;
      else this.pos = at + 1;
    }
    this.text(source.slice(textStart));
    while (this.frames.length > 1) this.dissolveTop();
    return this.frames[0]?.children ?? [];
  }

  /** Handles a construct at `pos`, flushing pending text first; false leaves the character as text. */
  private special(char: string, textStart: number): boolean {
    const { source, pos } = this;
    const flush = () => this.text(source.slice(textStart, pos));
    switch (char) {
      case "\\":
        if (!isEscapable(source[pos + 1])) return false;
        flush();
        // A backslash does not escape a mention: the server records it, so it is drawn.
        if (this.links && this.mention(pos + 1)) return true;
        this.text(source[pos + 1] ?? "");
        this.pos = pos + 2;
        return true;
      case "*":
      case "_":
      case "~":
      case "|":
        flush();
        this.delimiterRun(char);
        return true;
      case "`":
        return this.codeSpan(flush);
      case "[":
        return this.links && this.maskedLink(flush);
      case "<":
        if (!this.links) return false;
        return this.mentionToken(flush) || this.angleLink(flush);
      case "@":
        return this.links && this.mentionToken(flush);
      default:
        return this.links && this.bareLink(flush);
    }
  }

  private text(text: string): void {
    if (!text) return;
    const children = this.top().children;
    const last = children[children.length - 1];
    if (last?.type === "text") last.text += text;
    else children.push({ type: "text", text });
  }

  private top(): Frame {
    const frame = this.frames[this.frames.length - 1];
    if (!frame) throw new Error("the root frame is never popped");
    return frame;
  }

  private delimiterRun(char: string): void {
    const { source } = this;
    const start = this.pos;
    const length = runLength(source, start, char);
    this.pos = start + length;
    const before = source[start - 1];
    const after = source[start + length];
    const intraword = char === "_";
    const canClose = start > 0 && !isWhitespace(before) && !(intraword && isWordChar(after));
    const canOpen = after !== undefined && !isWhitespace(after) && !(intraword && isWordChar(before));
    const single = (char === "*" || char === "_" ? char : null) as Marker | null;
    const double = (char + char) as Marker;

    let left = length;
    while (canClose && left > 0) {
      const marker = this.closerFor(single, double, left);
      if (!marker) break;
      this.close(marker);
      left -= marker.length;
    }
    while (canOpen && left > 0 && this.frames.length <= maxInlineDepth) {
      const marker = left >= 2 ? double : single;
      if (!marker) break;
      this.frames.push({ marker, children: [] });
      this.open.set(marker, (this.open.get(marker) ?? 0) + 1);
      left -= marker.length;
    }
    this.text(char.repeat(left));
  }

  /** Which open marker this run should close, preferring the innermost frame. */
  private closerFor(single: Marker | null, double: Marker, left: number): Marker | null {
    const topMarker = this.top().marker;
    if (single && topMarker === single) return single;
    if (topMarker === double && left >= 2) return double;
    if (left >= 2 && (this.open.get(double) ?? 0) > 0) return double;
    if (single && (this.open.get(single) ?? 0) > 0) return single;
    return null;
  }

  private close(marker: Marker): void {
    while (this.top().marker !== marker) this.dissolveTop();
    const frame = this.frames.pop();
    if (!frame) return;
    this.open.set(marker, (this.open.get(marker) ?? 1) - 1);
    if (frame.children.length === 0) {
      this.text(marker + marker);
      return;
    }
    this.top().children.push({ type: containerOf[marker], children: frame.children });
  }

  /** An unclosed frame becomes its marker as text followed by its contents (bounded by depth). */
  private dissolveTop(): void {
    const frame = this.frames.pop();
    if (!frame?.marker) return;
    this.open.set(frame.marker, (this.open.get(frame.marker) ?? 1) - 1);
    this.text(frame.marker);
    for (const child of frame.children) {
      if (child.type === "text") this.text(child.text);
      else this.top().children.push(child);
    }
  }

  private codeSpan(flush: () => void): boolean {
    const { source, pos } = this;
    const length = runLength(source, pos, "`");
    // Runs of three or more are code fences; a fence that got this far was unclosed.
    if (length > 2) {
      flush();
      this.text("`".repeat(length));
      this.pos = pos + length;
      return true;
    }
    const close = this.finder.nextRun("`", length, pos + length);
    if (close === -1) return false;
    flush();
    let code = source.slice(pos + length, close);
    // As in CommonMark, one padding space each side lets code start or end with a backtick.
    if (code.length > 2 && code.startsWith(" ") && code.endsWith(" ") && code.trim()) code = code.slice(1, -1);
    this.top().children.push({ type: "code", text: code });
    this.pos = close + length;
    return true;
  }

  private maskedLink(flush: () => void): boolean {
    const { source, pos, finder } = this;
    const textEnd = finder.next("]", pos + 1);
    if (textEnd <= pos + 1 || source[textEnd + 1] !== "(") return false;
    const nested = finder.next("[", pos + 1);
    const newline = finder.next("\n", pos + 1);
    if ((nested !== -1 && nested < textEnd) || (newline !== -1 && newline < textEnd)) return false;
    const target = this.linkTarget(textEnd + 2);
    if (!target) return false;
    flush();
    const href = safeHref(target.url);
    const label = source.slice(pos + 1, textEnd);
    if (href && label.trim()) {
      this.top().children.push({ type: "link", href, masked: true, children: parseInline(label, { links: false }) });
    } else {
      // A refused destination shows the whole construct as text, so readers see what was sent.
      this.text(source.slice(pos, target.end));
    }
    this.pos = target.end;
    return true;
  }

  /** The `(url)` or `(<url>)` part of a masked link starting at `start`; `end` is past the `)`. */
  private linkTarget(start: number): { url: string; end: number } | null {
    const { source } = this;
    if (source[start] === "<") {
      const gt = this.finder.next(">", start + 1);
      if (gt === -1 || source[gt + 1] !== ")") return null;
      const url = source.slice(start + 1, gt);
      return /[\s<[\]]/.test(url) ? null : { url, end: gt + 2 };
    }
    let depth = 0;
    // Stops at `]`, so two candidate targets never overlap and each character is read once.
    for (let i = start; i < source.length; i++) {
      const char = source[i] ?? "";
      if (char === ")") {
        if (depth === 0) return i > start ? { url: source.slice(start, i), end: i + 1 } : null;
        depth--;
      } else if (char === "(") depth++;
      else if (isWhitespace(char) || char === "[" || char === "]" || char === "<" || char === ">") return null;
    }
    return null;
  }

  /** A mention token starting at `at` (the one tokenizer the server reads them with); pending text is already flushed. */
  private mention(at: number): boolean {
    const found = mentionAt(this.source, at, { channels: true });
    if (!found) return false;
    const { segment } = found;
    const id = segment.type === "everyone" || segment.type === "here" ? segment.type : segment.id;
    this.top().children.push({ type: "mention", kind: segment.type, id });
    this.pos = found.end;
    return true;
  }

  private mentionToken(flush: () => void): boolean {
    if (!mentionAt(this.source, this.pos, { channels: true })) return false;
    flush();
    return this.mention(this.pos);
  }

  private angleLink(flush: () => void): boolean {
    const { source, pos, finder } = this;
    const gt = finder.next(">", pos + 1);
    const lt = finder.next("<", pos + 1);
    if (gt === -1 || (lt !== -1 && lt < gt) || schemePrefixLength(source, pos + 1) === 0) return false;
    const raw = source.slice(pos + 1, gt);
    const href = safeHref(raw);
    if (!href) return false;
    flush();
    this.top().children.push({ type: "link", href, masked: false, children: [{ type: "text", text: raw }] });
    this.pos = gt + 1;
    return true;
  }

  private bareLink(flush: () => void): boolean {
    const { source, pos } = this;
    const char = source[pos];
    if (char !== "h" && char !== "H" && char !== "m" && char !== "M") return false;
    if (isWordChar(source[pos - 1]) || schemePrefixLength(source, pos) === 0) return false;
    const end = bareUrlEnd(source, pos);
    const raw = source.slice(pos, end);
    const href = safeHref(raw);
    flush();
    // A refused candidate is skipped whole as text: re-reading it from every later
    // position would make the pass quadratic.
    if (href) this.top().children.push({ type: "link", href, masked: false, children: [{ type: "text", text: raw }] });
    else this.text(raw);
    this.pos = Math.max(end, pos + 1);
    return true;
  }
}
