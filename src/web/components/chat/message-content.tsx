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
import { parseMarkdown, type BlockNode, type HighlightKind, type InlineNode } from "../../lib/markdown";

export interface MessageContentProps {
  content: string;
}

export const MessageContent = memo(function MessageContent({ content }: MessageContentProps) {
  const blocks = useMemo(() => parseMarkdown(content), [content]);
  return <>{blocks.map(renderBlock)}</>;
});

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
        <a
          key={index}
          href={node.href}
          target="_blank"
          rel="noopener noreferrer nofollow"
          referrerPolicy="no-referrer"
          // A masked link's text can claim anything; the tooltip always tells the truth.
          title={node.masked ? node.href : undefined}
          data-md="link"
          className="text-link hover:underline"
        >
          {node.children.map(renderInline)}
        </a>
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
