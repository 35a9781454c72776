"use client";

import { Smile } from "lucide-react";
import { useState, type KeyboardEvent, type RefObject } from "react";
import { activeEmojiQuery } from "../../lib/emoji-query";
import { lazyPart } from "../ui/lazy";
import { EmojiPicker } from "./emoji-picker-lazy";

// The composer's emoji parts: small here; the names, the list and the picker load on use.

export interface EmojiAssistProps {
  content: string;
  caret: number;
  /** Puts new text in the composer and the caret at `caret`. */
  setText: (text: string, caret: number) => void;
  /** Where the composer finds the list's key handler: true when the key was the list's. */
  keys: RefObject<((event: KeyboardEvent<HTMLTextAreaElement>) => boolean) | null>;
}

const Assist = lazyPart(() => import("./emoji-assist").then((m) => m.EmojiAssist));

/** `:sm` suggestions and `:smile:` → 😄, loaded (with the names) from the first `:` and two letters on. */
export function EmojiAssist(props: EmojiAssistProps) {
  const [wanted, setWanted] = useState(false);
  if (!wanted && activeEmojiQuery(props.content, props.caret)) setWanted(true);
  return wanted ? <Assist {...props} /> : null;
}

export interface ComposerEmojiButtonProps {
  content: string;
  textareaRef: RefObject<HTMLTextAreaElement | null>;
  setText: (text: string, caret: number) => void;
}

/** The smiley at the composer's right end: the picker, whose choice goes in at the caret (over a selection). */
export function ComposerEmojiButton({ content, textareaRef, setText }: ComposerEmojiButtonProps) {
  const [pickerAt, setPickerAt] = useState<DOMRect>();
  const insert = (emoji: string) => {
    const textarea = textareaRef.current;
    const start = textarea?.selectionStart ?? content.length;
    setText(content.slice(0, start) + emoji + content.slice(textarea?.selectionEnd ?? start), start + emoji.length);
    requestAnimationFrame(() => textareaRef.current?.focus());
  };
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
      {pickerAt && <EmojiPicker anchor={pickerAt} onPick={insert} onClose={() => setPickerAt(undefined)} />}
    </>
  );
}
