/**
 * What to bold in a hit: the substrings of its content that matched, as written in the
 * message (original case), each once, in order of first appearance. Computed here
 * rather than with ts_headline so the API returns plain strings and never markup; the
 * client bolds every occurrence of each string.
 */
import { matchesPartially } from "./conditions";
import type { ParsedQuery } from "./query";

type Term = ParsedQuery["terms"][number];

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

const WORD_START = "(?<![\\p{L}\\p{N}])";
const WORD_END = "(?![\\p{L}\\p{N}])";

/** Mirrors the SQL match: a substring for partial words, whole words (any separators between) otherwise. */
function patternOf(term: Term): string {
  if (matchesPartially(term)) return escapeRegExp(term.text);
  const words = term.text.split(/[^\p{L}\p{N}]+/u).filter(Boolean).map(escapeRegExp);
  if (words.length === 0) return escapeRegExp(term.text);
  return `${WORD_START}${words.join("[^\\p{L}\\p{N}]+")}${WORD_END}`;
}

export function compileHighlighter(terms: Term[]): (content: string) => string[] {
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
