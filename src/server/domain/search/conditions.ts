/**
 * SQL for the parts of a parsed query; every term must match.
 *
 * The text lives in `message_search` (see indexer.ts), joined to `messages`.
 *
 * - A term of three or more characters matches as a substring (`ILIKE '%term%'`, served
 *   by the trigram GIN index on `content`): "deplo" finds "redeployed". A whole-word
 *   full-text hit always contains the term as a substring too, so `search @@ … OR ILIKE`
 *   would select the same rows; it is not written that way because PostgreSQL will not
 *   combine the two GIN indexes for an OR and falls back to reading every message.
 * - A shorter term matches whole words only, through the full-text GIN index on
 *   `search` (a trigram index cannot serve fewer than three characters).
 * - A quoted phrase matches its words in order, across punctuation ("hello, world"),
 *   through the full-text index.
 * Full-text rank still orders the hits, so whole-word hits come first.
 */
import { type SQL, sql } from "drizzle-orm";
import { messageSearch } from "../../db/schema";
import type { ParsedQuery } from "./query";

type Term = ParsedQuery["terms"][number];

/** Shorter words match whole words only. */
export const MIN_PARTIAL_LENGTH = 3;

/** The 'simple' parser drops a term with no letter or digit; querying it would only log a notice. */
const hasLexeme = (text: string) => /[\p{L}\p{N}]/u.test(text);

export const matchesPartially = (term: Term) => !term.phrase && [...term.text].length >= MIN_PARTIAL_LENGTH;

/** A term that can match something; "!" cannot, and is dropped rather than matching nothing. */
export const isSearchable = (term: Term) => hasLexeme(term.text) || [...term.text].length >= MIN_PARTIAL_LENGTH;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, "\\$&");

function tsquery(term: Term): SQL {
  return term.phrase ? sql`phraseto_tsquery('simple', ${term.text})` : sql`plainto_tsquery('simple', ${term.text})`;
}

export function termCondition(term: Term): SQL {
  if (matchesPartially(term) || !hasLexeme(term.text)) return sql`${messageSearch.content} ilike ${`%${escapeLike(term.text)}%`}`;
  return sql`${messageSearch.search} @@ ${tsquery(term)}`;
}

/**
 * Full-text relevance: the terms OR-ed, so a message where more words are whole-word
 * hits ranks above one that only matched by substring (rank 0). Null when no term has
 * a lexeme, and the order is then newest first only.
 */
export function rankExpression(terms: Term[]): SQL | null {
  const queries = terms.filter((t) => hasLexeme(t.text)).map(tsquery);
  if (queries.length === 0) return null;
  return sql`ts_rank(${messageSearch.search}, ${sql.join(queries, sql` || `)})`;
}

/** A link is what the markdown renderer makes clickable; the trigram index serves the pattern too. */
export const hasLinkCondition = sql`${messageSearch.content} ~* 'https?://'`;
