"use client";

import { Apple, Car, Clock, Flag, Gamepad2, Heart, Lightbulb, Search, Smile, TreePine, type LucideIcon } from "lucide-react";
import { memo, useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from "react";
import {
  emojiCategories,
  emojiEntry,
  emojiList,
  inSkinTone,
  recentEmoji,
  rememberEmoji,
  searchEmoji,
  type EmojiCategory,
  type EmojiEntry,
} from "../../lib/emoji";
import { cn } from "../../lib/cn";
import { Emoji } from "../ui/emoji";
import { Popover } from "../ui/popover";

const columns = 9;

type SectionId = EmojiCategory | "recent";

const sectionInfo: Record<SectionId, { title: string; icon: LucideIcon }> = {
  recent: { title: "Recent", icon: Clock },
  people: { title: "People", icon: Smile },
  nature: { title: "Nature", icon: TreePine },
  food: { title: "Food & Drink", icon: Apple },
  activities: { title: "Activities", icon: Gamepad2 },
  travel: { title: "Travel & Places", icon: Car },
  objects: { title: "Objects", icon: Lightbulb },
  symbols: { title: "Symbols", icon: Heart },
  flags: { title: "Flags", icon: Flag },
};

interface Item {
  /** What a pick sends: the emoji in the chosen skin tone. */
  emoji: string;
  entry: EmojiEntry | undefined;
}

interface Section {
  id: SectionId;
  items: Item[];
}

const toneKey = "gc_emoji_tone";
const toneSwatches = ["👋", "👋🏻", "👋🏼", "👋🏽", "👋🏾", "👋🏿"];
const toneNames = ["Default", "Light", "Medium-light", "Medium", "Medium-dark", "Dark"];

function savedTone(): number {
  try {
    const tone = Number(window.localStorage.getItem(toneKey));
    return tone >= 0 && tone <= 5 ? tone : 0;
  } catch {
    return 0;
  }
}

export interface EmojiPickerProps {
  anchor: DOMRect;
  onPick: (emoji: string) => void;
  onClose: () => void;
}

/**
 * Every emoji of the bundled set, drawn as images: recent ones first, then by category
 * (the tabs jump there), with search by name, shortcode and keyword, and a skin tone.
 * The cursor stays in the search box: arrows move in the grid, Enter picks.
 */
export function EmojiPicker({ anchor, onPick, onClose }: EmojiPickerProps) {
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const [tone, setTone] = useState(savedTone);
  const [choosingTone, setChoosingTone] = useState(false);
  const [recent] = useState(recentEmoji);
  const [current, setCurrent] = useState<SectionId>(recent.length > 0 ? "recent" : "people");
  const ids = useId();
  const gridRef = useRef<HTMLDivElement>(null);

  const sections = useMemo<Section[]>(() => {
    const item = (entry: EmojiEntry): Item => ({ emoji: inSkinTone(entry, tone), entry });
    if (query.trim()) return [{ id: "people", items: searchEmoji(query).map(item) }];
    const list: Section[] = [];
    if (recent.length > 0) list.push({ id: "recent", items: recent.map((emoji) => ({ emoji, entry: emojiEntry(emoji) })) });
    for (const id of emojiCategories) list.push({ id, items: emojiList.filter((e) => e.category === id).map(item) });
    return list;
  }, [query, tone, recent]);

  // One flat order for the keys; each section starts a new row of the grid.
  const { flat, rowStarts } = useMemo(() => {
    const flat: Item[] = [];
    const rowStarts: number[] = [];
    for (const section of sections) {
      for (let i = 0; i < section.items.length; i += columns) rowStarts.push(flat.length + i);
      flat.push(...section.items);
    }
    return { flat, rowStarts };
  }, [sections]);
  const shown = flat[active] ?? flat[0];
  const searching = query.trim() !== "";

  useEffect(() => {
    gridRef.current?.querySelector(`[data-index="${active}"]`)?.scrollIntoView({ block: "nearest" });
  }, [active]);

  // Stable, so a hover or a scroll redraws one section of the grid, not all 1,900 emoji.
  const latest = useRef({ onPick, onClose });
  useEffect(() => {
    latest.current = { onPick, onClose };
  });
  const pick = useCallback((emoji: string) => {
    rememberEmoji(emoji);
    latest.current.onPick(emoji);
    latest.current.onClose();
  }, []);

  const chooseTone = (next: number) => {
    setTone(next);
    setChoosingTone(false);
    try {
      window.localStorage.setItem(toneKey, String(next));
    } catch {
      // Remembered for this picker only.
    }
  };

  const moveRow = (from: number, rows: number) => {
    const row = rowStarts.findLastIndex((start) => start <= from);
    const target = rowStarts[row + rows];
    if (target === undefined) return from;
    const end = rowStarts[row + rows + 1] ?? flat.length;
    return Math.min(target + (from - rowStarts[row]!), end - 1);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const moves: Record<string, () => number> = {
      ArrowRight: () => Math.min(flat.length - 1, active + 1),
      ArrowLeft: () => Math.max(0, active - 1),
      ArrowDown: () => moveRow(active, 1),
      ArrowUp: () => moveRow(active, -1),
    };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      setActive(move());
    } else if (event.key === "Enter" && shown) {
      event.preventDefault();
      pick(shown.emoji);
    }
  };

  const jumpTo = (id: SectionId) => {
    setQuery("");
    setCurrent(id);
    const index = sections.slice(0, sections.findIndex((s) => s.id === id)).reduce((n, s) => n + s.items.length, 0);
    setActive(index);
    requestAnimationFrame(() => {
      // The section's box, not its sticky heading, whose offset is where it sticks.
      const group = gridRef.current?.querySelector(`[data-section="${id}"]`);
      if (group instanceof HTMLElement && gridRef.current) gridRef.current.scrollTop = group.offsetTop;
    });
  };

  // The tab of the section at the top of the grid lights up as it scrolls.
  const onScroll = () => {
    const grid = gridRef.current;
    if (!grid || searching) return;
    let top: SectionId = sections[0]?.id ?? "people";
    for (const group of grid.querySelectorAll<HTMLElement>("[data-section]")) {
      if (group.offsetTop <= grid.scrollTop + 8) top = group.dataset.section as SectionId;
    }
    setCurrent(top);
  };

  return (
    <Popover
      anchor={anchor}
      onClose={onClose}
      label="Pick an emoji"
      testId="emoji-picker"
      className="flex w-[min(360px,calc(100vw-16px))] flex-col p-2"
    >
      <div className="flex items-center gap-2">
        <label className="flex min-w-0 flex-1 items-center gap-2 rounded bg-field-deep px-2">
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
            aria-activedescendant={shown ? `${ids}-${flat[active] ? active : 0}` : undefined}
            className="h-8 min-w-0 flex-1 bg-transparent text-sm text-text outline-none placeholder:text-text-muted"
          />
          <Search size={16} className="shrink-0 text-text-muted" />
        </label>
        <div className="relative">
          <button
            type="button"
            data-testid="emoji-tone"
            aria-label={`Skin tone: ${toneNames[tone]}`}
            aria-expanded={choosingTone}
            title="Skin tone"
            onClick={() => setChoosingTone((open) => !open)}
            className="flex size-8 items-center justify-center rounded hover:bg-hover"
          >
            <Emoji char={toneSwatches[tone]!} loading="eager" className="size-6" />
          </button>
          {choosingTone && (
            <div role="group" aria-label="Skin tones" className="absolute right-0 top-full z-10 mt-1 flex flex-col rounded bg-floating p-1 shadow-lg">
              {toneSwatches.map((swatch, t) => (
                <button
                  key={swatch}
                  type="button"
                  aria-label={toneNames[t]}
                  aria-pressed={t === tone}
                  onClick={() => chooseTone(t)}
                  className={cn("flex size-8 items-center justify-center rounded hover:bg-hover", t === tone && "bg-hover")}
                >
                  <Emoji char={swatch} loading="eager" className="size-6" />
                </button>
              ))}
            </div>
          )}
        </div>
      </div>
      <nav aria-label="Emoji categories" className="mt-2 flex justify-between border-b border-divider pb-1">
        {(recent.length > 0 ? (["recent", ...emojiCategories] as SectionId[]) : emojiCategories).map((id) => {
          const Icon = sectionInfo[id].icon;
          const on = !searching && current === id;
          return (
            <button
              key={id}
              type="button"
              data-testid="emoji-category"
              data-category={id}
              aria-label={sectionInfo[id].title}
              aria-current={on ? "true" : undefined}
              title={sectionInfo[id].title}
              onClick={() => jumpTo(id)}
              className={cn("flex size-8 items-center justify-center rounded text-text-muted hover:bg-hover hover:text-text", on && "text-text-strong bg-hover")}
            >
              <Icon size={18} />
            </button>
          );
        })}
      </nav>
      <div
        ref={gridRef}
        id={`${ids}-grid`}
        onScroll={onScroll}
        className="scroll-thin relative mt-1 h-[min(280px,45dvh)] overflow-y-auto"
        role="listbox"
        aria-label="Emoji"
      >
        {sections.map((section, n) => {
          const first = sections.slice(0, n).reduce((count, before) => count + before.items.length, 0);
          const holdsActive = active >= first && active < first + section.items.length;
          return (
            <SectionGrid
              key={section.id}
              section={section}
              first={first}
              active={holdsActive ? active : -1}
              searching={searching}
              ids={ids}
              onHover={setActive}
              onPick={pick}
            />
          );
        })}
        {flat.length === 0 && <p className="p-4 text-center text-sm text-text-muted">No emoji match “{query}”.</p>}
      </div>
      <div className="mt-1 flex h-10 items-center gap-2 border-t border-divider pt-1 text-sm" data-testid="emoji-preview">
        {shown && (
          <>
            <Emoji char={shown.emoji} loading="eager" className="size-7" />
            <span className="truncate font-semibold text-text-strong">{shown.entry ? `:${shown.entry.shortcodes[0]}:` : shown.emoji}</span>
            {shown.entry && <span className="truncate text-text-muted first-letter:uppercase">{shown.entry.label}</span>}
          </>
        )}
      </div>
    </Popover>
  );
}

