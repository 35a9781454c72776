/**
 * The service worker's registration (scope "/") and the way back from its notification
 * clicks: the worker asks an open window to show the message (`{type: "open"}`), and the
 * window routes client-side, keeping its socket. Loaded where notifications are allowed.
 */
import { openNotification } from "../hooks/use-notifications";
import { openEvent, useNotifyStore } from "../stores/notify";

interface OpenRequest {
  type: "open";
  url: string;
  channelId?: string;
  messageId?: string;
  serverId?: string | null;
}

export function registerServiceWorker(): Promise<ServiceWorkerRegistration> {
  return navigator.serviceWorker.register("/sw.js", { scope: "/" });
}

/** Registers the worker and listens for its clicks; the returned function stops listening. */
export function startServiceWorker(push: (path: string) => void): () => void {
  const open = (data: OpenRequest | undefined) => {
    if (data?.type !== "open") return;
    if (data.channelId && data.messageId) {
      openNotification({ channelId: data.channelId, messageId: data.messageId, serverId: data.serverId ?? null }, push);
    } else if (data.url?.startsWith("/") && !data.url.startsWith("//")) {
      push(data.url);
    }
  };
  // A notification shown without a worker (new Notification) comes back the same way.
  const onLocalOpen = (event: Event) => open((event as CustomEvent<OpenRequest>).detail);
  window.addEventListener(openEvent, onLocalOpen);
  if (!("serviceWorker" in navigator)) return () => window.removeEventListener(openEvent, onLocalOpen);

  const container = navigator.serviceWorker;
  const onMessage = (event: MessageEvent<OpenRequest>) => open(event.data);
  container.addEventListener("message", onMessage);
  container.startMessages();
  registerServiceWorker()
    .then((registration) => registration.pushManager?.getSubscription())
    .then((subscription) => useNotifyStore.getState().setPushEndpoint(subscription?.endpoint ?? null))
    .catch(() => useNotifyStore.getState().setPushEndpoint(null));
  return () => {
    window.removeEventListener(openEvent, onLocalOpen);
    container.removeEventListener("message", onMessage);
  };
}
