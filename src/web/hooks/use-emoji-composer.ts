"use client";

import { useEffect, useMemo, useState, type KeyboardEvent, type RefObject } from "react";
import type { EmojiEntry } from "../lib/emoji";
import { activeEmojiQuery, finishedShortcode } from "../lib/emoji-query";

type Catalog = typeof import("../lib/emoji");

let catalog: Catalog | undefined;
/** The names load once, the first time `:` and two letters are typed (or a picker opens). */
function loadCatalog(): Promise<Catalog> {
  return import("../lib/emoji").then((module) => (catalog = module));
}

const listSize = 10;

export interface EmojiComposerProps {
  content: string;
  caret: number;
  textareaRef: RefObject<HTMLTextAreaElement | null>;
  /** Puts new text in the composer and the caret at `caret`. */
  setText: (text: string, caret: number) => void;
}

/**
 * Emoji in a composer: the `:shortcode` list (arrows choose, Enter or Tab inserts, Escape
 * closes), a finished `:smile:` turned into 😄, and `insert` for the picker's choice at
 * the caret. The composer passes its keys to `onKeyDown` first and draws `list`.
 */
export function useEmojiComposer({ content, caret, textareaRef, setText }: EmojiComposerProps) {
  const [loaded, setLoaded] = useState(catalog);
  const [active, setActive] = useState(0);
  const [dismissedAt, setDismissedAt] = useState<number>();
  const query = activeEmojiQuery(content, caret);
  const wanted = query !== null;

  useEffect(() => {
    if (wanted && !loaded) void loadCatalog().then(setLoaded);
  }, [wanted, loaded]);

  const choices = useMemo(
    () => (loaded && query && query.start !== dismissedAt ? loaded.searchEmoji(query.query, listSize) : []),
    [loaded, query?.query, query?.start, dismissedAt], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const activeIndex = Math.min(active, Math.max(0, choices.length - 1));

  // `:smile:` typed to its end becomes 😄 (also when the names arrive after the colon).
  useEffect(() => {
    if (!loaded) return;
    const done = finishedShortcode(content, caret);
    const emoji = done && loaded.emojiForShortcode(done.query);
    if (!done || !emoji) return;
    setText(content.slice(0, done.start) + emoji + content.slice(caret), done.start + emoji.length);
  }, [loaded, content, caret]); // eslint-disable-line react-hooks/exhaustive-deps

  function pick(entry: EmojiEntry) {
    if (!query) return;
    loaded?.rememberEmoji(entry.emoji);
    const text = `${entry.emoji} `;
    setText(content.slice(0, query.start) + text + content.slice(caret), query.start + text.length);
    setActive(0);
  }

  /** The picker's emoji at the caret (over the selection), the composer focused again. */
  function insert(emoji: string) {
    const textarea = textareaRef.current;
    const start = textarea?.selectionStart ?? content.length;
    const end = textarea?.selectionEnd ?? start;
    setText(content.slice(0, start) + emoji + content.slice(end), start + emoji.length);
    requestAnimationFrame(() => textareaRef.current?.focus());
  }

  /** True when the key was the list's. */
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

  return {
    onKeyDown,
    insert,
    list: { query: query?.query ?? "", choices, active: activeIndex, onHover: setActive, onPick: pick },
  };
}
