/**
 * The search language: free words, "quoted phrases", and filters
 * `from:` `in:` `has:file|link` `mentions:` `before:YYYY-MM-DD` `after:YYYY-MM-DD`.
 * A filter value may be quoted (`from:"Ada Lovelace"`). Anything that is not a known
 * filter with a valid value is searched as text, so a typo never turns into an error
 * or silently drops part of what the person typed.
 */

export type HasKind = "file" | "link";

export interface ParsedQuery {
  /** Single words (may be partial words) and quoted phrases, all of which must match. */
  terms: Array<{ text: string; phrase: boolean }>;
  from: string[];
  in: string[];
  has: HasKind[];
  mentions: string[];
  /** Messages created before the start of this UTC day. */
  before: Date | null;
  /** Messages created after the end of this UTC day (Discord's meaning of "after"). */
  after: Date | null;
}

/** Bounds the SQL one query can produce; 500 characters could otherwise make ~250 terms. */
export const MAX_TERMS = 16;
export const MAX_FILTER_VALUES = 10;

interface Token {
  key: string | null;
  value: string;
  quoted: boolean;
  /** The token as typed, searched as text when it is not a usable filter. */
  raw: string;
}

const DAY_MS = 86_400_000;

export function parseSearchQuery(input: string): ParsedQuery {
  const parsed: ParsedQuery = { terms: [], from: [], in: [], has: [], mentions: [], before: null, after: null };
  for (const token of tokenize(input)) {
    if (!applyFilter(parsed, token)) addText(parsed, token);
  }
  return parsed;
}

/** True when the query can match anything at all without scanning every message. */
export function isEmptyQuery(q: ParsedQuery): boolean {
  return q.terms.length === 0 && q.from.length === 0 && q.in.length === 0 && q.has.length === 0 && q.mentions.length === 0 && !q.before && !q.after;
}

function applyFilter(q: ParsedQuery, t: Token): boolean {
  if (t.key === null || t.value === "") return false;
  switch (t.key) {
    case "from":
      return pushCapped(q.from, t.value);
    case "in":
      return pushCapped(q.in, t.value.replace(/^#/, ""));
    case "mentions":
      return pushCapped(q.mentions, t.value.replace(/^<@!?(.+)>$/, "$1").replace(/^@/, ""));
    case "has": {
      const kind = t.value.toLowerCase();
      if (kind !== "file" && kind !== "link") return false;
      if (!q.has.includes(kind)) q.has.push(kind);
      return true;
    }
    case "before":
    case "after": {
      const day = parseDay(t.value);
      if (!day) return false;
      if (t.key === "before") q.before = day;
      else q.after = new Date(day.getTime() + DAY_MS);
      return true;
    }
    default:
      return false;
  }
}

function pushCapped(list: string[], value: string): boolean {
  if (list.length < MAX_FILTER_VALUES && !list.includes(value)) list.push(value);
  return true;
}

function addText(q: ParsedQuery, t: Token) {
  const text = t.key === null ? t.value : t.raw;
  if (text.trim() === "" || q.terms.length >= MAX_TERMS) return;
  const phrase = t.key === null && t.quoted && /\s/.test(text.trim());
  const normalised = phrase ? text.trim().replace(/\s+/g, " ") : text.trim();
  if (!q.terms.some((x) => x.text.toLowerCase() === normalised.toLowerCase() && x.phrase === phrase)) {
    q.terms.push({ text: normalised, phrase });
  }
}

/** A real calendar day in UTC; 2024-02-30 is not one. */
export function parseDay(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date;
}

/**
 * Splits on whitespace, keeping "quoted runs" together, with an optional `key:` in front
 * of a bare or quoted value. An unclosed quote runs to the end of the input; a key with
 * nothing after it (`from: ada`) stays a word of its own.
 */
export function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  const re = /(?:([A-Za-z]+):)?(?:"([^"]*)"?|(\S+))/gy;
  let i = 0;
  while (i < input.length) {
    if (/\s/.test(input[i]!)) {
      i++;
      continue;
    }
    re.lastIndex = i;
    const m = re.exec(input);
    if (!m || m[0] === "") {
      i++;
      continue;
    }
    const [raw, key, quoted, bare] = m;
    i = re.lastIndex;
    tokens.push({ key: key?.toLowerCase() ?? null, value: quoted ?? bare ?? "", quoted: quoted !== undefined, raw });
  }
  return tokens;
}