interface SectionGridProps {
  section: Section;
  /** The flat index of its first emoji. */
  first: number;
  /** The active flat index when it is in this section, else -1. */
  active: number;
  searching: boolean;
  ids: string;
  onHover: (index: number) => void;
  onPick: (emoji: string) => void;
}

const SectionGrid = memo(function SectionGrid({ section, first, active, searching, ids, onHover, onPick }: SectionGridProps) {
  return (
    <div role="group" data-section={searching ? undefined : section.id} aria-label={searching ? "Results" : sectionInfo[section.id].title}>
      {!searching && (
        <div className="sticky top-0 z-[1] bg-sidebar px-1 pb-1 pt-2 text-xs font-bold uppercase tracking-wide text-text-muted">
          {sectionInfo[section.id].title}
        </div>
      )}
      <div className="grid grid-cols-9 gap-0.5">
        {section.items.map((item, n) => {
          const i = first + n;
          const name = item.entry?.shortcodes[0];
          return (
            <button
              key={item.emoji}
              type="button"
              role="option"
              id={`${ids}-${i}`}
              data-index={i}
              tabIndex={-1}
              aria-selected={i === active}
              aria-label={name ?? item.emoji}
              title={name ? `:${name}:` : undefined}
              data-testid="emoji-option"
              data-emoji={item.emoji}
              onMouseEnter={() => onHover(i)}
              onClick={() => onPick(item.emoji)}
              className={cn("flex aspect-square items-center justify-center rounded", i === active && "bg-hover")}
            >
              <Emoji char={item.emoji} className="size-7" />
            </button>
          );
        })}
      </div>
    </div>
  );
});
