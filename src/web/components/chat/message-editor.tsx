"use client";

import { useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import type { Message } from "@/shared/api";
import { limits } from "@/shared/limits";
import { editMessage } from "../../hooks/message-commands";
import { decodeMentions, encodeMentions } from "../../lib/mentions";
import { useChatUi } from "../../stores/chat-ui";
import { useChatContext } from "./chat-context";
import { EmojiAssist, type EmojiAssistProps } from "./emoji-lazy";

/** Inline editing of my message: Enter saves, Shift+Enter breaks the line, Escape cancels. */
export function MessageEditor({ message }: { message: Message }) {
  const ctx = useChatContext();
  const initial = useMemo(
    () => decodeMentions(message.content, { user: ctx.userName, role: (id) => ctx.role(id)?.name, channel: (id) => ctx.channel?.(id)?.name }),
    // Decoded once when the editor opens; later name changes must not rewrite what is being typed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [message.id],
  );
  const [text, setText] = useState(initial.text);
  const [saving, setSaving] = useState(false);
  const ref = useRef<HTMLTextAreaElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const [caret, setCaret] = useState(initial.text.length);
  const emojiKeys: EmojiAssistProps["keys"] = useRef(null);
  const pendingCaret = useRef<number | null>(null);
  const close = () => useChatUi.getState().setEditing(null);

  useEffect(() => {
    const area = ref.current;
    if (!area) return;
    area.focus();
    area.setSelectionRange(area.value.length, area.value.length);
  }, []);

  // An emoji put in by `:name` goes where the caret was, and the caret after it.
  useLayoutEffect(() => {
    if (pendingCaret.current === null) return;
    ref.current?.setSelectionRange(pendingCaret.current, pendingCaret.current);
    pendingCaret.current = null;
  }, [text]);

  useEffect(() => {
    const area = ref.current;
    if (!area) return;
    area.style.height = "auto";
    area.style.height = `${Math.min(area.scrollHeight, 300)}px`;
  }, [text]);

  // Sized now: bring the whole editor (its hint line too) into the list's view, so the last
  // message's editor does not open below the list's edge, behind the composer.
  useEffect(() => {
    box.current?.scrollIntoView({ block: "nearest" });
  }, []);

  async function save() {
    const content = encodeMentions(text, initial.picked);
    if (!content.trim() || content === message.content) return close();
    if (content.length > limits.messageContentMax) return;
    setSaving(true);
    const saved = await editMessage(message.channelId, message.id, content);
    setSaving(false);
    if (saved) close();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (!event.nativeEvent.isComposing && emojiKeys.current?.(event)) return;
    if (event.key === "Escape") {
      event.preventDefault();
      close();
    } else if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void save();
    }
  }

  return (
    <div ref={box} className="relative py-1">
      <EmojiAssist
        content={text}
        caret={caret}
        setText={(next, at) => {
          setText(next);
          setCaret(at);
          pendingCaret.current = at;
        }}
        keys={emojiKeys}
      />
      <textarea
        ref={ref}
        data-testid="message-editor"
        aria-label="Edit message"
        value={text}
        disabled={saving}
        rows={1}
        onChange={(e) => {
          setText(e.target.value);
          setCaret(e.target.selectionStart);
        }}
        onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
        onKeyDown={onKeyDown}
        className="scroll-thin w-full resize-none rounded-lg bg-field px-4 py-[11px] text-[length:var(--chat-font-size)] leading-[1.375] text-text outline-none pointer-coarse:text-[length:max(16px,var(--chat-font-size))]"
      />
      <p className="mt-1 text-xs text-text-muted">
        escape to{" "}
        <button type="button" onClick={close} className="text-link hover:underline">
          cancel
        </button>{" "}
        • enter to{" "}
        <button type="button" onClick={() => void save()} className="text-link hover:underline">
          save
        </button>
        {text.length > limits.messageContentMax && (
          <span className="ml-2 text-danger-soft">{limits.messageContentMax - text.length} characters over the limit</span>
        )}
      </p>
    </div>
  );
}
