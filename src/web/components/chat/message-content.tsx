"use client";

/**
 * A message's content as Discord-flavoured markdown. The text is parsed into our own
 * tree (lib/markdown) and drawn with React elements only: no HTML string is ever
 * produced or injected, so content cannot become markup or script. Links were
 * validated by the parser against http, https and mailto.
 */
import { memo, useMemo, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from "react";
import { cn } from "../../lib/cn";
import { EmojiText } from "../ui/emoji";
import { useHighlight } from "../../hooks/use-highlight";
import {
  flattenToLine,
  markBlockTerms,
  parseMarkdown,
  type BlockNode,
  type HighlightKind,
  type InlineNode,
  type ListBlock,
} from "../../lib/markdown";
import { ContentModeContext, useContentMode } from "./content-mode";
import { MarkdownLink } from "./markdown-link";
import { MentionPill } from "./mention-pill";

export interface MessageContentProps {
  content: string;
  /**
   * `full` draws every block; `line` draws one line of inline content (a reply's quote):
   * blocks flattened, no code boxes or heading sizes, spoilers kept hidden.
   */
  variant?: "full" | "line";
  /** False where the whole row is the click target (search results): links and pills are drawn but not followed. */
  interactive?: boolean;
  /** Search terms to mark in the text. */
  highlights?: readonly string[];
}

export const MessageContent = memo(function MessageContent({ content, variant = "full", interactive = true, highlights }: MessageContentProps) {
  const blocks = useMemo(() => {
    const parsed = parseMarkdown(content);
    return highlights?.length ? markBlockTerms(parsed, highlights) : parsed;
  }, [content, highlights]);
  const line = variant === "line";
  const mode = useMemo(() => ({ interactive: interactive && !line, spoilers: !line }), [interactive, line]);
  return (
    <ContentModeContext.Provider value={mode}>
      {line ? (
        <span data-md="inline">{flattenToLine(blocks).map(renderInline)}</span>
      ) : (
        blocks.map(renderBlock)
      )}
    </ContentModeContext.Provider>
  );
});

const headingSizes = { 1: "text-[1.5em] mt-2 mb-1", 2: "text-[1.25em] mt-2 mb-1", 3: "text-[1em] mt-1.5 mb-0.5" } as const;

function renderList(list: ListBlock, key: number): ReactNode {
  const items = list.items.map((item, index) => (
    <li key={index} className="whitespace-pre-wrap">
      {item.children.map(renderInline)}
      {item.sublist && renderList(item.sublist, index)}
    </li>
  ));
  return list.ordered ? (
    <ol key={key} data-md="list" start={list.start} className="my-0.5 list-decimal pl-6 marker:text-text-muted">
      {items}
    </ol>
  ) : (
    <ul key={key} data-md="list" className="my-0.5 list-disc pl-6 marker:text-text-muted [&_ul]:list-[circle]">
      {items}
    </ul>
  );
}

function renderBlock(block: BlockNode, index: number): ReactNode {
  switch (block.type) {
    case "inline":
      return (
        <span key={index} data-md="inline">
          {block.children.map(renderInline)}
        </span>
      );
    case "codeBlock":
      return <CodeBlock key={index} language={block.language} code={block.code} />;
    case "quote":
      return (
        <blockquote key={index} data-md="quote" className="my-0.5 flex">
          <span aria-hidden className="w-1 shrink-0 rounded bg-secondary" />
          <div className="min-w-0 flex-1 pl-3 pr-2">{block.children.map(renderBlock)}</div>
        </blockquote>
      );
    case "heading":
      return (
        <div key={index} data-md="heading" data-level={block.level} className={cn("font-bold leading-[1.375] text-text-strong first:mt-0", headingSizes[block.level])}>
          {block.children.map(renderInline)}
        </div>
      );
    case "subtext":
      return (
        <div key={index} data-md="subtext" className="text-[0.8125em] leading-[1.3] text-text-muted">
          {block.children.map(renderInline)}
        </div>
      );
    case "list":
      return renderList(block, index);
    default:
      return unreachable(block);
  }
}

function renderInline(node: InlineNode, index: number): ReactNode {
  switch (node.type) {
    case "text":
      return <EmojiText key={index} text={node.text} />;
    case "bold":
      return (
        <strong key={index} className="font-semibold">
          {node.children.map(renderInline)}
        </strong>
      );
    case "italic":
      return <em key={index}>{node.children.map(renderInline)}</em>;
    case "underline":
      return <u key={index}>{node.children.map(renderInline)}</u>;
    case "strike":
      return <s key={index}>{node.children.map(renderInline)}</s>;
    case "code":
      return (
        <code
          key={index}
          data-md="code"
          className="rounded-[3px] border border-rail bg-sidebar px-[0.2em] py-[0.1em] font-mono text-[0.85em]"
        >
          {node.text}
        </code>
      );
    case "spoiler":
      return <Spoiler key={index}>{node.children.map(renderInline)}</Spoiler>;
    case "link":
      return (
        <MarkdownLink key={index} href={node.href} masked={node.masked}>
          {node.children.map(renderInline)}
        </MarkdownLink>
      );
    case "mention":
      return <MentionPill key={index} kind={node.kind} id={node.id} />;
    case "mark":
      return (
        <mark key={index} data-testid="search-highlight" className="rounded-sm bg-[#f0b232]/40 px-px text-text-strong">
          {node.children.map(renderInline)}
        </mark>
      );
    default:
      return unreachable(node);
  }
}

/** Adding a node type to the tree without drawing it here is a compile error. */
function unreachable(node: never): never {
  throw new Error(`Unknown markdown node ${JSON.stringify(node)}`);
}

const tokenColours: Record<HighlightKind, string | undefined> = {
  plain: undefined,
  keyword: "text-code-keyword",
  string: "text-code-string",
  number: "text-code-number",
  comment: "italic text-code-comment",
  literal: "text-code-literal",
  tag: "text-code-tag",
  attr: "text-code-number",
  punct: "text-code-punct",
};

function CodeBlock({ language, code }: { language: string | null; code: string }) {
  const tokens = useHighlight(code, language);
  return (
    <pre
      data-md="code-block"
      data-language={language ?? undefined}
      className="my-1 max-w-[min(100%,56rem)] overflow-x-auto rounded border border-rail bg-sidebar p-2 font-mono text-[0.875rem] leading-[1.125rem] whitespace-pre-wrap text-text"
    >
      <code>
        {tokens.map((token, index) => {
          const colour = tokenColours[token.kind];
          return colour ? (
            <span key={index} className={colour}>
              {token.text}
            </span>
          ) : (
            token.text
          );
        })}
      </code>
    </pre>
  );
}

/** Hidden until clicked or activated with Enter/Space; while hidden its contents cannot be focused or clicked. */
function Spoiler({ children }: { children: ReactNode }) {
  const [revealed, setRevealed] = useState(false);
  const { spoilers } = useContentMode();
  if (!spoilers) {
    return (
      <span data-md="spoiler" data-revealed="false" className="rounded-[3px] bg-rail px-0.5">
        <span inert aria-hidden className="opacity-0 select-none">
          {children}
        </span>
      </span>
    );
  }
  if (revealed) {
    return (
      <span data-md="spoiler" data-revealed="true" className="rounded-[3px] bg-white/10 px-0.5">
        {children}
      </span>
    );
  }
  const reveal = (event: MouseEvent | KeyboardEvent) => {
    // A spoiler inside a link must not follow the link on the click that reveals it.
    event.preventDefault();
    event.stopPropagation();
    setRevealed(true);
  };
  return (
    <span
      role="button"
      tabIndex={0}
      aria-label="Spoiler, press to reveal"
      data-md="spoiler"
      data-revealed="false"
      onClick={reveal}
      onKeyDown={(event) => {
        if (event.key === "Enter" || event.key === " ") reveal(event);
      }}
      className={cn(
        "cursor-pointer rounded-[3px] bg-rail px-0.5 hover:bg-floating",
        "focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blurple",
      )}
    >
      <span inert aria-hidden className="pointer-events-none opacity-0 select-none">
        {children}
      </span>
    </span>
  );
}

