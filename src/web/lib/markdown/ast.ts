/**
 * The markdown tree a message becomes. It is our own vocabulary, never HTML: the
 * renderer turns each node into a React element, so no input can reach the DOM as
 * markup. Adding a construct (mentions, custom emoji, timestamps) means adding a node
 * type here; the renderer's exhaustive switch then refuses to compile until it is drawn.
 */

export type InlineNode =
  | { type: "text"; text: string }
  | { type: "bold"; children: InlineNode[] }
  | { type: "italic"; children: InlineNode[] }
  | { type: "underline"; children: InlineNode[] }
  | { type: "strike"; children: InlineNode[] }
  | { type: "spoiler"; children: InlineNode[] }
  | { type: "code"; text: string }
  /** `href` is already validated and normalised (see links.ts); `masked` means the text differs from it. */
  | { type: "link"; href: string; masked: boolean; children: InlineNode[] }
  /** Read with the server's tokenizer (shared/mentions.ts); for everyone/here the id is the kind. */
  | { type: "mention"; kind: MentionKind; id: string }
  /** A search hit inside the text (see highlight-terms.ts), never produced by the parser. */
  | { type: "mark"; children: InlineNode[] };

export type MentionKind = "user" | "role" | "channel" | "everyone" | "here";

/** Inline nodes that wrap other inline nodes, keyed by the marker that delimits them. */
export type ContainerType = "bold" | "italic" | "underline" | "strike" | "spoiler";

export type HighlightKind = "plain" | "keyword" | "string" | "number" | "comment" | "literal" | "tag" | "attr" | "punct";

export interface HighlightToken {
  kind: HighlightKind;
  text: string;
}

export type BlockNode =
  /** A run of inline content; newlines inside text nodes are real line breaks. */
  | { type: "inline"; children: InlineNode[] }
  /** Coloured when drawn (hooks/use-highlight.ts loads the highlighter then), not here. */
  | { type: "codeBlock"; language: string | null; code: string }
  | { type: "quote"; children: BlockNode[] }
  /** `# `, `## `, `### ` at the start of a line: one line of inline content. */
  | { type: "heading"; level: 1 | 2 | 3; children: InlineNode[] }
  /** `-# ` at the start of a line: small, muted text. */
  | { type: "subtext"; children: InlineNode[] }
  | ListBlock;

/** Consecutive `- `, `* ` or `1. ` lines; indented ones nest one level under the item above. */
export interface ListBlock {
  type: "list";
  ordered: boolean;
  /** The first item's number, for ordered lists. */
  start: number;
  items: ListItem[];
}

export interface ListItem {
  children: InlineNode[];
  sublist?: ListBlock;
}

export type MarkdownDocument = BlockNode[];
