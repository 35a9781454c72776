"use client";

import { Fragment, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { compareIds } from "../../lib/ids";
import { startsGroup, startsNewDay, toEntries, type MessageEntry } from "../../lib/message-entries";
import { useChatUi } from "../../stores/chat-ui";
import type { ChannelMessages } from "../../stores/messages";
import { Button } from "../ui/button";
import { Spinner } from "../ui/spinner";
import { ChannelBeginning, DayDivider, NewMessagesDivider } from "./list-dividers";
import { MessageItem } from "./message-item";
import { handleMessageKey, messageOf } from "./message-keys";
import { JumpToPresentBar, UnreadBar, type UnreadInfo } from "./unread-bars";

/** How close to the top (px) starts loading the previous page, so it is usually there before it is seen. */
const loadOlderThreshold = 400;
/** Within this distance of the bottom the list follows new messages. */
const stickThreshold = 80;
const flashMs = 2000;

export interface MessageListProps {
  channelId: string;
  channelName: string;
  channel: ChannelMessages;
  /** My read cursor when the channel was opened: the divider goes before the first message after it. */
  unread?: UnreadInfo;
  myId: string | undefined;
  /** People I blocked: runs of their messages fold into one "blocked messages" row. */
  blockedIds?: ReadonlySet<string>;
  /** What the top of the history says; a server channel's welcome by default. */
  beginning?: ReactNode;
  onLoadOlder: () => void;
  onLoadNewer: () => void;
  onJumpToPresent: () => void;
  onRetryLoad: () => void;
  onRetrySend: (nonce: string) => void;
  onDiscard: (nonce: string) => void;
}

export function MessageList(props: MessageListProps) {
  const { channelId, channelName, channel, unread, myId, onLoadOlder, onLoadNewer } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const dividerRef = useRef<HTMLLIElement>(null);
  const stickToBottom = useRef(true);
  /** Scroll geometry saved just before an older page was requested, to restore the view after. */
  const beforePrepend = useRef<{ height: number; top: number; firstKey: string | undefined } | null>(null);
  const jump = useChatUi((s) => (s.jump?.channelId === channelId ? s.jump : null));
  const [flashId, setFlashId] = useState<string>();
  const [dividerOutOfView, setDividerOutOfView] = useState(true);
  /** The message Tab lands on (the last one focused, else the newest): one tab stop for the list. */
  const [focusedKey, setFocusedKey] = useState<string>();

  const entries = useMemo(() => toEntries(channel), [channel]);
  const blockedRuns = useMemo(() => findBlockedRuns(entries, props.blockedIds), [entries, props.blockedIds]);
  const [revealed, setRevealed] = useState<ReadonlySet<string>>(() => new Set());
  const firstKey = entries[0]?.key;
  const canLoadOlder = channel.loaded && channel.hasMoreBefore && !channel.loadingOlder && !channel.error;
  const firstUnreadId = useMemo(() => {
    if (!unread?.lastReadId) return undefined;
    const after = unread.lastReadId;
    return entries.find((e) => e.id && e.author.id !== myId && compareIds(e.id, after) > 0)?.id ?? undefined;
  }, [entries, unread?.lastReadId, myId]);

  const requestOlder = useCallback(() => {
    const element = scrollRef.current;
    if (!element || !canLoadOlder) return;
    beforePrepend.current = { height: element.scrollHeight, top: element.scrollTop, firstKey };
    onLoadOlder();
  }, [canLoadOlder, firstKey, onLoadOlder]);

  const lastEntry = entries[entries.length - 1];
  const lastKey = lastEntry?.key;
  const lastIsMine = lastEntry?.status !== "sent";
  const previousLastKey = useRef(lastKey);
  const tabStopKey = focusedKey && entries.some((e) => e.key === focusedKey) ? focusedKey : lastKey;

  // Runs before paint, so neither the prepend jump nor the bottom snap is ever visible.
  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    // Sending always brings you to the bottom, like Discord, even when reading history.
    if (lastIsMine && lastKey !== previousLastKey.current) stickToBottom.current = true;
    previousLastKey.current = lastKey;
    const saved = beforePrepend.current;
    if (saved && saved.firstKey !== firstKey) {
      element.scrollTop = element.scrollHeight - saved.height + saved.top;
      beforePrepend.current = null;
    } else if (stickToBottom.current && !channel.hasMoreAfter) {
      element.scrollTop = element.scrollHeight;
    }
  }, [entries, firstKey, lastKey, lastIsMine, channel.hasMoreAfter]);

  // A jump (reply, search hit, pin): centre the message and let it glow once it is on screen.
  useLayoutEffect(() => {
    if (!jump) return;
    const target = scrollRef.current?.querySelector<HTMLElement>(`[data-message-id="${jump.messageId}"]`);
    if (!target) return;
    stickToBottom.current = false;
    target.scrollIntoView({ block: "center" });
    setFlashId(jump.messageId);
    useChatUi.getState().clearJump();
  }, [jump, entries]);

  useEffect(() => {
    if (!flashId) return;
    const timer = setTimeout(() => setFlashId(undefined), flashMs);
    return () => clearTimeout(timer);
  }, [flashId]);

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

  const measureDivider = useCallback(() => {
    const list = scrollRef.current?.getBoundingClientRect();
    const divider = dividerRef.current?.getBoundingClientRect();
    setDividerOutOfView(!divider || !list || divider.bottom < list.top);
  }, []);
  useLayoutEffect(measureDivider, [measureDivider, firstUnreadId, entries.length]);

  function onScroll() {
    const element = scrollRef.current;
    if (!element) return;
    const fromBottom = element.scrollHeight - element.scrollTop - element.clientHeight;
    stickToBottom.current = fromBottom < stickThreshold && !channel.hasMoreAfter;
    if (element.scrollTop < loadOlderThreshold) requestOlder();
    if (channel.hasMoreAfter && !channel.loadingNewer && fromBottom < loadOlderThreshold) onLoadNewer();
    measureDivider();
  }

  const jumpToUnread = () => {
    if (dividerRef.current) dividerRef.current.scrollIntoView({ block: "center" });
    else unread?.onJumpMissing();
  };

  return (
    <div className="relative flex min-h-0 flex-1 flex-col">
      {unread && unread.count > 0 && dividerOutOfView && (
        <UnreadBar info={unread} onJump={jumpToUnread} />
      )}
      <div
        ref={scrollRef}
        onScroll={onScroll}
        data-testid="message-list"
        className="scroll-thin min-h-0 flex-1 overflow-y-auto [overflow-anchor:none]"
      >
        <div className="flex min-h-full flex-col justify-end pb-6">
          {channel.loaded && !channel.hasMoreBefore && (props.beginning ?? <ChannelBeginning name={channelName} />)}
          {(channel.loadingOlder || (!channel.loaded && !channel.error)) && (
            <div className="flex justify-center py-4">
              <Spinner />
            </div>
          )}
          {channel.error && (
            <div className="flex flex-col items-center gap-2 py-4 text-sm text-danger-soft" role="alert">
              <span>Could not load messages: {channel.error}</span>
              <Button variant="secondary" className="h-8" onClick={props.onRetryLoad}>
                Try again
              </Button>
            </div>
          )}
          <ul
            aria-label={`Messages in ${channelName}`}
            onKeyDown={handleMessageKey}
            onFocus={(event) => setFocusedKey(messageOf(event.target)?.dataset.key ?? focusedKey)}
          >
            {entries.map((entry, index) => {
              const previous = entries[index - 1];
              const isFirstUnread = !!entry.id && entry.id === firstUnreadId;
              const run = blockedRuns.runOf.get(entry.key);
              const hidden = !!run && !revealed.has(run);
              if (hidden && run !== entry.key) return null;
              return (
                <Fragment key={entry.key}>
                  {startsNewDay(previous, entry) && <DayDivider iso={entry.createdAt} />}
                  {isFirstUnread && !hidden && <NewMessagesDivider ref={dividerRef} />}
                  {run === entry.key && (
                    <BlockedNotice
                      count={blockedRuns.sizes.get(run) ?? 1}
                      shown={!hidden}
                      onToggle={() =>
                        setRevealed((set) => {
                          const next = new Set(set);
                          if (hidden) next.add(run);
                          else next.delete(run);
                          return next;
                        })
                      }
                    />
                  )}
                  {!hidden && (
                    <MessageItem
                      entry={entry}
                      groupStart={isFirstUnread || run === entry.key || startsGroup(previous, entry)}
                      flash={!!entry.id && entry.id === flashId}
                      tabStop={entry.key === tabStopKey}
                      onRetry={props.onRetrySend}
                      onDiscard={props.onDiscard}
                    />
                  )}
                </Fragment>
              );
            })}
          </ul>
          {channel.loadingNewer && (
            <div className="flex justify-center py-4">
              <Spinner />
            </div>
          )}
        </div>
      </div>
      {channel.hasMoreAfter && <JumpToPresentBar onJump={props.onJumpToPresent} />}
    </div>
  );
}

