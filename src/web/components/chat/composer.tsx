"use client";

import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { limits } from "@/shared/limits";
import { cn } from "../../lib/cn";

/** Discord shows the remaining count only near the limit, where it matters. */
const counterFrom = limits.messageContentMax - 200;
const maxComposerHeight = 300;

export interface ComposerProps {
  placeholder: string;
  disabledReason?: string;
  onSend: (content: string) => void;
}

export function Composer({ placeholder, disabledReason, onSend }: ComposerProps) {
  const [content, setContent] = useState("");
  const [tooLongNotice, setTooLongNotice] = useState(false);
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const length = content.length;
  const overLimit = length > limits.messageContentMax;

  // Grow with the text up to a cap, then scroll inside, as a chat box does.
  useEffect(() => {
    const textarea = textareaRef.current;
    if (!textarea) return;
    textarea.style.height = "auto";
    textarea.style.height = `${Math.min(textarea.scrollHeight, maxComposerHeight)}px`;
  }, [content]);

  useEffect(() => {
    if (!disabledReason) textareaRef.current?.focus();
  }, [disabledReason]);

  function submit() {
    if (overLimit) {
      setTooLongNotice(true);
      return;
    }
    if (!content.trim()) return;
    onSend(content);
    setContent("");
    setTooLongNotice(false);
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    // isComposing: Enter that confirms an IME candidate must not send a half-typed word.
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  }

  return (
    <div className="shrink-0 px-4 pb-6">
      {overLimit && (tooLongNotice || length > limits.messageContentMax) && (
        <p role="alert" data-testid="composer-error" className="mb-2 text-sm text-danger-soft">
          Your message is too long: {length} of {limits.messageContentMax} characters. Remove{" "}
          {length - limits.messageContentMax} to send it.
        </p>
      )}
      <div className={cn("relative flex rounded-lg bg-field", overLimit && "ring-1 ring-danger")}>
        <textarea
          ref={textareaRef}
          data-testid="composer"
          aria-label={placeholder}
          placeholder={disabledReason ?? placeholder}
          disabled={Boolean(disabledReason)}
          rows={1}
          value={content}
          onChange={(e) => {
            setContent(e.target.value);
            setTooLongNotice(false);
          }}
          onKeyDown={onKeyDown}
          className="scroll-thin max-h-[300px] min-h-11 flex-1 resize-none bg-transparent py-[11px] pl-4 pr-16 leading-[22px] text-text outline-none placeholder:text-text-muted disabled:cursor-not-allowed"
        />
        {length >= counterFrom && (
          <span
            data-testid="composer-counter"
            aria-live="polite"
            className={cn("absolute bottom-3 right-3 text-xs", overLimit ? "text-danger" : "text-text-muted")}
          >
            {limits.messageContentMax - length}
          </span>
        )}
      </div>
    </div>
  );
}
