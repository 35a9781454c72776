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
  | { type: "link"; href: string; masked: boolean; children: InlineNode[] };
// Extension point: mentions will arrive as e.g. { type: "mention"; kind: "user" | "role" | "everyone"; id: string }.

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
  | { type: "quote"; children: BlockNode[] };

export type MarkdownDocument = BlockNode[];
