/**
 * This browser's side of notifications: whether it has a push subscription, whether the
 * person turned notifications off here, and the one-time "Get notified?" offer. The
 * account's settings live on the server (hooks/use-notification-settings.ts).
 */
import { create } from "zustand";

/** A click on a notification shown without a service worker, handled like the worker's "open". */
export const openEvent = "giga-chat:open-notification";

const offKey = "giga-chat.notifications-off";
const sentKey = "giga-chat.sent-a-message";
const offeredKey = "giga-chat.notifications-offered";

function stored(key: string): boolean {
  try {
    return typeof localStorage !== "undefined" && localStorage.getItem(key) === "1";
  } catch {
    return false;
  }
}

function store(key: string, on: boolean): void {
  try {
    if (on) localStorage.setItem(key, "1");
    else localStorage.removeItem(key);
  } catch {
    // Storage refused (private mode): the choice lasts for this page only.
  }
}

interface NotifyState {
  /** This browser's push endpoint; null with none; undefined until looked at. */
  pushEndpoint: string | null | undefined;
  /** The offer banner is showing. */
  offerOpen: boolean;
  /** This tab has shown a desktop notification (so reads elsewhere should close it). */
  shownHere: boolean;
  /** Counts the grants of permission made on this page (the service worker starts then). */
  grants: number;
  setPushEndpoint: (endpoint: string | null) => void;
  closeOffer: () => void;
}

export const useNotifyStore = create<NotifyState>()((set) => ({
  pushEndpoint: undefined,
  offerOpen: false,
  shownHere: false,
  grants: 0,
  setPushEndpoint: (pushEndpoint) => set({ pushEndpoint }),
  closeOffer: () => {
    store(offeredKey, true);
    set({ offerOpen: false });
  },
}));

/** Turned off in this browser by the person (the browser's permission may still be granted). */
export function notificationsOffHere(): boolean {
  return stored(offKey);
}

export function setNotificationsOffHere(off: boolean): void {
  store(offKey, off);
}

/**
 * After the first message this browser sends, offer notifications once, if the browser
 * has not been asked yet: never on a first visit, and the browser's own prompt only
 * when the person says yes.
 */
export function sentAMessage(): void {
  if (stored(sentKey)) return;
  store(sentKey, true);
  if (stored(offeredKey) || typeof Notification === "undefined" || Notification.permission !== "default") return;
  useNotifyStore.setState({ offerOpen: true });
}
