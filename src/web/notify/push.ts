/**
 * This browser's permission and push subscription. The browser's prompt appears only
 * when the person asks for notifications (the offer after their first message, or User
 * Settings → Notifications). Push needs a push service the browser can reach; without one
 * (some browsers, a locked-down network, a headless one) notifications still show while a
 * tab is open: desktop notifications from the page. Loaded on use.
 */
import { api } from "../api";
import { notificationsOffHere, setNotificationsOffHere, useNotifyStore } from "../stores/notify";
import { desktopAllowed, showDesktopNotification } from "./present";
import { registerServiceWorker } from "./worker";

export type BrowserNotifications =
  /** This browser cannot show notifications at all. */
  | { state: "unsupported" }
  /** The person (or the browser's policy) said no: only the browser's site settings can undo it. */
  | { state: "blocked" }
  | { state: "off" }
  /** On, with a push subscription: notified even with every tab closed. */
  | { state: "push" }
  /** On, without push: notified while a tab is open. */
  | { state: "desktop"; reason: string | null };

const subscribeTimeoutMs = 15_000;

function supported(): boolean {
  return typeof Notification !== "undefined" && "serviceWorker" in navigator;
}

async function registration(): Promise<ServiceWorkerRegistration> {
  const existing = await navigator.serviceWorker.getRegistration("/");
  if (!existing) await registerServiceWorker();
  return navigator.serviceWorker.ready;
}

async function currentSubscription(): Promise<PushSubscription | null> {
  if (!supported()) return null;
  try {
    const reg = await navigator.serviceWorker.getRegistration("/");
    return (await reg?.pushManager?.getSubscription()) ?? null;
  } catch {
    return null;
  }
}

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (base64url.length % 4)) % 4);
  const raw = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

function sameKey(subscription: PushSubscription, key: Uint8Array): boolean {
  const held = subscription.options.applicationServerKey;
  if (!held) return false;
  const bytes = new Uint8Array(held);
  return bytes.length === key.length && bytes.every((b, i) => b === key[i]);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timed out")), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

let pushFailure: string | null = null;

/** Subscribes this browser to push and tells the server; a failure is kept to explain it. */
async function subscribePush(): Promise<boolean> {
  try {
    const reg = await registration();
    if (!reg.pushManager) throw new Error("no PushManager");
    const key = keyBytes((await api.pushPublicKey()).publicKey);
    let subscription = await reg.pushManager.getSubscription();
    // Made for another server key (the server's keys changed): start over.
    if (subscription && !sameKey(subscription, key)) {
      await subscription.unsubscribe().catch(() => false);
      subscription = null;
    }
    subscription ??= await withTimeout(reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key }), subscribeTimeoutMs);
    await api.addPushSubscription(subscription.toJSON());
    useNotifyStore.getState().setPushEndpoint(subscription.endpoint);
    pushFailure = null;
    return true;
  } catch {
    useNotifyStore.getState().setPushEndpoint(null);
    pushFailure = "This browser could not reach a push service, so notifications show only while Giga Chat is open in a tab.";
    return false;
  }
}

export async function browserNotifications(): Promise<BrowserNotifications> {
  if (!supported()) return { state: "unsupported" };
  if (Notification.permission === "denied") return { state: "blocked" };
  if (Notification.permission !== "granted" || notificationsOffHere()) return { state: "off" };
  if (await currentSubscription()) return { state: "push" };
  return {
    state: "desktop",
    reason: pushFailure ?? "This browser has no push subscription, so notifications show only while Giga Chat is open in a tab.",
  };
}

/** The person asked for notifications: the browser's prompt (if it has not been answered), then push. */
export async function enableNotifications(): Promise<BrowserNotifications> {
  if (!supported()) return { state: "unsupported" };
  const permission = Notification.permission === "default" ? await Notification.requestPermission() : Notification.permission;
  if (permission === "denied") return { state: "blocked" };
  if (permission !== "granted") return { state: "off" };
  setNotificationsOffHere(false);
  useNotifyStore.setState((s) => ({ grants: s.grants + 1 }));
  await subscribePush();
  return browserNotifications();
}

/** Turned off here: the push subscription ends, in the browser and on the server. */
export async function disableNotifications(): Promise<BrowserNotifications> {
  setNotificationsOffHere(true);
  await forgetPushSubscription();
  return browserNotifications();
}

/** Signing out or turning off: this browser stops receiving pushes for the account. */
export async function forgetPushSubscription(): Promise<void> {
  const subscription = await currentSubscription();
  if (!subscription) return;
  await api.removePushSubscription(subscription.endpoint).catch(() => undefined);
  await subscription.unsubscribe().catch(() => false);
  useNotifyStore.getState().setPushEndpoint(null);
}

/** "Send a test notification": a push to every subscribed device, or at least one shown here. */
export async function sendTestNotification(): Promise<string> {
  const { devices } = await api.testNotification();
  if (await currentSubscription()) {
    return devices === 1 ? "Sent to this device." : `Sent to ${devices} devices.`;
  }
  if (!desktopAllowed()) {
    return devices > 0
      ? `Sent to ${devices} other ${devices === 1 ? "device" : "devices"}. Turn notifications on to get them here too.`
      : "Turn notifications on in this browser first.";
  }
  await showDesktopNotification({
    kind: "message",
    title: "Giga Chat",
    body: "This is a test notification. Notifications work in this browser.",
    icon: null,
    tag: "test",
    url: window.location.pathname,
    channelId: "",
    messageId: "",
    serverId: null,
    createdAt: new Date().toISOString(),
  });
  return devices > 0 ? `Shown here and sent to ${devices} other ${devices === 1 ? "device" : "devices"}.` : "Shown in this browser.";
}
