/**
 * The composer's `:shortcode` rules, in the first load (tiny): what is being typed right
 * before the caret. A colon counts at the start or after a space or an opening bracket,
 * so times ("12:30") and links ("https://") never open the list.
 */

const typing = /(?:^|[\s([{])(:([a-z0-9_+-]{2,32}))$/i;
const finished = /(?:^|[\s([{])(:([a-z0-9_+-]{2,32}):)$/i;

export interface EmojiQuery {
  /** Where the colon is. */
  start: number;
  /** What follows it, without the colon. */
  query: string;
}

/** `:sm|` → { start, query: "sm" } once two characters follow the colon. */
export function activeEmojiQuery(content: string, caret: number): EmojiQuery | null {
  const match = typing.exec(content.slice(0, caret));
  return match ? { start: caret - match[1]!.length, query: match[2]! } : null;
}

/** `:smile:|` just closed → { start, query: "smile" }, for the composer to turn into 😄 when it is a name. */
export function finishedShortcode(content: string, caret: number): EmojiQuery | null {
  const match = finished.exec(content.slice(0, caret));
  return match ? { start: caret - match[1]!.length, query: match[2]! } : null;
}
