"use client";

import { useState, type ReactNode } from "react";
import type { Message } from "@/shared/api";
import { useLongPress } from "../../hooks/use-long-press";
import { cn } from "../../lib/cn";
import { formatMessageTimestamp } from "../../lib/time";
import { useChatContext } from "./chat-context";
import { MessageActionSheet } from "./composer-lazy";
import { MessageActions } from "./message-actions";
import { Reactions } from "./reactions";

export interface SystemRowProps {
  message: Message;
  flash: boolean;
  tabStop?: boolean;
  /** The gutter's icon, placed by the row. */
  icon: ReactNode;
  /** The sentence's test id ("call-line", "system-line"). */
  testId: string;
  /** The line as plain words: what the long-press sheet copies. */
  text: string;
  /** `data-*` attributes that tell this kind of line apart (tests, styles). */
  data?: Record<`data-${string}`, string>;
  /** The sentence, before its time. */
  line: ReactNode;
  /** Drawn under the sentence (a Join button). */
  children?: ReactNode;
}

/**
 * A line the app writes (a call, a join, a pin), in Discord's shape: an icon in the
 * gutter, muted words with the name standing out and the time, reactions and the action
 * bar as on any message, and the long-press sheet on a phone. Not editable.
 */
export function SystemRow({ message, flash, tabStop, icon, testId, text, data, line, children }: SystemRowProps) {
  const ctx = useChatContext();
  const [sheetAt, setSheetAt] = useState<DOMRect>();
  const longPress = useLongPress((element) => setSheetAt(element.getBoundingClientRect()));
  return (
    <li
      {...longPress}
      {...data}
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
      {icon}
      <p data-testid={testId} className="leading-[1.375] text-text-muted">
        {line}{" "}
        <time dateTime={message.createdAt} className="text-xs">
          {formatMessageTimestamp(message.createdAt)}
        </time>
      </p>
      {children}
      <Reactions message={message} mayReact={ctx.mayReact} />
      <MessageActions message={message} />
      {sheetAt && <MessageActionSheet message={message} text={text} anchor={sheetAt} onClose={() => setSheetAt(undefined)} />}
    </li>
  );
}

/** The sentence with the person's name in strong type, wherever it falls. */
export function NamedSentence({ text, name }: { text: string; name: string }) {
  const at = text.indexOf(name);
  if (at < 0) return <>{text}</>;
  return (
    <>
      {text.slice(0, at)}
      <span className="font-medium text-text-strong">{name}</span>
      {text.slice(at + name.length)}
    </>
  );
}
