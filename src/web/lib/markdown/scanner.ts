/**
 * Forward-only lookups over one string. Every query starts at or after the previous
 * one, so each cached answer stays valid until the scanner passes it, and each
 * character is examined a bounded number of times per key: the whole parse stays
 * linear however the markers are arranged (no regex backtracking, no rescans).
 */
export class ForwardFinder {
  private readonly cache = new Map<string, { from: number; at: number }>();

  constructor(private readonly source: string) {}

  /** Index of the first `needle` at or after `from`, or -1. */
  next(needle: string, from: number): number {
    const cached = this.cache.get(needle);
    if (cached && cached.from <= from && (cached.at === -1 || cached.at >= from)) return cached.at;
    const at = this.source.indexOf(needle, from);
    this.cache.set(needle, { from, at });
    return at;
  }

  /** Index of the first run of exactly `length` copies of `char` starting at or after `from`, or -1. */
  nextRun(char: string, length: number, from: number): number {
    const key = `${char}#${length}`;
    const cached = this.cache.get(key);
    if (cached && cached.from <= from && (cached.at === -1 || cached.at >= from)) return cached.at;
    let at = -1;
    let i = this.source.indexOf(char, from);
    while (i !== -1) {
      const run = runLength(this.source, i, char);
      if (run === length) {
        at = i;
        break;
      }
      i = this.source.indexOf(char, i + run);
    }
    this.cache.set(key, { from, at });
    return at;
  }
}

export function runLength(source: string, start: number, char: string): number {
  let end = start;
  while (source[end] === char) end++;
  return end - start;
}

export function isWhitespace(char: string | undefined): boolean {
  return char === undefined || char === " " || char === "\t" || char === "\n" || char === "\r" || char === "\f" || char === "\u00a0";
}

/** Letters and digits in any script, so `snake_case_names` and `naïve_word_` stay plain. */
export function isWordChar(char: string | undefined): boolean {
  return char !== undefined && /[\p{L}\p{N}]/u.test(char);
}

/** ASCII punctuation, the characters a backslash may escape (as in CommonMark). */
export function isEscapable(char: string | undefined): boolean {
  return char !== undefined && char.length === 1 && /[!-/:-@[-`{-~]/.test(char);
}
