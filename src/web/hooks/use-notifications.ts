"use client";

import { useQueries } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import type { NotificationInfo } from "@/shared/api/notifications";
import { api } from "../api";
import { dmName } from "../components/dms/dm-format";
import { channelPath } from "../lib/inbox";
import { attentionCount, placeTitle, tabTitle } from "../lib/tab-badge";
import { queryKeys } from "../query-keys";
import { getSocket } from "../socket";
import { useNotifyStore } from "../stores/notify";
import { useReadStateStore } from "../stores/read-state";
import { jumpToMessage } from "./use-channel-messages";
import { useDms } from "./use-dms";
import { useMuteExpiry, useNotificationSettings } from "./use-notification-settings";
import { useInbox } from "./use-inbox";
import { useServers } from "./use-servers";

let toldFocus: boolean | undefined;

/** Tells the server whether this tab is visible and focused: at every connect, and on every change. */
export function announceFocus(force = true): void {
  const focused = document.visibilityState === "visible" && document.hasFocus();
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

/** Opens a notification's message: the page around it is fetched, then its channel is shown. */
export function openNotification(target: Pick<NotificationInfo, "channelId" | "messageId" | "serverId">, push: (path: string) => void): void {
  void jumpToMessage(target.channelId, target.messageId);
  push(channelPath(target));
}

/**
 * The service worker shows notifications and brings their clicks back here. It is of use
 * only where the browser allows notifications, so only there is it registered (at once;
 * the permission's grant registers it too), with no prompt of any kind.
 */
function useServiceWorker(): void {
  const router = useRouter();
  const grants = useNotifyStore((s) => s.grants);
  useEffect(() => {
    if (typeof Notification === "undefined" || Notification.permission !== "granted") return;
    let stop: (() => void) | undefined;
    let live = true;
    void import("../notify/worker").then((m) => {
      if (live) stop = m.startServiceWorker(router.push);
    });
    return () => {
      live = false;
      stop?.();
    };
  }, [router, grants]);
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
    // Next puts the page's own <title> back after a client-side navigation, at a moment of
    // its choosing (later still in a hidden tab): whenever it does, ours goes back on.
    const observer = new MutationObserver(() => {
      if (document.title !== title) document.title = title;
    });
    observer.observe(document.head, { subtree: true, childList: true, characterData: true });
    return () => observer.disconnect();
  }, [title]);
  useEffect(() => {
    // The canvas code loads with the first count; until then the icon is the app's own.
    if (count > 0 || badged) {
      badged = true;
      void import("../lib/favicon").then((m) => m.setFaviconBadge(count));
    }
  }, [count]);
  useEffect(
    () => () => {
      if (badged) void import("../lib/favicon").then((m) => m.setFaviconBadge(0));
    },
    [],
  );
}

let badged = false;

/**
 * A link to a message (`?message=` on a channel's address, as a push's click opens when
 * no window of the app is open): the page around it is shown, and the address tidied.
 */
function useMessageLink(channelId: string | undefined): void {
  const router = useRouter();
  useEffect(() => {
    const messageId = new URLSearchParams(window.location.search).get("message");
    if (!channelId || !messageId || !/^\d{1,20}$/.test(messageId)) return;
    void jumpToMessage(channelId, messageId);
    router.replace(window.location.pathname);
  }, [channelId, router]);
}

/** Everything notifications need while signed in, in the shell. */
export function useNotifications(open: { serverId?: string; channelId?: string }): void {
  useFocusReport();
  useServiceWorker();
  useMuteExpiry();
  useInbox();
  useTabBadge(open);
  useMessageLink(open.channelId);
}
