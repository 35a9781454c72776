"use client";

import { CirclePlus } from "lucide-react";
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type ClipboardEvent, type KeyboardEvent } from "react";
import { limits } from "@/shared/limits";
import { addUploads } from "../../hooks/upload-attachments-lazy";
import { cn } from "../../lib/cn";
import { activeMentionQuery, encodeMentions, mentionShown, mentionToken, suggestionsFor, type MentionChoice, type PickedMention } from "../../lib/mentions";
import type { CandidateSources } from "../../lib/mentions";
import { NO_UPLOADS, openUploads, useUploads } from "../../stores/uploads";
import { MentionAutocomplete, UploadTray } from "./composer-lazy";
import { CooldownNotice, useCooldown } from "./cooldown";
import { ComposerEmojiButton, EmojiAssist, type EmojiAssistProps } from "./emoji-lazy";

/** Discord shows the remaining count only near the limit, where it matters. */
const counterFrom = limits.messageContentMax - 200;
const maxComposerHeight = 300;

export interface ComposerProps {
  channelId: string;
  placeholder: string;
  disabledReason?: string;
  onSend: (content: string) => void;
  /** Who the `@` autocomplete offers; none when omitted. */
  mentionSources?: CandidateSources;
  onTyping?: () => void;
  /** Up in an empty composer edits my last message, as in Discord. */
  onEditLast?: () => void;
  /** Escape with nothing to close cancels the reply being written. */
  onCancelReply?: () => void;
  slowmodeSeconds?: number;
  /** Set while a reply or other bar sits on top, to square the top corners. */
  attachedTop?: boolean;
  /** Changing it puts the caret here (picking a message to reply to). */
  focusKey?: string;
  /** Offer the attach button and take pasted files; false without the permission to attach. */
  mayAttach?: boolean;
}

