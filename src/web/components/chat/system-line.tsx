"use client";

import { ArrowRight, Pin } from "lucide-react";
import { useState } from "react";
import type { Message } from "@/shared/api";
import { cn } from "../../lib/cn";
import { systemLineParts, systemLineText } from "../../lib/system-lines";
import { useChatContext } from "./chat-context";
import { PinsPopover } from "./composer-lazy";
import { SystemRow } from "./system-row";

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
  const [pinsAt, setPinsAt] = useState<DOMRect>();
  const Icon = message.type === "pin" ? Pin : ArrowRight;

  return (
    <SystemRow
      message={message}
      flash={flash}
      tabStop={tabStop}
      testId="system-line"
      text={systemLineText(message, name)}
      icon={<Icon size={18} aria-hidden className={cn("absolute left-[27px] top-1", message.type === "pin" ? "text-text-muted" : "text-success")} />}
      line={
        <>
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
          )}
        </>
      }
    >
      {pinsAt && <PinsPopover channelId={message.channelId} anchor={pinsAt} onClose={() => setPinsAt(undefined)} />}
    </SystemRow>
  );
}
