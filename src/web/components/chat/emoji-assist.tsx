"use client";

import { useEffect, useLayoutEffect, useMemo, useState, type KeyboardEvent } from "react";
import { emojiForShortcode, rememberEmoji, searchEmoji, type EmojiEntry } from "../../lib/emoji";
import { activeEmojiQuery, finishedShortcode } from "../../lib/emoji-query";
import { EmojiAutocomplete } from "./emoji-autocomplete";
import type { EmojiAssistProps } from "./emoji-lazy";

const listSize = 10;

/**
 * The composer's `:shortcode` help, loaded with the emoji names the first time `:` and two
 * letters are typed: the list (arrows choose, Enter or Tab inserts, Escape closes), and a
 * finished `:smile:` turned into 😄. The composer hands its keys to `keys` first.
 */
export function EmojiAssist({ content, caret, setText, keys }: EmojiAssistProps) {
  const [active, setActive] = useState(0);
  const [dismissedAt, setDismissedAt] = useState<number>();
  const query = activeEmojiQuery(content, caret);

  const choices = useMemo(
    () => (query && query.start !== dismissedAt ? searchEmoji(query.query, listSize) : []),
    [query?.query, query?.start, dismissedAt], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const activeIndex = Math.min(active, Math.max(0, choices.length - 1));

  // `:smile:` typed to its end becomes 😄 (also the one that was finished while the names loaded).
  useEffect(() => {
    const done = finishedShortcode(content, caret);
    const emoji = done && emojiForShortcode(done.query);
    if (done && emoji) setText(content.slice(0, done.start) + emoji + content.slice(caret), done.start + emoji.length);
  }, [content, caret]); // eslint-disable-line react-hooks/exhaustive-deps

  function pick(entry: EmojiEntry) {
    if (!query) return;
    rememberEmoji(entry.emoji);
    const text = `${entry.emoji} `;
    setText(content.slice(0, query.start) + text + content.slice(caret), query.start + text.length);
    setActive(0);
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>): boolean {
    if (choices.length === 0) return false;
    const step = event.key === "ArrowDown" ? 1 : event.key === "ArrowUp" ? -1 : 0;
    if (step !== 0) {
      setActive((activeIndex + step + choices.length) % choices.length);
    } else if ((event.key === "Enter" && !event.shiftKey) || event.key === "Tab") {
      const choice = choices[activeIndex];
      if (choice) pick(choice);
    } else if (event.key === "Escape") {
      setDismissedAt(query?.start);
    } else {
      return false;
    }
    event.preventDefault();
    return true;
  }

  // The composer asks this render's handler (its choices, its active row).
  useLayoutEffect(() => {
    keys.current = onKeyDown;
    return () => {
      keys.current = null;
    };
  });

  return <EmojiAutocomplete query={query?.query ?? ""} choices={choices} active={activeIndex} onHover={setActive} onPick={pick} />;
}
