/**
 * Properties over arbitrary input: the parser never throws, only ever emits links the
 * validator accepts, keeps nesting bounded, and stays fast on adversarial shapes.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { BlockNode, InlineNode } from "./ast";
import { parseMarkdown } from "./index";
import { maxInlineDepth } from "./inline";
import { walkBlocks } from "./test-helpers";

const alphabet = [
  ...["*", "_", "~", "|", "`", "\\", "[", "]", "(", ")", "<", ">", "\n", " ", "a", ":", "/", "h", "https://", "javascript:", "> ", ">>> ", "```"],
  ...["# ", "## ", "### ", "-# ", "- ", "* ", "1. ", "  - ", "#", "@", "&", "<@a>", "<@&1>", "<#2>", "@here", "@everyone"],
];
const markdownish = fc.array(fc.constantFrom(...alphabet), { maxLength: 200 }).map((parts) => parts.join(""));

function depthOf(nodes: InlineNode[]): number {
  let deepest = 0;
  for (const node of nodes) if ("children" in node) deepest = Math.max(deepest, 1 + depthOf(node.children));
  return deepest;
}

function inlineDepth(blocks: BlockNode[]): number {
  let deepest = 0;
  for (const block of blocks) {
    if (block.type === "inline") deepest = Math.max(deepest, depthOf(block.children));
    if (block.type === "quote") deepest = Math.max(deepest, inlineDepth(block.children));
    if (block.type === "heading" || block.type === "subtext") deepest = Math.max(deepest, depthOf(block.children));
    if (block.type === "list") {
      for (const item of block.items) {
        deepest = Math.max(deepest, depthOf(item.children));
        for (const sub of item.sublist?.items ?? []) deepest = Math.max(deepest, depthOf(sub.children));
      }
    }
  }
  return deepest;
}

describe("markdown properties", () => {
  it("never throws and only links http(s) or mailto", () => {
    fc.assert(
      fc.property(fc.oneof(markdownish, fc.string({ maxLength: 300 })), (source) => {
        const blocks = parseMarkdown(source);
        for (const node of walkBlocks(blocks)) {
          if (node.type === "link") expect(node.href).toMatch(/^(https?:\/\/[^/\s]|mailto:[^\s]+@)/);
          if (node.type === "mention") expect(node.id).toMatch(/^([A-Za-z0-9_-]{1,64}|everyone|here)$/);
        }
        // A masked link adds at most one level of its own on top of the emphasis frames.
        expect(inlineDepth(blocks)).toBeLessThanOrEqual(maxInlineDepth + maxInlineDepth + 1);
      }),
      { numRuns: 2000 },
    );
  });

  it("parses 2,000-character adversarial inputs", () => {
    const shapes = [
      "**a ".repeat(500),
      "*".repeat(2000),
      "_a".repeat(1000),
      "` ``".repeat(500),
      "[a](x".repeat(400),
      "[[[[".repeat(500),
      "<https://a".repeat(200),
      "https://a.b/(".repeat(150),
      "> ```".repeat(400),
      "||~~__**".repeat(250),
      "\\".repeat(2000),
      "http://a\u0085".repeat(222),
      "# a\n".repeat(500),
      "- a\n  - b\n".repeat(200),
      "1. ".repeat(700),
      "  - ".repeat(500),
      "-# ".repeat(700),
      "<@".repeat(1000),
      "<#1".repeat(700),
      "<@&".repeat(700),
      "@here@".repeat(340),
      "\\<@a>".repeat(400),
    ];
    for (const shape of shapes) expect(() => parseMarkdown(shape.slice(0, 2000))).not.toThrow();
  });

  it("keeps lists to one level of nesting and a list item to one line", () => {
    fc.assert(
      fc.property(markdownish, (source) => {
        for (const block of parseMarkdown(source)) {
          if (block.type !== "list") continue;
          for (const item of block.items) {
            for (const sub of item.sublist?.items ?? []) expect(sub.sublist).toBeUndefined();
          }
        }
      }),
      { numRuns: 1000 },
    );
  });
});
