"use client";

import { ArrowRight, Pin } from "lucide-react";
import { useState } from "react";
import type { Message } from "@/shared/api";
import { useLongPress } from "../../hooks/use-long-press";
import { cn } from "../../lib/cn";
import { systemLineParts, systemLineText } from "../../lib/system-lines";
import { formatMessageTimestamp } from "../../lib/time";
import { useChatContext } from "./chat-context";
import { MessageActionSheet, PinsPopover } from "./composer-lazy";
import { MessageActions } from "./message-actions";
import { Reactions } from "./reactions";

export interface SystemLineProps {
  message: Message & { type: "join" | "pin" };
  flash: boolean;
  tabStop?: boolean;
}

/**
 * The server's own lines, as Discord draws them: a green arrow and "Ann joined the
 * server." (one of Discord's welcome lines), or a pin and "Ann pinned a message to this
 * channel. See all pinned messages." whose link opens the channel's pins. Not editable.
 */
export function SystemLine({ message, flash, tabStop }: SystemLineProps) {
  const ctx = useChatContext();
  const name = ctx.userName(message.author.id) ?? message.author.name;
  const parts = systemLineParts(message, name);
  const [sheetAt, setSheetAt] = useState<DOMRect>();
  const [pinsAt, setPinsAt] = useState<DOMRect>();
  const longPress = useLongPress((element) => setSheetAt(element.getBoundingClientRect()));
  const Icon = message.type === "pin" ? Pin : ArrowRight;

  return (
    <li
      {...longPress}
      data-testid="message"
      data-type={message.type}
      data-key={message.id}
      data-message-id={message.id}
      tabIndex={tabStop ? 0 : -1}
      data-status="sent"
      data-pending="false"
      className={cn(
        "focus-inset group relative mt-[17px] py-0.5 pl-[72px] pr-12 text-[length:var(--chat-font-size)] hover:bg-message-hover focus-within:bg-message-hover compact:mt-1 max-md:pr-4 pointer-coarse:select-none",
        flash && "animate-[flash_2s_ease-out]",
      )}
    >
      <Icon size={18} aria-hidden className={cn("absolute left-[27px] top-1", message.type === "pin" ? "text-text-muted" : "text-success")} />
      <p data-testid="system-line" className="leading-[1.375] text-text-muted">
        {parts.before}
        <span className="font-medium text-text-strong">{parts.name}</span>
        {parts.after}
        {message.type === "pin" && (
          <>
            {" "}
            <button
              type="button"
              data-testid="system-line-pins"
              aria-haspopup="dialog"
              aria-expanded={!!pinsAt}
              onClick={(e) => setPinsAt(e.currentTarget.getBoundingClientRect())}
              className="font-medium text-text-strong hover:underline focus-visible:underline"
            >
              See all pinned messages.
            </button>
          </>
        )}{" "}
        <time dateTime={message.createdAt} className="text-xs">
          {formatMessageTimestamp(message.createdAt)}
        </time>
      </p>
      <Reactions message={message} mayReact={ctx.mayReact} />
      <MessageActions message={message} />
      {pinsAt && <PinsPopover channelId={message.channelId} anchor={pinsAt} onClose={() => setPinsAt(undefined)} />}
      {sheetAt && (
        <MessageActionSheet message={message} text={systemLineText(message, name)} anchor={sheetAt} onClose={() => setSheetAt(undefined)} />
      )}
    </li>
  );
}
