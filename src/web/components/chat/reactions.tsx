"use client";

import { useQuery } from "@tanstack/react-query";
import { SmilePlus } from "lucide-react";
import { useState } from "react";
import type { Message } from "@/shared/api";
import { api } from "../../api";
import { toggleReaction } from "../../hooks/message-commands";
import { cn } from "../../lib/cn";
import { queryKeys } from "../../query-keys";
import { Emoji, EmojiText } from "../ui/emoji";
import { EmojiPicker } from "./emoji-picker-lazy";

export interface ReactionsProps {
  message: Message;
  mayReact: boolean;
}

/** The row under a message: each emoji with its count, mine highlighted; click toggles. */
export function Reactions({ message, mayReact }: ReactionsProps) {
  const [pickerAt, setPickerAt] = useState<DOMRect>();
  if (message.reactions.length === 0) return null;
  return (
    <div className="mt-1 flex flex-wrap items-center gap-1" data-testid="reactions">
      {message.reactions.map((reaction) => (
        <ReactionButton key={reaction.emoji} message={message} reaction={reaction} disabled={!mayReact && !reaction.me} />
      ))}
      {mayReact && (
        <button
          type="button"
          aria-label="Add reaction"
          onClick={(e) => setPickerAt(e.currentTarget.getBoundingClientRect())}
          className="flex h-6 items-center rounded-md px-1.5 text-text-muted opacity-0 hover:bg-field hover:text-text focus-visible:opacity-100 group-hover:opacity-100 group-focus-within:opacity-100"
        >
          <SmilePlus size={16} />
        </button>
      )}
      {pickerAt && (
        <EmojiPicker
          anchor={pickerAt}
          onPick={(emoji) => void toggleReaction(message.channelId, message.id, emoji)}
          onClose={() => setPickerAt(undefined)}
        />
      )}
    </div>
  );
}

interface ReactionButtonProps {
  message: Message;
  reaction: Message["reactions"][number];
  disabled: boolean;
}

function ReactionButton({ message, reaction, disabled }: ReactionButtonProps) {
  const [hovered, setHovered] = useState(false);
  const who = useQuery({
    queryKey: queryKeys.reactors(message.channelId, message.id, reaction.emoji),
    queryFn: () => api.reactors(message.channelId, message.id, reaction.emoji),
    enabled: hovered,
    staleTime: 10_000,
  });
  const names = who.data?.map((u) => u.name) ?? [];
  const label =
    names.length === 0
      ? "Loading who reacted…"
      : names.length <= 3
        ? `${names.join(", ")} reacted with ${reaction.emoji}`
        : `${names.slice(0, 3).join(", ")} and ${names.length - 3} others reacted with ${reaction.emoji}`;

  return (
    <span className="relative" onMouseEnter={() => setHovered(true)} onMouseLeave={() => setHovered(false)}>
      <button
        type="button"
        data-testid="reaction"
        data-emoji={reaction.emoji}
        data-me={reaction.me ? "true" : "false"}
        aria-pressed={reaction.me}
        aria-label={`${reaction.emoji} ${reaction.count}`}
        disabled={disabled}
        onClick={() => void toggleReaction(message.channelId, message.id, reaction.emoji)}
        className={cn(
          "flex h-6 items-center gap-1.5 rounded-md border px-1.5 text-sm disabled:cursor-not-allowed",
          reaction.me ? "border-blurple bg-blurple/25 text-mention" : "border-transparent bg-field text-text-muted hover:border-secondary",

        )}
      >
        <Emoji char={reaction.emoji} loading="eager" className="size-4" />
        <span data-testid="reaction-count" className="font-semibold">
          {reaction.count}
        </span>
      </button>
      {hovered && (
        <span
          role="tooltip"
          data-testid="reactors"
          className="pointer-events-none absolute bottom-full left-1/2 z-40 mb-2 w-max max-w-64 -translate-x-1/2 rounded-md bg-floating px-3 py-2 text-center text-sm font-medium text-text-strong shadow-lg"
        >
          <EmojiText text={label} />
        </span>
      )}
    </span>
  );
}
