"use client";

import { Phone, PhoneMissed } from "lucide-react";
import type { Message } from "@/shared/api";
import type { CallTrace } from "@/shared/calls";
import { callLineKind, callLineText } from "../../lib/call-format";
import { cn } from "../../lib/cn";
import { useVoiceStore } from "../../stores/voice";

/** The call code loads on the Join button's hover, focus or click, not with every message list. */
const startCallCode = () => import("../calls/start-call");
const prepareCall = () => void startCallCode().then((m) => m.prepareCall(), () => undefined);
import { useChatContext } from "./chat-context";
import { NamedSentence, SystemRow } from "./system-row";

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
  const Icon = kind === "missed" ? PhoneMissed : Phone;

  return (
    <SystemRow
      message={message}
      flash={flash}
      tabStop={tabStop}
      testId="call-line"
      text={text}
      data={{ "data-call-state": kind }}
      icon={<Icon size={20} aria-hidden className={cn("absolute left-[26px] top-1", kind === "missed" ? "text-danger-soft" : "text-success")} />}
      // The name stands out, as in Discord; the sentence around it stays one readable line.
      line={<NamedSentence text={text} name={caller} />}
    >
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
    </SystemRow>
  );
}
