/**
 * The inbox's unread rule, on the client: an entry is unread while its message is past
 * my read cursor in that channel. The read-state store holds the cursors and follows
 * reads on my other tabs and devices (`read.updated`), so the badge clears live.
 */
import type { InboxItem, InboxPage, NotificationInfo, NotificationKind } from "@/shared/api/notifications";
import { compareIds } from "./ids";

/** The kinds the inbox lists (a copy of the contract's list, free of the schema code). */
const inboxKindSet: ReadonlySet<NotificationKind> = new Set<NotificationKind>(["mention", "reply", "missed_call"]);

export function isInboxKind(kind: NotificationKind): boolean {
  return inboxKindSet.has(kind);
}

type Cursors = Record<string, { lastReadId: string | null } | undefined>;

export function isUnread(notification: Pick<NotificationInfo, "channelId" | "messageId">, reads: Cursors): boolean {
  const cursor = reads[notification.channelId]?.lastReadId;
  return !cursor || compareIds(notification.messageId, cursor) > 0;
}

export function unreadInboxCount(items: readonly InboxItem[], reads: Cursors): number {
  return items.reduce((n, item) => n + (isUnread(item.notification, reads) ? 1 : 0), 0);
}

/** A new notification on top of the page; the same notification twice stays once. */
export function prependItem(page: InboxPage | undefined, item: InboxItem): InboxPage | undefined {
  if (!page) return page;
  if (page.items.some((i) => i.notification.id === item.notification.id)) return page;
  return { ...page, items: [item, ...page.items] };
}

/** The route of a notification's channel: a server's channel or a conversation. */
export function channelPath(n: Pick<NotificationInfo, "serverId" | "channelId">): string {
  return n.serverId ? `/channels/${n.serverId}/${n.channelId}` : `/channels/me/${n.channelId}`;
}