export function Composer(props: ComposerProps) {
  const { channelId, placeholder, disabledReason, onSend, mentionSources } = props;
  const [content, setContent] = useState("");
  const [caret, setCaret] = useState(0);
  const [picked, setPicked] = useState<PickedMention[]>([]);
  const [active, setActive] = useState(0);
  const [dismissedAt, setDismissedAt] = useState<number>();
  const [tooLongNotice, setTooLongNotice] = useState(false);
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const fileInputRef = useRef<HTMLInputElement>(null);
  const uploads = useUploads((s) => s.byChannel[channelId] ?? NO_UPLOADS);
  const hasFiles = openUploads(uploads).length > 0;
  const mayAttach = (props.mayAttach ?? true) && !disabledReason;
  /** Where the caret goes once a picked mention is in the text. */
  const pendingCaret = useRef<number | null>(null);
  const cooldown = useCooldown(channelId);
  const length = content.length;
  const overLimit = length > limits.messageContentMax;

  const mention = activeMentionQuery(content, caret);
  const choices = useMemo(
    () => (mention && mentionSources && mention.start !== dismissedAt ? suggestionsFor(mention, mentionSources) : []),
    [mention?.query, mention?.start, mention?.trigger, mentionSources, dismissedAt], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const activeIndex = Math.min(active, Math.max(0, choices.length - 1));
  const emojiKeys: EmojiAssistProps["keys"] = useRef(null);
  const setText = (text: string, at: number) => {
    setContent(text);
    setCaret(at);
    pendingCaret.current = at;
  };

  // Before the next keystroke is handled: a later frame would pull the caret back over typed text.
  useLayoutEffect(() => {
    if (pendingCaret.current === null) return;
    textareaRef.current?.setSelectionRange(pendingCaret.current, pendingCaret.current);
    pendingCaret.current = null;
  }, [content]);

  // Grow with the text up to a cap, then scroll inside, as a chat box does.
  useEffect(() => {
    const textarea = textareaRef.current;
    if (!textarea) return;
    textarea.style.height = "auto";
    textarea.style.height = `${Math.min(textarea.scrollHeight, maxComposerHeight)}px`;
  }, [content]);

  useEffect(() => {
    if (!disabledReason) textareaRef.current?.focus();
  }, [disabledReason, props.focusKey]);

  function pick(choice: MentionChoice) {
    if (!mention) return;
    const shown = mentionShown(choice);
    const next = `${content.slice(0, mention.start)}${shown} ${content.slice(caret)}`;
    const at = mention.start + shown.length + 1;
    setContent(next);
    setCaret(at);
    setPicked((list) => [...list, { text: shown, token: mentionToken(choice) }]);
    setActive(0);
    pendingCaret.current = at;
  }

  function submit() {
    if (overLimit) {
      setTooLongNotice(true);
      return;
    }
    // Files alone make a message; unfinished uploads are waited for after Enter.
    if ((!content.trim() && !hasFiles) || cooldown.remainingMs > 0) return;
    const encoded = encodeMentions(content, picked);
    if (encoded.length > limits.messageContentMax) {
      setTooLongNotice(true);
      return;
    }
    onSend(encoded);
    cooldown.started(props.slowmodeSeconds ?? 0);
    setContent("");
    setPicked([]);
    setTooLongNotice(false);
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.nativeEvent.isComposing) return;
    if (choices.length > 0) {
      const step = event.key === "ArrowDown" ? 1 : event.key === "ArrowUp" ? -1 : 0;
      if (step !== 0) {
        event.preventDefault();
        setActive((activeIndex + step + choices.length) % choices.length);
        return;
      }
      if (event.key === "Enter" || event.key === "Tab") {
        event.preventDefault();
        const choice = choices[activeIndex];
        if (choice) pick(choice);
        return;
      }
      if (event.key === "Escape") {
        event.preventDefault();
        setDismissedAt(mention?.start);
        return;
      }
    }
    if (emojiKeys.current?.(event)) return;
    // isComposing: Enter that confirms an IME candidate must not send a half-typed word.
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      submit();
    } else if (event.key === "ArrowUp" && !event.altKey && content === "" && props.onEditLast) {
      event.preventDefault();
      props.onEditLast();
    } else if (event.key === "Escape" && props.onCancelReply) {
      props.onCancelReply();
    }
  }

  function onPaste(event: ClipboardEvent<HTMLTextAreaElement>) {
    const files = Array.from(event.clipboardData.files);
    if (files.length === 0 || !mayAttach) return;
    // A copied picture often comes with its HTML or name as text too: take only the file.
    event.preventDefault();
    addUploads(channelId, files);
  }

  return (
    <div className="relative">
      {overLimit && (tooLongNotice || length > limits.messageContentMax) && (
        <p role="alert" data-testid="composer-error" className="mb-2 text-sm text-danger-soft">
          Your message is too long: {length} of {limits.messageContentMax} characters. Remove{" "}
          {length - limits.messageContentMax} to send it.
        </p>
      )}
      <MentionAutocomplete
        query={mention ? `${mention.trigger}${mention.query}` : ""}
        choices={choices}
        active={activeIndex}
        onHover={setActive}
        onPick={pick}
      />
      <EmojiAssist content={content} caret={caret} setText={setText} keys={emojiKeys} />
      <div className={cn("relative bg-field", props.attachedTop ? "rounded-b-lg" : "rounded-lg", overLimit && "ring-1 ring-danger")}>
        <UploadTray channelId={channelId} />
        <div className="relative flex">
          {mayAttach && (
            <>
              <button
                type="button"
                data-testid="attach-button"
                aria-label="Upload a file"
                title="Upload a file"
                onClick={() => fileInputRef.current?.click()}
                className="flex h-11 w-14 shrink-0 items-center justify-center text-text-muted hover:text-text-strong"
              >
                <CirclePlus size={24} />
              </button>
              <input
                ref={fileInputRef}
                type="file"
                multiple
                hidden
                data-testid="attach-input"
                onChange={(e) => {
                  const files = Array.from(e.target.files ?? []);
                  // Cleared so picking the same file again still fires a change.
                  e.target.value = "";
                  if (files.length > 0) addUploads(channelId, files);
                  textareaRef.current?.focus();
                }}
              />
            </>
          )}
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
              setCaret(e.target.selectionStart);
              setTooLongNotice(false);
              if (e.target.value.trim()) props.onTyping?.();
            }}
            onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
            onKeyDown={onKeyDown}
            onPaste={onPaste}
            className={cn(
              "scroll-thin max-h-[300px] min-h-11 flex-1 resize-none bg-transparent py-[11px] pr-16",
              // The chat's font size (Appearance), never under 16 px on touch screens, where a smaller one zooms the page on focus.
              "text-[length:var(--chat-font-size)] leading-[1.375] pointer-coarse:text-[length:max(16px,var(--chat-font-size))]",
              "text-text outline-none placeholder:text-text-muted disabled:cursor-not-allowed",
              mayAttach ? "pl-0" : "pl-4",
            )}
          />
          {!disabledReason && <ComposerEmojiButton content={content} textareaRef={textareaRef} setText={setText} />}
          {length >= counterFrom && (
            <span
              data-testid="composer-counter"
              aria-live="polite"
              className={cn("absolute bottom-3 right-3 text-xs", overLimit ? "text-danger-soft" : "text-text-muted")}
            >
              {limits.messageContentMax - length}
            </span>
          )}
        </div>
      </div>
      <CooldownNotice cooldown={cooldown} slowmodeSeconds={props.slowmodeSeconds ?? 0} />
    </div>
  );
}
