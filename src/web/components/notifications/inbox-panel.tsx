"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { AtSign, CheckCheck, PhoneMissed, Reply, X } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { InboxItem, NotificationKind } from "@/shared/api/notifications";
import { api } from "../../api";
import { inboxPageSize, useInbox } from "../../hooks/use-inbox";
import { openNotification } from "../../hooks/use-notifications";
import { cn } from "../../lib/cn";
import { describeError } from "../../lib/errors";
import { isUnread } from "../../lib/inbox";
import { formatMessageTimestamp } from "../../lib/time";
import { queryKeys } from "../../query-keys";
import { useReadStateStore } from "../../stores/read-state";
import { Avatar } from "../ui/avatar";
import { Popover } from "../ui/popover";
import { Spinner } from "../ui/spinner";

const kinds: Partial<Record<NotificationKind, { label: string; Icon: typeof AtSign }>> = {
  mention: { label: "Mentioned you", Icon: AtSign },
  reply: { label: "Replied to you", Icon: Reply },
  missed_call: { label: "Missed call", Icon: PhoneMissed },
};

/**
 * The inbox under the header's button (a sheet over the whole screen on a phone): newest
 * first, unread ones marked, each opening its message.
 */
export function InboxPanel({ anchor, onClose }: { anchor: DOMRect; onClose: () => void }) {
  return (
    <Popover
      anchor={anchor}
      onClose={onClose}
      label="Inbox"
      testId="inbox-panel"
      className="flex max-h-[min(640px,calc(100dvh-64px))] w-[min(460px,calc(100vw-16px))] flex-col max-[641px]:inset-0! max-[641px]:max-h-none! max-[641px]:w-screen! max-[641px]:rounded-none!"
    >
      <InboxContent onClose={onClose} />
    </Popover>
  );
}

function InboxContent({ onClose }: { onClose: () => void }) {
  const queryClient = useQueryClient();
  const inbox = useInbox();
  const [older, setOlder] = useState<InboxItem[]>([]);
  const [end, setEnd] = useState(false);
  const items = [...(inbox.data?.items ?? []), ...older.filter((o) => !inbox.data?.items.some((i) => i.notification.id === o.notification.id))];

  const readAll = useMutation({
    mutationFn: api.readAllInbox,
    // The cursors moved on the server (read.updated follows); fetch them now as well.
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.readStates }),
  });
  const more = useMutation({
    mutationFn: () => api.inbox({ before: items.at(-1)?.notification.id, limit: inboxPageSize }),
    onSuccess: (page) => {
      setOlder((list) => [...list, ...page.items]);
      if (page.items.length < inboxPageSize) setEnd(true);
    },
  });
  const hasMore = !end && (inbox.data?.items.length ?? 0) >= inboxPageSize;

  return (
    <>
      <header className="flex h-12 shrink-0 items-center gap-2 rounded-t-lg bg-panel px-4 max-[641px]:rounded-none">
        <h3 className="flex-1 font-semibold text-text-strong">Inbox</h3>
        <button
          type="button"
          data-testid="inbox-read-all"
          disabled={readAll.isPending || items.length === 0}
          onClick={() => readAll.mutate()}
          className="flex items-center gap-1.5 rounded px-2 py-1 text-sm font-medium text-text-muted hover:bg-hover hover:text-text-strong disabled:opacity-50"
        >
          <CheckCheck size={16} aria-hidden />
          Mark all read
        </button>
        <button type="button" aria-label="Close inbox" onClick={onClose} className="rounded p-1 text-text-muted hover:text-text-strong">
          <X size={18} />
        </button>
      </header>
      {readAll.error && <p className="px-4 pt-2 text-sm text-danger-soft">{describeError(readAll.error)}</p>}
      <div className="scroll-thin flex min-h-0 flex-1 flex-col gap-2 overflow-y-auto p-3">
        {inbox.isPending && <Spinner />}
        {inbox.error && <p className="text-sm text-danger-soft">{describeError(inbox.error)}</p>}
        {inbox.data && items.length === 0 && (
          <div className="flex flex-col items-center gap-2 py-10 text-center">
            <CheckCheck size={36} className="text-text-muted" aria-hidden />
            <p className="font-semibold text-text-strong">You&apos;re all caught up</p>
            <p className="max-w-xs text-sm text-text-muted">Mentions, replies to you and missed calls will show up here.</p>
          </div>
        )}
        {items.length > 0 && (
          <ul className="flex flex-col gap-2" aria-label="Notifications">
            {items.map((item) => (
              <InboxEntry key={item.notification.id} item={item} onOpened={onClose} />
            ))}
          </ul>
        )}
        {hasMore && (
          <button
            type="button"
            disabled={more.isPending}
            onClick={() => more.mutate()}
            className="mt-1 h-8 rounded bg-field text-sm font-medium text-text hover:bg-selected disabled:opacity-50"
          >
            {more.isPending ? "Loading…" : "Load older"}
          </button>
        )}
      </div>
    </>
  );
}

function InboxEntry({ item, onOpened }: { item: InboxItem; onOpened: () => void }) {
  const router = useRouter();
  const unread = useReadStateStore((s) => isUnread(item.notification, s.reads));
  const { notification: n, message, place } = item;
  const kind = kinds[n.kind];
  const where = place.serverName ? `${place.channelName} · ${place.serverName}` : place.channelName;
  // The server's preview: mentions already read as names.
  const text = n.body ?? "";
  return (
    <li>
      <button
        type="button"
        data-testid="inbox-item"
        data-message-id={n.messageId}
        data-unread={unread ? "true" : undefined}
        onClick={() => {
          onOpened();
          openNotification(n, router.push);
        }}
        className="relative w-full rounded-md bg-chat p-3 text-left ring-1 ring-black/20 hover:ring-blurple"
      >
        {unread && <span aria-label="Unread" className="absolute right-3 top-3 size-2 rounded-full bg-danger" />}
        <span className="flex items-center gap-1.5 pr-4 text-xs text-text-muted">
          {kind && <kind.Icon size={14} aria-hidden className={n.kind === "missed_call" ? "text-danger-soft" : undefined} />}
          <span className="truncate font-semibold text-text">{where}</span>
          <span aria-hidden>·</span>
          <span className="shrink-0">{kind?.label}</span>
        </span>
        <span className="mt-2 flex gap-2.5">
          {message ? (
            <Avatar id={message.author.id} name={message.author.name} image={message.author.image} size={32} />
          ) : (
            <span className="size-8 shrink-0 rounded-full bg-field" aria-hidden />
          )}
          <span className="min-w-0 flex-1">
            <span className="flex items-baseline gap-2">
              <span className={cn("truncate text-sm text-text-strong", unread ? "font-semibold" : "font-medium")}>
                {message?.author.name ?? n.title}
              </span>
              <span className="shrink-0 text-xs text-text-muted">{formatMessageTimestamp(n.createdAt)}</span>
            </span>
            {n.kind === "missed_call" ? (
              <span className="block text-sm text-text-muted">You missed a call.</span>
            ) : (
              <span className={cn("line-clamp-3 whitespace-pre-wrap break-words text-sm", text ? "text-text" : "italic text-text-muted")}>
                {text || (message === null ? "This message is no longer available." : "")}
              </span>
            )}
          </span>
        </span>
      </button>
    </li>
  );
}
