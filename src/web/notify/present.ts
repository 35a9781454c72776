/**
 * How this tab shows a notification the server sent it (`notification.created`): the
 * sound, and a desktop notification when the tab is hidden and this browser has no push
 * subscription (with one, the push reaches the service worker instead). Do not disturb
 * silences both. Loaded with the first notification, not with the app.
 */
import type { QueryClient } from "@tanstack/react-query";
import type { Channel, DmChannel, InboxItem, InboxPage, NotificationInfo, NotificationSettings, SelfUser, Server } from "@/shared/api";
import { dmName } from "../components/dms/dm-format";
import { isInboxKind, prependItem } from "../lib/inbox";
import { useMessagesStore } from "../stores/messages";
import { useMyStatus } from "../hooks/use-presence";
import { queryKeys } from "../query-keys";
import { usePresenceStore } from "../stores/presence";
import { notificationsOffHere, openEvent, useNotifyStore } from "../stores/notify";
import { playChime } from "./chime";

export interface PresentContext {
  queryClient: QueryClient;
  /** The channel or conversation on screen in this tab. */
  openChannelId: string | undefined;
}

const silentBodies: Record<NotificationInfo["kind"], string> = {
  dm: "New message",
  message: "New message",
  mention: "Mentioned you",
  reply: "Replied to you",
  missed_call: "Missed call",
};

/** On do not disturb here, or on another device of mine (my presence says so). */
export function onDoNotDisturb(queryClient: QueryClient): boolean {
  if (useMyStatus.getState().choice === "dnd") return true;
  const myId = queryClient.getQueryData<SelfUser>(queryKeys.me)?.id;
  return !!myId && usePresenceStore.getState().statuses[myId] === "dnd";
}

/** Desktop notifications may show here: allowed by the browser and not turned off by the person. */
export function desktopAllowed(): boolean {
  return typeof Notification !== "undefined" && Notification.permission === "granted" && !notificationsOffHere();
}

/** How long to wait for the browser to say whether it has a push subscription. */
const subscriptionAnswerMs = 1_000;

/**
 * Whether this browser gets our pushes (then the service worker shows the notification).
 * What the worker's start found is known at once; otherwise the browser is asked, for a
 * second at most: its push service can take far longer to answer (seen on a loaded
 * machine), and a notification must not wait on it. Without an answer the page shows the
 * notification itself; should a push come too, it carries the same tag and replaces it.
 */
async function pushSubscribed(registration: ServiceWorkerRegistration | undefined): Promise<boolean> {
  const known = useNotifyStore.getState().pushEndpoint;
  if (known !== undefined) return known !== null;
  try {
    const subscription = registration?.pushManager?.getSubscription();
    if (!subscription) return false;
    const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), subscriptionAnswerMs));
    return !!(await Promise.race([subscription, timeout]));
  } catch {
    return false;
  }
}

/**
 * The desktop notification this tab is showing, if any. Chromium's getNotifications()
 * deletes from its store a notification that is written but not yet on display when the
 * read begins (it stays on screen, but can no longer be listed or closed), so a read of
 * the shown ones waits for a show in progress.
 */
let showing: Promise<unknown> = Promise.resolve();

/** Through the service worker when there is one, so a click takes the same path as a push's. */
export async function showDesktopNotification(
  info: Pick<NotificationInfo, "title" | "body" | "icon" | "tag" | "url" | "channelId" | "messageId" | "serverId" | "kind" | "createdAt">,
): Promise<void> {
  const registration = await navigator.serviceWorker?.getRegistration().catch(() => undefined);
  const options: NotificationOptions & { timestamp?: number } = {
    body: info.body ?? silentBodies[info.kind],
    icon: info.icon ?? "/icon.svg",
    tag: info.tag,
    data: { url: info.url, channelId: info.channelId, messageId: info.messageId, serverId: info.serverId },
    timestamp: Date.parse(info.createdAt) || Date.now(),
  };
  if (registration) {
    const shown = registration.showNotification(info.title, options);
    showing = shown.catch(() => undefined);
    await shown;
    useNotifyStore.setState({ shownHere: true });
    return;
  }
  const shown = new Notification(info.title, options);
  // No service worker: the click comes back to this page the way the worker's would.
  shown.onclick = () => {
    window.focus();
    shown.close();
    window.dispatchEvent(new CustomEvent(openEvent, { detail: { type: "open", ...options.data } }));
  };
}

export async function presentNotification(info: NotificationInfo, { queryClient, openChannelId }: PresentContext): Promise<void> {
  if (onDoNotDisturb(queryClient)) return;
  const prefs = queryClient.getQueryData<NotificationSettings>(queryKeys.notificationSettings)?.prefs;
  const visible = document.visibilityState === "visible";
  // Someone reading the very channel it happened in needs no sound for it.
  if ((prefs?.sound ?? true) && !(visible && openChannelId === info.channelId)) playChime();
  if (visible || !desktopAllowed()) return;
  const registration = await navigator.serviceWorker?.getRegistration().catch(() => undefined);
  if (await pushSubscribed(registration)) return;
  await showDesktopNotification(info).catch(() => undefined);
}

/** Read up to here on some device: the desktop notifications this browser shows for it go. */
export async function closeReadNotifications(channelId: string, lastReadId: string): Promise<void> {
  await showing;
  const registration = await navigator.serviceWorker?.getRegistration().catch(() => undefined);
  const shown = (await registration?.getNotifications().catch(() => [])) ?? [];
  for (const notification of shown) {
    const data = notification.data as { channelId?: string; messageId?: string } | null;
    if (data?.channelId === channelId && data.messageId && BigInt(data.messageId) <= BigInt(lastReadId)) notification.close();
  }
}

/** Where a notification happened, from what this tab already holds. */
function placeOf(queryClient: QueryClient, info: NotificationInfo): InboxItem["place"] {
  if (!info.serverId) {
    const dm = queryClient.getQueryData<DmChannel[]>(queryKeys.dms)?.find((d) => d.id === info.channelId);
    return { channelName: dm ? dmName(dm) : info.title, serverName: null };
  }
  const channel = queryClient.getQueryData<Channel[]>(queryKeys.channels(info.serverId))?.find((c) => c.id === info.channelId);
  const server = queryClient.getQueryData<Server[]>(queryKeys.servers)?.find((s) => s.id === info.serverId);
  return { channelName: channel ? `#${channel.name}` : "", serverName: server?.name ?? null };
}

/**
 * A mention, reply or missed call just arrived: on top of the inbox at once (with the
 * message if this tab has it), then the page is fetched again for the server's copy.
 */
function addToInbox(queryClient: QueryClient, info: NotificationInfo): void {
  const message = useMessagesStore.getState().channels[info.channelId]?.byId[info.messageId] ?? null;
  const item: InboxItem = { notification: info, message, place: placeOf(queryClient, info) };
  queryClient.setQueryData<InboxPage>(queryKeys.inbox, (page) => prependItem(page, item));
  void queryClient.invalidateQueries({ queryKey: queryKeys.inbox, exact: true });
}

/** `notification.created`: into the inbox if it is a mention, reply or missed call, then shown. */
export async function onNotification(info: NotificationInfo, ctx: PresentContext): Promise<void> {
  if (isInboxKind(info.kind)) addToInbox(ctx.queryClient, info);
  await presentNotification(info, ctx);
}
