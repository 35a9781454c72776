"use client";

import { useQuery } from "@tanstack/react-query";
import { X } from "lucide-react";
import type { Message } from "@/shared/api";
import { api } from "../../api";
import { setPinned } from "../../hooks/message-commands";
import { jumpToMessage } from "../../hooks/use-channel-messages";
import { describeError } from "../../lib/errors";
import { formatMessageTimestamp } from "../../lib/time";
import { queryKeys } from "../../query-keys";
import { Avatar } from "../ui/avatar";
import { Popover } from "../ui/popover";
import { Spinner } from "../ui/spinner";
import { useChatContext } from "./chat-context";
import { MessageContent } from "./message-content";

/** The channel's pinned messages, under the header's pin button. */
export function PinsPopover({ channelId, anchor, onClose }: { channelId: string; anchor: DOMRect; onClose: () => void }) {
  return (
    <Popover anchor={anchor} onClose={onClose} label="Pinned messages" testId="pins" className="w-[min(420px,calc(100vw-16px))]">
      <PinsList channelId={channelId} onJumped={onClose} />
    </Popover>
  );
}

function PinsList({ channelId, onJumped }: { channelId: string; onJumped: () => void }) {
  const pins = useQuery({ queryKey: queryKeys.pins(channelId), queryFn: () => api.listPins(channelId) });
  return (
    <div>
      <h3 className="flex h-12 items-center rounded-t-lg bg-panel px-4 font-semibold text-text-strong">Pinned Messages</h3>
      <div className="scroll-thin flex max-h-[60vh] flex-col gap-2 overflow-y-auto p-3">
        {pins.isPending && <Spinner />}
        {pins.error && <p className="text-sm text-danger-soft">{describeError(pins.error)}</p>}
        {pins.data?.length === 0 && (
          <p className="py-6 text-center text-sm text-text-muted">This channel does not have any pinned messages… yet.</p>
        )}
        {pins.data?.map((message) => <PinnedMessage key={message.id} message={message} onJumped={onJumped} />)}
      </div>
    </div>
  );
}

function PinnedMessage({ message, onJumped }: { message: Message; onJumped: () => void }) {
  const ctx = useChatContext();
  return (
    <article className="group relative rounded-md bg-chat p-3 text-sm ring-1 ring-black/20" data-testid="pinned-message">
      <div className="flex items-center gap-2">
        <Avatar id={message.author.id} name={message.author.name} image={message.author.image} size={24} />
        <span className="font-medium text-text-strong">{message.author.name}</span>
        <span className="text-xs text-text-muted">{formatMessageTimestamp(message.createdAt)}</span>
      </div>
      <div className="mt-1 max-h-32 overflow-hidden whitespace-pre-wrap break-words">
        <MessageContent content={message.content} />
      </div>
      <div className="absolute right-2 top-2 hidden gap-1 group-hover:flex">
        <button
          type="button"
          data-testid="pin-jump"
          onClick={() => {
            onJumped();
            void jumpToMessage(message.channelId, message.id);
          }}
          className="rounded bg-field px-2 py-0.5 text-xs font-medium text-text hover:bg-selected"
        >
          Jump
        </button>
        {ctx.mayManageMessages && (
          <button
            type="button"
            aria-label="Unpin"
            onClick={() => void setPinned(message, false)}
            className="rounded bg-field p-0.5 text-text-muted hover:text-text-strong"
          >
            <X size={14} />
          </button>
        )}
      </div>
    </article>
  );
}
