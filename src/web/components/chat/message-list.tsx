"use client";

import { Hash } from "lucide-react";
import { Fragment, useCallback, useEffect, useLayoutEffect, useMemo, useRef } from "react";
import type { ChannelMessages } from "../../stores/messages";
import { startsGroup, startsNewDay, toEntries } from "../../lib/message-entries";
import { Button } from "../ui/button";
import { Spinner } from "../ui/spinner";
import { MessageItem } from "./message-item";

/** How close to the top (px) starts loading the previous page, so it is usually there before it is seen. */
const loadOlderThreshold = 400;
/** Within this distance of the bottom the list follows new messages. */
const stickThreshold = 80;

export interface MessageListProps {
  channelName: string;
  channel: ChannelMessages;
  onLoadOlder: () => void;
  onRetryLoad: () => void;
  onRetrySend: (nonce: string) => void;
}

export function MessageList({ channelName, channel, onLoadOlder, onRetryLoad, onRetrySend }: MessageListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);
  /** Scroll geometry saved just before an older page was requested, to restore the view after. */
  const beforePrepend = useRef<{ height: number; top: number; firstKey: string | undefined } | null>(null);

  const entries = useMemo(() => toEntries(channel), [channel]);
  const firstKey = entries[0]?.key;
  const canLoadOlder = channel.loaded && channel.hasMoreBefore && !channel.loadingOlder && !channel.error;

  const requestOlder = useCallback(() => {
    const element = scrollRef.current;
    if (!element || !canLoadOlder) return;
    beforePrepend.current = { height: element.scrollHeight, top: element.scrollTop, firstKey };
    onLoadOlder();
  }, [canLoadOlder, firstKey, onLoadOlder]);

  const lastEntry = entries[entries.length - 1];
  const lastKey = lastEntry?.key;
  const lastIsPending = lastEntry?.status === "pending";
  const previousLastKey = useRef(lastKey);

  // Runs before paint, so neither the prepend jump nor the bottom snap is ever visible.
  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    // Sending always brings you to the bottom, like Discord, even when reading history.
    if (lastIsPending && lastKey !== previousLastKey.current) stickToBottom.current = true;
    previousLastKey.current = lastKey;
    const saved = beforePrepend.current;
    if (saved && saved.firstKey !== firstKey) {
      element.scrollTop = element.scrollHeight - saved.height + saved.top;
      beforePrepend.current = null;
    } else if (stickToBottom.current) {
      element.scrollTop = element.scrollHeight;
    }
  }, [entries, firstKey, lastKey, lastIsPending]);

  // A short first page may not fill the screen, leaving nothing to scroll: fetch more until it does.
  useEffect(() => {
    const element = scrollRef.current;
    if (element && canLoadOlder && element.scrollHeight <= element.clientHeight) requestOlder();
  }, [canLoadOlder, requestOlder, entries.length]);

  // Keep the newest message in view when the window or composer changes size.
  useEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const observer = new ResizeObserver(() => {
      if (stickToBottom.current) element.scrollTop = element.scrollHeight;
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  function onScroll() {
    const element = scrollRef.current;
    if (!element) return;
    stickToBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < stickThreshold;
    if (element.scrollTop < loadOlderThreshold) requestOlder();
  }

  return (
    <div
      ref={scrollRef}
      onScroll={onScroll}
      data-testid="message-list"
      className="scroll-thin min-h-0 flex-1 overflow-y-auto [overflow-anchor:none]"
    >
      <div className="flex min-h-full flex-col justify-end pb-6">
        {channel.loaded && !channel.hasMoreBefore && <ChannelBeginning name={channelName} />}
        {(channel.loadingOlder || (!channel.loaded && !channel.error)) && (
          <div className="flex justify-center py-4">
            <Spinner />
          </div>
        )}
        {channel.error && (
          <div className="flex flex-col items-center gap-2 py-4 text-sm text-danger-soft" role="alert">
            <span>Could not load messages: {channel.error}</span>
            <Button variant="secondary" className="h-8" onClick={onRetryLoad}>
              Try again
            </Button>
          </div>
        )}
        <ul aria-label={`Messages in ${channelName}`}>
          {entries.map((entry, index) => {
            const previous = entries[index - 1];
            return (
              <Fragment key={entry.key}>
                {startsNewDay(previous, entry) && <DayDivider iso={entry.createdAt} />}
                <MessageItem entry={entry} groupStart={startsGroup(previous, entry)} onRetry={onRetrySend} />
              </Fragment>
            );
          })}
        </ul>
      </div>
    </div>
  );
}

function ChannelBeginning({ name }: { name: string }) {
  return (
    <div className="mx-4 mb-2 mt-4">
      <span className="flex size-[68px] items-center justify-center rounded-full bg-field text-text-strong">
        <Hash size={42} />
      </span>
      <h2 className="mt-2 text-[32px] font-bold text-text-strong">Welcome to #{name}!</h2>
      <p className="text-text-muted">This is the start of the #{name} channel.</p>
    </div>
  );
}

function DayDivider({ iso }: { iso: string }) {
  const label = new Date(iso).toLocaleDateString(undefined, { year: "numeric", month: "long", day: "numeric" });
  return (
    <li role="separator" className="mx-4 mb-1 mt-6 flex items-center gap-2 text-xs font-semibold text-text-muted">
      <span className="h-px flex-1 bg-divider" />
      {label}
      <span className="h-px flex-1 bg-divider" />
    </li>
  );
}
