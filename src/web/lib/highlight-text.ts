/**
 * Splits text around the search hits the server reported (substrings as written), so
 * they can be marked without ever treating the text as markup.
 */
export interface HighlightPart {
  text: string;
  hit: boolean;
}

export function splitHighlights(text: string, highlights: readonly string[]): HighlightPart[] {
  const terms = [...new Set(highlights.filter(Boolean))].sort((a, b) => b.length - a.length);
  if (terms.length === 0) return [{ text, hit: false }];
  const parts: HighlightPart[] = [];
  let plain = "";
  let i = 0;
  while (i < text.length) {
    const term = terms.find((t) => text.startsWith(t, i));
    if (term) {
      if (plain) parts.push({ text: plain, hit: false });
      plain = "";
      parts.push({ text: term, hit: true });
      i += term.length;
    } else {
      plain += text[i];
      i += 1;
    }
  }
  if (plain) parts.push({ text: plain, hit: false });
  return parts;
}
