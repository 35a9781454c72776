"use client";

import { CornerUpLeft, X } from "lucide-react";
import type { Message } from "@/shared/api";
import { jumpToMessage } from "../../hooks/use-channel-messages";
import { useChatUi } from "../../stores/chat-ui";
import { Avatar } from "../ui/avatar";
import { MessageContent } from "./message-content";

/** The quoted original above a reply, Discord style; a click jumps to it, however far up. */
export function ReplyPreview({ channelId, replyTo }: { channelId: string; replyTo: NonNullable<Message["replyTo"]> }) {
  const gone = replyTo.deleted;
  return (
    <div className="relative mb-0.5 flex items-center gap-1 text-sm leading-[18px] text-text-muted" data-testid="reply-preview">
      {/* The spine from the avatar column up to the quote. */}
      <span aria-hidden className="absolute -left-[38px] top-[9px] h-2.5 w-[33px] rounded-tl-md border-l-2 border-t-2 border-secondary" />
      {gone ? (
        <span className="italic">Original message was deleted</span>
      ) : (
        <button
          type="button"
          data-testid="reply-jump"
          onClick={() => void jumpToMessage(channelId, replyTo.id)}
          className="flex min-w-0 items-center gap-1 text-left hover:text-text"
        >
          {replyTo.author && <Avatar id={replyTo.author.id} name={replyTo.author.name} image={replyTo.author.image} size={16} />}
          <span className="shrink-0 font-medium text-text-strong opacity-80">@{replyTo.author?.name ?? "Unknown"}</span>
          <span className="truncate">
            <MessageContent content={replyTo.content} variant="line" />
          </span>
        </button>
      )}
    </div>
  );
}

/** Above the composer while answering a message. */
export function ReplyBar({ channelId, message }: { channelId: string; message: Message }) {
  return (
    <div className="flex h-9 items-center gap-2 rounded-t-lg bg-sidebar px-4 text-sm text-text-muted max-md:h-11" data-testid="reply-bar">
      <CornerUpLeft size={16} />
      <span className="min-w-0 flex-1 truncate">
        Replying to <span className="font-semibold text-text">{message.author.name}</span>
      </span>
      <button
        type="button"
        aria-label="Cancel reply"
        data-testid="cancel-reply"
        onClick={() => useChatUi.getState().setReplyingTo(channelId, undefined)}
        className="rounded-full p-0.5 hover:text-text-strong max-md:-mr-3 max-md:p-3"
      >
        <X size={16} />
      </button>
    </div>
  );
}
