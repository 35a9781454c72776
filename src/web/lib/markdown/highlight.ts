/**
 * A small, linear syntax highlighter: splits code into coloured tokens (keywords,
 * strings, numbers, comments, tags). Output is data, rendered as text in spans, so
 * nothing in a code block can ever become markup. Unknown languages stay plain.
 */
import type { HighlightKind, HighlightToken } from "./ast";
import { languageSpec, type LanguageSpec } from "./languages";

const identStart = /[A-Za-z_$@]/;
const identPart = /[A-Za-z0-9_$-]/;
const numberPart = /[0-9A-Fa-fxXoObBn._]/;

export function highlight(code: string, language: string | null): HighlightToken[] {
  const spec = languageSpec(language);
  if (!spec) return code ? [{ kind: "plain", text: code }] : [];
  return new Highlighter(code, spec).run();
}

class Highlighter {
  private readonly tokens: HighlightToken[] = [];
  private i = 0;

  constructor(
    private readonly code: string,
    private readonly spec: LanguageSpec,
  ) {}

  run(): HighlightToken[] {
    while (this.i < this.code.length) {
      if (!(this.spec.markup ? this.markup() : this.common())) this.emit("plain", this.i + 1);
    }
    return this.tokens;
  }

  /** Adds code[i, end) as a token of `kind`, merging with a neighbour of the same kind. */
  private emit(kind: HighlightKind, end: number): void {
    const text = this.code.slice(this.i, end);
    this.i = end;
    const last = this.tokens[this.tokens.length - 1];
    if (last?.kind === kind) last.text += text;
    else this.tokens.push({ kind, text });
  }

  private until(needle: string, from: number): number {
    const at = this.code.indexOf(needle, from);
    return at === -1 ? this.code.length : at + needle.length;
  }

  private common(): boolean {
    const { code, spec, i } = this;
    const char = code[i] ?? "";
    for (const marker of spec.lineComments) {
      if (code.startsWith(marker, i)) return this.emitTo("comment", this.lineEnd(i));
    }
    if (spec.blockComment && code.startsWith(spec.blockComment[0], i)) {
      return this.emitTo("comment", this.until(spec.blockComment[1], i + spec.blockComment[0].length));
    }
    if (spec.tripleQuotes && (code.startsWith('"""', i) || code.startsWith("'''", i))) {
      return this.emitTo("string", this.until(code.slice(i, i + 3), i + 3));
    }
    if (spec.quotes.includes(char)) return this.emitTo("string", this.stringEnd(i, char));
    if (spec.dollarVariables && char === "$" && /[A-Za-z_0-9{]/.test(code[i + 1] ?? "")) {
      return this.emitTo("literal", this.scan(i + 1, /[A-Za-z0-9_{}]/));
    }
    if (/[0-9]/.test(char) && !identPart.test(code[i - 1] ?? "")) return this.emitTo("number", this.scan(i, numberPart));
    if (identStart.test(char)) {
      const end = this.scan(i + 1, identPart);
      const raw = code.slice(i, end);
      const word = spec.caseInsensitive ? raw.toLowerCase() : raw;
      const bare = word.startsWith("@") ? word.slice(1) : word;
      const kind = spec.keywords.has(bare) ? "keyword" : spec.literals.has(word) ? "literal" : "plain";
      return this.emitTo(kind, end);
    }
    return false;
  }

  /** HTML and XML: comments, tag names, attribute names and quoted values. */
  private markup(): boolean {
    const { code, i } = this;
    if (code.startsWith("<!--", i)) return this.emitTo("comment", this.until("-->", i + 4));
    if (code[i] !== "<") return false;
    const nameStart = code[i + 1] === "/" ? i + 2 : i + 1;
    if (!/[A-Za-z!?]/.test(code[nameStart] ?? "")) return false;
    this.emit("punct", nameStart);
    this.emit("tag", this.scan(nameStart + 1, /[A-Za-z0-9:_-]/));
    // Attributes up to the end of the tag.
    while (this.i < code.length && code[this.i] !== ">" && code[this.i] !== "<") {
      const char = code[this.i] ?? "";
      if (char === '"' || char === "'") this.emit("string", this.stringEnd(this.i, char, true));
      else if (/[A-Za-z_:@-]/.test(char)) this.emit("attr", this.scan(this.i + 1, /[A-Za-z0-9_:.@-]/));
      else this.emit("punct", this.i + 1);
    }
    if (code[this.i] === ">") this.emit("punct", this.i + 1);
    return true;
  }

  private emitTo(kind: HighlightKind, end: number): true {
    this.emit(kind, Math.max(end, this.i + 1));
    return true;
  }

  private scan(from: number, part: RegExp): number {
    let end = from;
    while (end < this.code.length && part.test(this.code[end] ?? "")) end++;
    return end;
  }

  private lineEnd(from: number): number {
    const newline = this.code.indexOf("\n", from);
    return newline === -1 ? this.code.length : newline;
  }

  /** End of a string opened at `start`: the unescaped closing quote, or the line's end (template strings span lines). */
  private stringEnd(start: number, quote: string, multiline = quote === "`"): number {
    let end = start + 1;
    while (end < this.code.length) {
      const char = this.code[end];
      if (char === "\\") end += 2;
      else if (char === quote) return end + 1;
      else if (char === "\n" && !multiline) return end;
      else end++;
    }
    return this.code.length;
  }
}
