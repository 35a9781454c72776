"use client";

import { Smile } from "lucide-react";
import { useState, type ComponentProps } from "react";
import type { EmojiAutocomplete as EagerList } from "./emoji-autocomplete";
import { lazyPart } from "../ui/lazy";
import { EmojiPicker } from "./emoji-picker-lazy";

// The composer's emoji parts: small here, their names and lists loaded on use.

const List = lazyPart(() => import("./emoji-autocomplete").then((m) => m.EmojiAutocomplete));

/** Suggestions once `:sm` has matches; the keys that pick one work in the composer meanwhile. */
export function EmojiAutocomplete(props: ComponentProps<typeof EagerList>) {
  return props.choices.length > 0 ? <List {...props} /> : null;
}

/** The smiley at the composer's right end: the picker, whose choice goes in at the caret. */
export function ComposerEmojiButton({ onPick }: { onPick: (emoji: string) => void }) {
  const [pickerAt, setPickerAt] = useState<DOMRect>();
  return (
    <>
      <button
        type="button"
        data-testid="composer-emoji"
        aria-label="Select emoji"
        title="Select emoji"
        aria-haspopup="dialog"
        aria-expanded={Boolean(pickerAt)}
        // A click leaves the caret (and the selection) where it was, so the emoji lands there.
        onMouseDown={(e) => e.preventDefault()}
        onClick={(e) => setPickerAt(pickerAt ? undefined : e.currentTarget.getBoundingClientRect())}
        className="absolute right-1 top-0 flex h-11 w-11 items-center justify-center text-text-muted hover:text-text-strong"
      >
        <Smile size={24} />
      </button>
      {pickerAt && <EmojiPicker anchor={pickerAt} onPick={onPick} onClose={() => setPickerAt(undefined)} />}
    </>
  );
}