interface BlockedRuns {
  /** Each blocked entry's run, named by the key of the run's first entry. */
  runOf: Map<string, string>;
  sizes: Map<string, number>;
}

/** Consecutive messages from blocked people, as Discord folds them. */
function findBlockedRuns(entries: MessageEntry[], blocked: ReadonlySet<string> | undefined): BlockedRuns {
  const runOf = new Map<string, string>();
  const sizes = new Map<string, number>();
  if (!blocked || blocked.size === 0) return { runOf, sizes };
  let current: string | undefined;
  for (const entry of entries) {
    if (entry.status !== "sent" || !blocked.has(entry.author.id)) {
      current = undefined;
      continue;
    }
    current ??= entry.key;
    runOf.set(entry.key, current);
    sizes.set(current, (sizes.get(current) ?? 0) + 1);
  }
  return { runOf, sizes };
}

function BlockedNotice({ count, shown, onToggle }: { count: number; shown: boolean; onToggle: () => void }) {
  return (
    <li data-testid="blocked-messages" className="mx-4 mt-4 flex items-center gap-2 text-sm text-text-muted">
      <span className="h-px w-4 bg-divider" />
      <span>
        {count} blocked {count === 1 ? "message" : "messages"} —{" "}
        <button type="button" data-testid="blocked-toggle" onClick={onToggle} className="font-medium text-link hover:underline">
          {shown ? "Hide" : "Show"}
        </button>
      </span>
      <span className="h-px flex-1 bg-divider" />
    </li>
  );
}
