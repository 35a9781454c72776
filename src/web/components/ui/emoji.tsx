"use client";

import { memo, useState } from "react";
import { cn } from "../../lib/cn";
import { emojiUrl, splitEmoji } from "../../lib/emoji-text";

export interface EmojiProps {
  /** The emoji's characters: the image's alt, so copying and screen readers keep them. */
  char: string;
  className?: string;
  /** Images in view load first; a picker's long grid loads as it scrolls. */
  loading?: "lazy" | "eager";
}

/**
 * One emoji drawn from the bundled Twemoji set (served at /emoji/), the same on every
 * machine whatever its fonts. A sequence the set has no image for stays the character.
 */
export function Emoji({ char, className, loading = "lazy" }: EmojiProps) {
  const [failed, setFailed] = useState(false);
  if (failed) return <>{char}</>;
  return (
    <img
      src={emojiUrl(char)}
      alt={char}
      draggable={false}
      loading={loading}
      decoding="async"
      data-emoji={char}
      onError={() => setFailed(true)}
      className={cn(
        "inline-block size-[1.375em] object-contain align-[-0.3em]",
        // A message of emoji alone (data-jumbo on its content) draws them large, as Discord does.
        "[[data-jumbo]_&]:size-12 [[data-jumbo]_&]:align-bottom",
        className,
      )}
    />
  );
}

/** Text with every emoji in it drawn as an image; the rest stays text. */
export const EmojiText = memo(function EmojiText({ text }: { text: string }) {
  const parts = splitEmoji(text);
  if (parts.length === 1 && typeof parts[0] === "string") return <>{text}</>;
  return (
    <>
      {parts.map((part, i) => (typeof part === "string" ? part : <Emoji key={i} char={part.emoji} />))}
    </>
  );
});
