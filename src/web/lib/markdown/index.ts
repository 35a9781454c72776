/**
 * Discord-flavoured markdown for message content, parsed into our own tree (ast.ts) and
 * drawn by components/chat/message-content.tsx with React elements only. There is no
 * HTML path: input is never interpreted as markup, only as text and the node types below.
 */
import type { MarkdownDocument } from "./ast";
import { parseBlocks } from "./blocks";

export type { BlockNode, HighlightKind, HighlightToken, InlineNode, ListBlock, MarkdownDocument, MentionKind } from "./ast";
export { flattenToLine, markBlockTerms, markTerms } from "./flatten";
export { safeHref } from "./links";

export function parseMarkdown(content: string): MarkdownDocument {
  return parseBlocks(content);
}
