/** Compact views of the tree so tests read like the markdown they check. */
import type { BlockNode, InlineNode, ListBlock } from "./ast";

/** Inline nodes as a short string: **bold** -> b(bold), links as link(href|text). */
export function show(nodes: InlineNode[]): string {
  return nodes
    .map((node) => {
      switch (node.type) {
        case "text":
          return node.text;
        case "code":
          return `code(${node.text})`;
        case "link":
          return `${node.masked ? "mlink" : "link"}(${node.href}|${show(node.children)})`;
        case "mention":
          return `<${node.kind}:${node.id}>`;
        default:
          return `${node.type}(${show(node.children)})`;
      }
    })
    .join("");
}

export function showBlocks(blocks: BlockNode[]): string[] {
  return blocks.map((block) => {
    switch (block.type) {
      case "inline":
        return show(block.children);
      case "codeBlock":
        return `codeBlock[${block.language ?? ""}](${block.code})`;
      case "quote":
        return `quote[${showBlocks(block.children).join(" | ")}]`;
      case "heading":
        return `h${block.level}(${show(block.children)})`;
      case "subtext":
        return `sub(${show(block.children)})`;
      case "list":
        return showList(block);
    }
  });
}

/** `ul[a | b ul[c]]`, `ol3[x]` for a list starting at 3. */
function showList(list: ListBlock): string {
  const items = list.items.map((item) => show(item.children) + (item.sublist ? ` ${showList(item.sublist)}` : ""));
  return `${list.ordered ? `ol${list.start}` : "ul"}[${items.join(" | ")}]`;
}

export function* walk(nodes: InlineNode[]): Generator<InlineNode> {
  for (const node of nodes) {
    yield node;
    if ("children" in node) yield* walk(node.children);
  }
}

export function* walkBlocks(blocks: BlockNode[]): Generator<InlineNode> {
  for (const block of blocks) {
    if (block.type === "inline" || block.type === "heading" || block.type === "subtext") yield* walk(block.children);
    else if (block.type === "quote") yield* walkBlocks(block.children);
    else if (block.type === "list") yield* walkList(block);
  }
}

function* walkList(list: ListBlock): Generator<InlineNode> {
  for (const item of list.items) {
    yield* walk(item.children);
    if (item.sublist) yield* walkList(item.sublist);
  }
}
