/**
 * Reshaping a parsed message for the places that show it small: one line of inline
 * content (a reply's quote), and search hits marked inside the text (search results).
 * Both work on the tree, so spoilers stay spoilers and nothing becomes markup.
 */
import { splitHighlights } from "../highlight-text";
import type { BlockNode, InlineNode, ListBlock } from "./ast";

const space: InlineNode = { type: "text", text: " " };

/** The message as one line: blocks become their inline content, line breaks spaces, code blocks code spans. */
export function flattenToLine(blocks: BlockNode[]): InlineNode[] {
  const out: InlineNode[] = [];
  const add = (nodes: InlineNode[]) => {
    if (nodes.length === 0) return;
    if (out.length > 0) out.push(space);
    out.push(...nodes.map(oneLine));
  };
  const addList = (list: ListBlock) => {
    for (const item of list.items) {
      add(item.children);
      if (item.sublist) addList(item.sublist);
    }
  };
  for (const block of blocks) {
    switch (block.type) {
      case "codeBlock":
        add([{ type: "code", text: block.code }]);
        break;
      case "quote":
        add(flattenToLine(block.children));
        break;
      case "list":
        addList(block);
        break;
      default:
        add(block.children);
    }
  }
  return out;
}

function oneLine(node: InlineNode): InlineNode {
  switch (node.type) {
    case "text":
    case "code":
      return { ...node, text: node.text.replace(/\s+/g, " ") };
    case "mention":
      return node;
    default:
      return { ...node, children: node.children.map(oneLine) };
  }
}

/** Wraps each occurrence of a search term in text (not in code) in a `mark` node. */
export function markTerms(nodes: InlineNode[], terms: readonly string[]): InlineNode[] {
  if (terms.length === 0) return nodes;
  return nodes.flatMap((node): InlineNode[] => {
    switch (node.type) {
      case "text":
        return splitHighlights(node.text, terms).map((part) =>
          part.hit ? { type: "mark", children: [{ type: "text", text: part.text }] } : { type: "text", text: part.text },
        );
      case "code":
      case "mention":
        return [node];
      default:
        return [{ ...node, children: markTerms(node.children, terms) }];
    }
  });
}

/** `markTerms` over every block's inline content. */
export function markBlockTerms(blocks: BlockNode[], terms: readonly string[]): BlockNode[] {
  if (terms.length === 0) return blocks;
  const markList = (list: ListBlock): ListBlock => ({
    ...list,
    items: list.items.map((item) => ({
      children: markTerms(item.children, terms),
      ...(item.sublist ? { sublist: markList(item.sublist) } : {}),
    })),
  });
  return blocks.map((block) => {
    switch (block.type) {
      case "codeBlock":
        return block;
      case "quote":
        return { ...block, children: markBlockTerms(block.children, terms) };
      case "list":
        return markList(block);
      default:
        return { ...block, children: markTerms(block.children, terms) };
    }
  });
}
