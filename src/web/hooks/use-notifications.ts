"use client";

import { useQueries } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import type { NotificationInfo } from "@/shared/api/notifications";
import { api } from "../api";
import { dmName } from "../components/dms/dm-format";
import { setFaviconBadge } from "../lib/favicon";
import { channelPath } from "../lib/inbox";
import { attentionCount, placeTitle, tabTitle } from "../lib/tab-badge";
import { queryKeys } from "../query-keys";
import { getSocket } from "../socket";
import { openEvent, useNotifyStore } from "../stores/notify";
import { useReadStateStore } from "../stores/read-state";
import { jumpToMessage } from "./use-channel-messages";
import { useDms } from "./use-dms";
import { useMuteExpiry, useNotificationSettings } from "./use-notification-settings";
import { useInbox } from "./use-inbox";
import { useServers } from "./use-servers";

/** Looking at the app: this tab is visible and has the focus. */
export function hasAttention(): boolean {
  return document.visibilityState === "visible" && document.hasFocus();
}

let toldFocus: boolean | undefined;

/** Tells the server whether this tab has attention: at every connect, and on every change. */
export function announceFocus(force = true): void {
  const focused = hasAttention();
  if (!force && focused === toldFocus) return;
  toldFocus = focused;
  getSocket().emit("client.focus", { focused });
}

function useFocusReport(): void {
  useEffect(() => {
    const onChange = () => announceFocus(false);
    document.addEventListener("visibilitychange", onChange);
    window.addEventListener("focus", onChange);
    window.addEventListener("blur", onChange);
    return () => {
      document.removeEventListener("visibilitychange", onChange);
      window.removeEventListener("focus", onChange);
      window.removeEventListener("blur", onChange);
    };
  }, []);
}

/** What the service worker's notification click asks of an open window. */
interface OpenRequest {
  type: "open";
  url: string;
  channelId?: string;
  messageId?: string;
  serverId?: string | null;
}

/** Opens a notification's message: the page around it is fetched, then its channel is shown. */
export function openNotification(target: Pick<NotificationInfo, "channelId" | "messageId" | "serverId">, push: (path: string) => void): void {
  void jumpToMessage(target.channelId, target.messageId);
  push(channelPath(target));
}

/**
 * The service worker (pushes, and the desktop notifications this tab shows) is registered
 * once signed in, when the page is idle; it asks for nothing. Its clicks come back here.
 */
function useServiceWorker(): void {
  const router = useRouter();
  useEffect(() => {
    const open = (data: OpenRequest | undefined) => {
      if (data?.type !== "open") return;
      if (data.channelId && data.messageId) {
        openNotification({ channelId: data.channelId, messageId: data.messageId, serverId: data.serverId ?? null }, router.push);
      } else if (data.url?.startsWith("/")) {
        router.push(data.url);
      }
    };
    const onLocalOpen = (event: Event) => open((event as CustomEvent<OpenRequest>).detail);
    window.addEventListener(openEvent, onLocalOpen);
    if (!("serviceWorker" in navigator)) return () => window.removeEventListener(openEvent, onLocalOpen);

    const container = navigator.serviceWorker;
    const onMessage = (event: MessageEvent<OpenRequest>) => open(event.data);
    container.addEventListener("message", onMessage);
    container.startMessages();
    const register = () => {
      container
        .register("/sw.js", { scope: "/" })
        .then((registration) => registration.pushManager?.getSubscription())
        .then((subscription) => useNotifyStore.getState().setPushEndpoint(subscription?.endpoint ?? null))
        .catch(() => useNotifyStore.getState().setPushEndpoint(null));
    };
    const idle = window.requestIdleCallback ?? ((fn: () => void) => window.setTimeout(fn, 2000));
    const handle = idle(register, { timeout: 5000 });
    return () => {
      window.removeEventListener(openEvent, onLocalOpen);
      container.removeEventListener("message", onMessage);
      (window.cancelIdleCallback ?? window.clearTimeout)(handle);
    };
  }, [router]);
}

/** `(2) #general | Giga Club` and the red count on the tab's icon. */
function useTabBadge(open: { serverId?: string; channelId?: string }): void {
  const servers = useServers().data;
  const channelLists = useQueries({
    queries: (servers ?? []).map((s) => ({ queryKey: queryKeys.channels(s.id), queryFn: () => api.listChannels(s.id) })),
  });
  const dms = useDms().data;
  const loaded = useReadStateStore((s) => s.loaded);
  const reads = useReadStateStore((s) => s.reads);
  const settings = useNotificationSettings().data;

  const channels = channelLists.flatMap((q) => q.data ?? []);
  const textChannels = channels.filter((c) => c.type === "text" && c.serverId).map((c) => ({ id: c.id, serverId: c.serverId! }));
  const count = loaded ? attentionCount({ reads, dmIds: dms?.map((d) => d.id) ?? [], channels: textChannels, settings }) : 0;

  let place = placeTitle({});
  if (open.serverId && open.channelId) {
    const channel = channels.find((c) => c.id === open.channelId);
    const server = servers?.find((s) => s.id === open.serverId);
    if (channel) place = placeTitle({ channelName: channel.name, serverName: server?.name });
  } else if (open.channelId) {
    const dm = dms?.find((d) => d.id === open.channelId);
    if (dm) place = placeTitle({ dmName: dmName(dm) });
  }
  const title = tabTitle(count, place);

  useEffect(() => {
    document.title = title;
  }, [title]);
  useEffect(() => {
    void setFaviconBadge(count);
  }, [count]);
  useEffect(() => () => void setFaviconBadge(0), []);
}

/** Everything notifications need while signed in, in the shell. */
export function useNotifications(open: { serverId?: string; channelId?: string }): void {
  useFocusReport();
  useServiceWorker();
  useMuteExpiry();
  useInbox();
  useTabBadge(open);
}
