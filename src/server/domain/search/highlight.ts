/**
 * What to bold in a hit: the substrings of its content that matched, as written in the
 * message (original case), each once, in order of first appearance. Computed here
 * rather than with ts_headline so the API returns plain strings and never markup; the
 * client bolds every occurrence of each string.
 */
import type { ParsedQuery } from "./query";

/** Shorter words match whole words only (the trigram index needs three characters). */
export const MIN_PARTIAL_LENGTH = 3;

const NOT_WORD = "[^\\p{L}\\p{N}]";

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Mirrors the SQL match: a substring for partial words, whole words (any separators) for phrases and short words. */
function patternOf(term: ParsedQuery["terms"][number]): string {
  if (term.phrase) {
    const words = term.text.split(/\s+/).map(escapeRegExp);
    return `(?<!\\p{L}|\\p{N})${words.join(`${NOT_WORD}+`)}(?!\\p{L}|\\p{N})|${escapeRegExp(term.text)}`;
  }
  if ([...term.text].length >= MIN_PARTIAL_LENGTH) return escapeRegExp(term.text);
  return `(?<!\\p{L}|\\p{N})${escapeRegExp(term.text)}(?!\\p{L}|\\p{N})`;
}

export function compileHighlighter(terms: ParsedQuery["terms"]): (content: string) => string[] {
  if (terms.length === 0) return () => [];
  // Longer terms first, so "deployment" wins over "deploy" where both match.
  const sorted = [...terms].sort((a, b) => b.text.length - a.text.length);
  const re = new RegExp(sorted.map((t) => `(?:${patternOf(t)})`).join("|"), "giu");
  return (content) => {
    const seen = new Set<string>();
    for (const m of content.matchAll(re)) if (m[0] !== "") seen.add(m[0]);
    return [...seen];
  };
}
