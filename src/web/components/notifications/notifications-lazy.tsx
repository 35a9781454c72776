"use client";

import { useNotifyStore } from "../../stores/notify";
import { lazyDialog, lazyPart } from "../ui/lazy";

// Notification UI that shows only on use: the inbox panel, the bell's menu, the server's
// dialog and the one-time offer load when first opened, not with the chat.

/** The inbox: mentions, replies and missed calls, from the header's inbox button. */
export const InboxPanel = lazyPart(() => import("./inbox-panel").then((m) => m.InboxPanel));

/** A channel's or conversation's mute and level, from the header's bell. */
export const PlaceNotificationsMenu = lazyPart(() => import("./place-menu").then((m) => m.PlaceNotificationsMenu));

/** Server menu → Notification Settings. */
export const ServerNotificationsDialog = lazyDialog(() => import("./server-dialog").then((m) => m.ServerNotificationsDialog));

const Offer = lazyPart(() => import("./offer").then((m) => m.NotificationsOffer));

/** "Get notified of mentions and DMs?", once, after the first message this browser sends. */
export function NotificationsOfferSlot() {
  const open = useNotifyStore((s) => s.offerOpen);
  return open ? <Offer /> : null;
}
