/**
 * Finding emoji in text, for drawing them as the bundled images (components/ui/emoji.tsx).
 * In the first load, so it stays small: no names, no table, only Unicode properties.
 *
 * One emoji is a flag (two regional indicators, or a black flag with tag characters), a
 * keycap (# * 0-9 with U+20E3), or pictographs joined by U+200D (ZWJ), each with an
 * optional U+FE0F and skin tone. A pictograph that is text by default (©, ™, ↔, ❤
 * without U+FE0F) stays text unless it is asked to be an emoji.
 */

const element = "\\p{Extended_Pictographic}(?:\\uFE0F|\\p{Emoji_Modifier})?";
const source = [
  "\\p{Regional_Indicator}{2}",
  "\\u{1F3F4}[\\u{E0020}-\\u{E007E}]+\\u{E007F}",
  "[#*0-9]\\uFE0F?\\u20E3",
  `${element}(?:\\u200D${element})*(?!\\uFE0E)`,
].join("|");

const textByDefault = /^\p{Extended_Pictographic}$/u;
const presentation = /\p{Emoji_Presentation}/u;

export type EmojiPart = string | { emoji: string };

function isEmoji(match: string): boolean {
  // A single text-default pictograph (©, ™, ☺) with neither FE0F, a skin tone nor a ZWJ.
  return !(textByDefault.test(match) && !presentation.test(match));
}

/** The text as runs of plain text and single emoji, in order; joined back they are the text. */
export function splitEmoji(text: string): EmojiPart[] {
  const parts: EmojiPart[] = [];
  let last = 0;
  for (const match of text.matchAll(new RegExp(source, "gu"))) {
    const found = match[0];
    if (!isEmoji(found)) continue;
    if (match.index > last) parts.push(text.slice(last, match.index));
    parts.push({ emoji: found });
    last = match.index + found.length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

/** Discord draws a message of emoji alone, up to 27 of them, large. */
export const JUMBO_MAX = 27;

export function isJumboEmoji(text: string): boolean {
  if (!text.trim()) return false;
  let count = 0;
  for (const part of splitEmoji(text)) {
    if (typeof part === "string") {
      if (part.trim()) return false;
    } else if (++count > JUMBO_MAX) {
      return false;
    }
  }
  return count > 0;
}

/**
 * The image's path: the code points in lowercase hex joined by "-", without U+FE0F unless
 * the sequence has a ZWJ (Twemoji's naming; the server takes either form).
 */
export function emojiUrl(emoji: string): string {
  const points = Array.from(emoji, (c) => c.codePointAt(0)!.toString(16));
  const name = emoji.includes("\u200D") ? points : points.filter((p) => p !== "fe0f");
  return `/emoji/${name.join("-")}.svg`;
}
