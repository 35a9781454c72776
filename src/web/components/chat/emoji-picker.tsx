"use client";

import { Search } from "lucide-react";
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { searchEmoji } from "../../lib/emoji";
import { cn } from "../../lib/cn";
import { Popover } from "../ui/popover";

const columns = 9;

export interface EmojiPickerProps {
  anchor: DOMRect;
  onPick: (emoji: string) => void;
  onClose: () => void;
}

/** A grid of the built-in emoji with search by name; arrows move, Enter picks. */
export function EmojiPicker({ anchor, onPick, onClose }: EmojiPickerProps) {
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const results = useMemo(() => searchEmoji(query), [query]);
  const shown = results[active] ?? results[0];
  const ids = useId();
  const gridRef = useRef<HTMLDivElement>(null);

  // The cursor stays in the search box; the grid scrolls so the chosen emoji is in sight.
  useEffect(() => {
    gridRef.current?.querySelector(`[data-index="${active}"]`)?.scrollIntoView({ block: "nearest" });
  }, [active]);

  const pick = (emoji: string) => {
    onPick(emoji);
    onClose();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const moves: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: columns, ArrowUp: -columns };
    const move = moves[event.key];
    if (move !== undefined) {
      event.preventDefault();
      setActive((i) => Math.max(0, Math.min(results.length - 1, i + move)));
    } else if (event.key === "Enter" && shown) {
      event.preventDefault();
      pick(shown.emoji);
    }
  };

  return (
    <Popover anchor={anchor} onClose={onClose} label="Pick an emoji" testId="emoji-picker" className="w-[344px] p-2">
      <label className="flex items-center gap-2 rounded bg-field-deep px-2">
        <input
          autoFocus
          data-testid="emoji-search"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
          placeholder="Find the perfect emoji"
          aria-label="Search emoji"
          role="combobox"
          aria-expanded
          aria-controls={`${ids}-grid`}
          aria-activedescendant={shown ? `${ids}-${results.indexOf(shown)}` : undefined}
          className="h-8 min-w-0 flex-1 bg-transparent text-sm text-text outline-none placeholder:text-text-muted"
        />
        <Search size={16} className="text-text-muted" />
      </label>
      <div
        ref={gridRef}
        id={`${ids}-grid`}
        className="scroll-thin mt-2 grid h-[232px] grid-cols-9 content-start gap-0.5 overflow-y-auto"
        role="listbox"
        aria-label="Emoji"
      >
        {results.map((entry, index) => (
          <button
            key={entry.emoji}
            type="button"
            role="option"
            id={`${ids}-${index}`}
            data-index={index}
            tabIndex={-1}
            aria-selected={index === active}
            aria-label={entry.names.split(" ")[0]}
            title={`:${entry.names.split(" ")[0]}:`}
            data-testid="emoji-option"
            data-emoji={entry.emoji}
            onMouseEnter={() => setActive(index)}
            onClick={() => pick(entry.emoji)}
            className={cn("flex size-9 items-center justify-center rounded text-[22px]", index === active && "bg-hover")}
          >
            {entry.emoji}
          </button>
        ))}
        {results.length === 0 && <p className="col-span-9 p-4 text-center text-sm text-text-muted">No emoji match “{query}”.</p>}
      </div>
      <div className="mt-2 flex h-8 items-center gap-2 border-t border-divider pt-2 text-sm text-text-muted">
        {shown && (
          <>
            <span className="text-xl">{shown.emoji}</span>:{shown.names.split(" ")[0]}:
          </>
        )}
      </div>
    </Popover>
  );
}
