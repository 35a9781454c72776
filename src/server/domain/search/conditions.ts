/**
 * SQL for the parts of a parsed query. Each word must match, either as a full-text
 * token (the GIN index on `search`) or, from three characters on, as a substring
 * (`ILIKE`, served by the trigram GIN index on `content`); that is what finds
 * "deploy" inside "redeployed" and "serv" inside "server".
 */
import { type SQL, or, sql } from "drizzle-orm";
import { messages } from "../../db/schema";
import { MIN_PARTIAL_LENGTH } from "./highlight";
import type { ParsedQuery } from "./query";

type Term = ParsedQuery["terms"][number];

/** The 'simple' parser drops a term with no letter or digit; querying it would only log a notice. */
const hasLexeme = (text: string) => /[\p{L}\p{N}]/u.test(text);

const escapeLike = (text: string) => text.replace(/[\\%_]/g, "\\$&");

function tsquery(term: Term): SQL {
  return term.phrase ? sql`phraseto_tsquery('simple', ${term.text})` : sql`plainto_tsquery('simple', ${term.text})`;
}

export function termCondition(term: Term): SQL {
  const parts: SQL[] = [];
  if (hasLexeme(term.text)) parts.push(sql`${messages.search} @@ ${tsquery(term)}`);
  if ([...term.text].length >= MIN_PARTIAL_LENGTH) parts.push(sql`${messages.content} ilike ${`%${escapeLike(term.text)}%`}`);
  return or(...parts) ?? sql`false`;
}

/**
 * Full-text relevance: the terms OR-ed, so a message where more words are whole-word
 * hits ranks above one that only matched by substring (rank 0). Null when no term has
 * a lexeme, and the order is then newest first only.
 */
export function rankExpression(terms: Term[]): SQL | null {
  const queries = terms.filter((t) => hasLexeme(t.text)).map(tsquery);
  if (queries.length === 0) return null;
  return sql`ts_rank(${messages.search}, ${sql.join(queries, sql` || `)})`;
}

/** A link is what the markdown renderer makes clickable. */
export const hasLinkCondition = sql`${messages.content} ~* 'https?://'`;
