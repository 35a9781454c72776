"use client";

import { Phone, PhoneMissed } from "lucide-react";
import { useState } from "react";
import type { Message } from "@/shared/api";
import type { CallTrace } from "@/shared/calls";
import { useLongPress } from "../../hooks/use-long-press";
import { callLineKind, callLineText } from "../../lib/call-format";
import { cn } from "../../lib/cn";
import { formatMessageTimestamp } from "../../lib/time";
import { useVoiceStore } from "../../stores/voice";

/** The call code loads on the Join button's hover, focus or click, not with every message list. */
const startCallCode = () => import("../calls/start-call");
const prepareCall = () => void startCallCode().then((m) => m.prepareCall(), () => undefined);
import { useChatContext } from "./chat-context";
import { MessageActionSheet } from "./composer-lazy";
import { MessageActions } from "./message-actions";
import { Reactions } from "./reactions";

export interface CallLineProps {
  message: Message & { call: CallTrace };
  flash: boolean;
  tabStop?: boolean;
}

/**
 * A call's system line in a conversation, as Discord draws it: a phone in the gutter,
 * "Ann started a call." with a Join button while it is open, how long it lasted once it
 * ended, or "Missed call from Ann" for whoever was rung and never came. Not editable.
 */
export function CallLine({ message, flash, tabStop }: CallLineProps) {
  const ctx = useChatContext();
  const trace = message.call;
  const caller = ctx.userName(trace.startedBy) ?? message.author.name;
  const kind = callLineKind(trace, ctx.myId);
  const text = callLineText(trace, caller, ctx.myId);
  const inThisCall = useVoiceStore((s) => s.call?.channelId === message.channelId && s.call.status !== "failed");
  const [sheetAt, setSheetAt] = useState<DOMRect>();
  const longPress = useLongPress((element) => setSheetAt(element.getBoundingClientRect()));
  const Icon = kind === "missed" ? PhoneMissed : Phone;
  // The name stands out, as in Discord; the sentence around it stays one readable line.
  const at = text.indexOf(caller);

  return (
    <li
      {...longPress}
      data-testid="message"
      data-type="call"
      data-call-state={kind}
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
      <Icon
        size={20}
        aria-hidden
        className={cn("absolute left-[26px] top-1", kind === "missed" ? "text-danger-soft" : "text-success")}
      />
      <p data-testid="call-line" className="leading-[1.375] text-text-muted">
        {at >= 0 ? (
          <>
            {text.slice(0, at)}
            <span className="font-medium text-text-strong">{caller}</span>
            {text.slice(at + caller.length)}
          </>
        ) : (
          text
        )}{" "}
        <time dateTime={message.createdAt} className="text-xs">
          {formatMessageTimestamp(message.createdAt)}
        </time>
      </p>
      {kind === "ongoing" && !inThisCall && ctx.myId && (
        <button
          type="button"
          data-testid="call-line-join"
          onPointerEnter={prepareCall}
          onFocus={prepareCall}
          onClick={() => {
            const myId = ctx.myId;
            if (myId) void startCallCode().then((m) => m.joinCall(message.channelId, myId, false));
          }}
          className="mt-1 h-8 rounded-[3px] bg-success px-3 text-sm font-medium text-white hover:bg-success-hover"
        >
          Join Call
        </button>
      )}
      <Reactions message={message} mayReact={ctx.mayReact} />
      <MessageActions message={message} />
      {sheetAt && <MessageActionSheet message={message} text={text} anchor={sheetAt} onClose={() => setSheetAt(undefined)} />}
    </li>
  );
}
