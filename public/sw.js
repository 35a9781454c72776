/*
 * Giga Chat's service worker (scope "/"): shows pushes as notifications, closes them once
 * their channel is read on some device, and opens the message on a click. It caches
 * nothing and handles no fetches: the app works the same with or without it.
 *
 * A push is a PushPayload (src/shared/api/notifications.ts) as JSON:
 *   {type: "notification", notification}  shown unless a window of the app is focused and visible
 *   {type: "read", channelId, lastReadId}  closes what was shown for that channel up to there
 *   {type: "test", title, body, tag, url}  always shown
 */

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

/** An event a script dispatched (a test) cannot be extended; its work still runs. */
function keepAlive(event, promise) {
  try {
    event.waitUntil(promise);
  } catch {
    // Not a trusted event: nothing to extend.
  }
}

function windows() {
  return self.clients.matchAll({ type: "window", includeUncontrolled: true });
}

async function someoneLooking() {
  return (await windows()).some((client) => client.focused && client.visibilityState === "visible");
}

const silentBodies = {
  dm: "New message",
  message: "New message",
  mention: "Mentioned you",
  reply: "Replied to you",
  missed_call: "Missed call",
};

/**
 * The notification being shown, if any: Chromium's getNotifications() deletes from its
 * store one that is written but not yet on display when the read begins, so a read of
 * the shown ones (closeRead) waits for it.
 */
let showing = Promise.resolve();

function show(title, options) {
  const shown = self.registration.showNotification(title, options);
  showing = shown.catch(() => undefined);
  return shown;
}

async function showNotification(n) {
  // The open tab already shows it, with its sound.
  if (await someoneLooking()) return;
  await show(n.title, {
    body: n.body ?? silentBodies[n.kind] ?? "",
    icon: n.icon ?? "/icon.svg",
    tag: n.tag,
    timestamp: Date.parse(n.createdAt) || Date.now(),
    data: { url: n.url, channelId: n.channelId, messageId: n.messageId, serverId: n.serverId },
  });
}

function isAtOrBefore(messageId, lastReadId) {
  try {
    return BigInt(messageId) <= BigInt(lastReadId);
  } catch {
    return false;
  }
}

async function closeRead(channelId, lastReadId) {
  await showing;
  for (const shown of await self.registration.getNotifications()) {
    const data = shown.data || {};
    if (data.channelId === channelId && data.messageId && isAtOrBefore(data.messageId, lastReadId)) shown.close();
  }
}

self.addEventListener("push", (event) => {
  let payload;
  try {
    payload = event.data ? event.data.json() : null;
  } catch {
    payload = null;
  }
  if (!payload) return;
  if (payload.type === "notification" && payload.notification) {
    keepAlive(event, showNotification(payload.notification));
  } else if (payload.type === "read") {
    keepAlive(event, closeRead(payload.channelId, payload.lastReadId));
  } else if (payload.type === "test") {
    keepAlive(
      event,
      show(payload.title, {
        body: payload.body,
        tag: payload.tag,
        icon: "/icon.svg",
        data: { url: payload.url },
      }),
    );
  }
});

/** A window of the app goes to the message (client-side, keeping its socket); else a new one opens. */
async function open(data) {
  const url = new URL(data.url || "/", self.location.origin);
  const all = await windows();
  const client = all.find((c) => c.focused) || all.find((c) => c.visibilityState === "visible") || all[0];
  if (client) {
    try {
      await client.focus();
    } catch {
      // Focusing needs the click's activation; a window that cannot take it still navigates.
    }
    client.postMessage({
      type: "open",
      url: url.pathname + url.search,
      channelId: data.channelId,
      messageId: data.messageId,
      serverId: data.serverId,
    });
    return;
  }
  await self.clients.openWindow(url.href);
}

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  keepAlive(event, open(event.notification.data || {}));
});
