"use client";

import { cn } from "../../lib/cn";
import type { EmojiEntry } from "../../lib/emoji";
import { Emoji } from "../ui/emoji";

export interface EmojiAutocompleteProps {
  query: string;
  choices: EmojiEntry[];
  active: number;
  onHover: (index: number) => void;
  onPick: (entry: EmojiEntry) => void;
}

/** The list above the composer while typing `:sm…`; the composer owns the keys. */
export function EmojiAutocomplete({ query, choices, active, onHover, onPick }: EmojiAutocompleteProps) {
  if (choices.length === 0) return null;
  return (
    <div
      role="listbox"
      aria-label="Emoji suggestions"
      data-testid="emoji-autocomplete"
      className="absolute inset-x-0 bottom-full z-20 mb-2 rounded-lg bg-sidebar p-2 shadow-xl ring-1 ring-black/30"
    >
      <div className="px-2 pb-1 text-xs font-bold uppercase tracking-wide text-text-muted">Emoji matching :{query}</div>
      {choices.map((entry, index) => (
        <button
          key={entry.emoji}
          type="button"
          role="option"
          aria-selected={index === active}
          aria-label={`:${entry.shortcodes[0]}: ${entry.label}`}
          data-testid="emoji-suggestion"
          data-emoji={entry.emoji}
          // Keeps the caret in the composer; a click would otherwise blur it first.
          onMouseDown={(e) => e.preventDefault()}
          onMouseEnter={() => onHover(index)}
          onClick={() => onPick(entry)}
          className={cn("flex h-9 w-full items-center gap-3 rounded px-2 text-left", index === active && "bg-hover")}
        >
          <Emoji char={entry.emoji} loading="eager" className="size-6" />
          <span className="truncate font-medium text-text-strong">:{entry.shortcodes[0]}:</span>
          <span className="ml-auto truncate text-sm text-text-muted first-letter:uppercase">{entry.label}</span>
        </button>
      ))}
    </div>
  );
}
