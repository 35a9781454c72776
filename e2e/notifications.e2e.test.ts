/**
 * Notifications in the browser. Ann mentions Ben while Ben's tab is hidden: the inbox
 * badge, the tab title "(1) …" and the favicon count show it, and a desktop notification
 * is shown through the service worker. A click on that notification (a real
 * `notificationclick` in the worker) opens the message in the tab. Ben reads the channel
 * in another window and the hidden tab's counts clear without a reload. Then the screens:
 * the inbox, the Notifications settings, the server's dialog and a muted channel.
 *
 * Ben's hidden tab lives in a Chromium driven over the DevTools protocol directly
 * (e2e/cdp-chromium.ts): Playwright keeps the pages it drives visible, while a tab there
 * is hidden by opening another tab in front of it, as in a desktop browser.
 */
import path from "node:path";
import { randomUUID } from "node:crypto";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { Channel, SelfUser } from "../src/shared/api";
import { setTheme } from "./appearance";
import { joinThroughInvite, ownerWithInvite, person, uiTimeout } from "./browser";
import { RawChromium, type RawTab, until } from "./cdp-chromium";
import { e2eFixture } from "./fixture";

const e2e = e2eFixture();
const { resultsDir } = e2e;
const shots = path.join(process.cwd(), "docs", "screenshots");

async function api<T>(page: Page, method: string, url: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, url, body }) => {
      const response = await fetch(url, {
        method,
        headers: body === undefined ? undefined : { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
      return response.status === 204 ? undefined : response.json();
    },
    { method, url, body },
  ) as Promise<T>;
}

const say = (page: Page, channelId: string, content: string) =>
  api<{ id: string }>(page, "POST", `/api/v1/channels/${channelId}/messages`, { content, nonce: randomUUID() });

/** The server and channel ids of a page on /channels/:server/:channel. */
function placeOf(page: Page): { serverId: string; channelId: string } {
  const [, , serverId, channelId] = new URL(page.url()).pathname.split("/");
  return { serverId: serverId!, channelId: channelId! };
}

describe("notifications", () => {
  it("a mention reaches a hidden tab, its notification opens the message, and a read elsewhere clears it", async (ctx) => {
    const a = await e2e.session.openPage(e2e.server.baseUrl);
    const b = await e2e.session.openPage(e2e.server.baseUrl);
    const [ann, ben] = [person("Ann"), person("Ben")];
    let raw: RawChromium | undefined;
    ctx.onTestFailed(async () => {
      for (const [label, page] of [["a", a], ["b", b]] as const) {
        await page.screenshot({ path: path.join(resultsDir, `notifications-failed-${label}.png`) }).catch(() => undefined);
      }
    });
    try {
      const link = await ownerWithInvite(a, ann, "Notify Guild");
      await joinThroughInvite(b, link, ben);
      const { serverId, channelId } = placeOf(a);
      const benId = (await api<SelfUser>(b, "GET", "/api/v1/users/@me")).id;
      // Ben looks at his conversations in this window, not at #general.
      await b.goto("/channels/me");

      // Ben's other browser: signed in with the same session, notifications allowed.
      raw = await RawChromium.start();
      const origin = e2e.server.baseUrl;
      await raw.send("Browser.grantPermissions", { origin, permissions: ["notifications"] });
      const cookies = (await b.context().cookies()).map(({ name, value, domain, path: p, httpOnly, secure, sameSite, expires }) => ({
        name,
        value,
        domain,
        path: p,
        httpOnly,
        secure,
        sameSite,
        expires,
      }));
      await raw.send("Storage.setCookies", { cookies });
      const tab: RawTab = await raw.firstTab();
      await tab.evaluate(`location.assign(${JSON.stringify(`${origin}/channels/me`)})`);
      // Live (its socket said "ready", in its rooms): a mention sent before that would reach
      // this tab only through the inbox fetched at load, never as a notification.
      await until("the app signed in and live, with its service worker", () =>
        tab.evaluate<boolean>(
          `(async () => !!document.querySelector('[data-connection="connected"] [data-testid="home-button"]') && !!(await navigator.serviceWorker.getRegistration())?.active)()`,
        ),
      );
      // Hidden for real: another tab comes to the front of the window.
      const front = await raw.newTab();
      await until("Ben's first tab hidden", () => tab.evaluate<boolean>(`document.visibilityState === "hidden"`));

      // What the tab does on the way to a desktop notification, told if it never shows.
      await tab.evaluate(`(() => {
        const trace = (window.__notifyTrace = []);
        const at = () => Math.round(performance.now());
        const show = ServiceWorkerRegistration.prototype.showNotification;
        ServiceWorkerRegistration.prototype.showNotification = function (...args) {
          trace.push("showNotification " + at());
          return show.apply(this, args).then((v) => (trace.push("shown " + at()), v), (e) => (trace.push("failed " + e), Promise.reject(e)));
        };
        // Anything in the page that closes a shown notification.
        const close = Notification.prototype.close;
        Notification.prototype.close = function () {
          trace.push("close " + (this.data && this.data.messageId) + " " + at());
          return close.call(this);
        };
        const subscription = PushManager.prototype.getSubscription;
        PushManager.prototype.getSubscription = function () {
          trace.push("getSubscription " + at());
          return subscription.call(this).then((v) => (trace.push("subscription " + !!v + " " + at()), v));
        };
        return true;
      })()`);

      // Ann mentions Ben.
      const mention = await say(a, channelId, `<@${benId}> the release notes are ready`);

      const shownIn = (expr: string) => until(expr, () => tab.evaluate<boolean>(expr));
      await shownIn(`document.querySelector('[data-testid="inbox-badge"]')?.textContent === "1"`);
      await shownIn(`document.title.startsWith("(1) ")`);
      await shownIn(`document.querySelector('link[rel~="icon"][data-badge]')?.dataset.badge === "1"`);
      // Listed only once shown: Chromium deletes from its store a notification that a read
      // finds written but not yet on display (it stays on screen but is never listed again).
      await shownIn(`(window.__notifyTrace || []).some((t) => t.startsWith("shown "))`);
      const shown = await until("the desktop notification", () =>
        tab.evaluate<Array<{ title: string; messageId: string }>>(
          `(async () => (await (await navigator.serviceWorker.getRegistration()).getNotifications()).map((n) => ({ title: n.title, messageId: n.data?.messageId })))()`,
        ).then((list) => (list.length > 0 ? list : undefined)),
      ).catch(async (error: Error) => {
        const state = await tab
          .evaluate<string>(`JSON.stringify({ visibility: document.visibilityState, permission: Notification.permission, at: Math.round(performance.now()), trace: window.__notifyTrace })`)
          .catch((e: unknown) => String(e));
        throw new Error(`${error.message}; the tab: ${state}`);
      });
      expect(shown).toHaveLength(1);
      expect(shown[0]!.messageId).toBe(mention.id);
      expect(shown[0]!.title).toContain(ann.name);

      // The notification's click, dispatched in the service worker: the tab opens the message.
      const worker = await raw.serviceWorker();
      await worker.evaluate(`(async () => {
        const [notification] = await self.registration.getNotifications();
        self.dispatchEvent(new NotificationEvent("notificationclick", { notification }));
      })()`);
      await shownIn(`location.pathname === ${JSON.stringify(`/channels/${serverId}/${channelId}`)}`);
      await shownIn(`!!document.querySelector('[data-testid="message"][data-message-id="${mention.id}"]')`);
      await shownIn(`document.title.startsWith("(1) #general")`);

      // Ben reads #general in his other window: the hidden tab clears without a reload.
      await b.goto(`/channels/${serverId}/${channelId}`);
      await b.getByTestId("message").filter({ hasText: "release notes" }).waitFor();
      await shownIn(`!document.title.startsWith("(")`);
      await shownIn(`!document.querySelector('[data-testid="inbox-badge"]')`);
      await shownIn(`!document.querySelector('link[rel~="icon"][data-badge]')`);
      await shownIn(`(async () => (await (await navigator.serviceWorker.getRegistration()).getNotifications()).length === 0)()`);
      await raw.send("Target.closeTarget", { targetId: front.targetId });
      expect(e2e.session.pageErrors).toEqual([]);
    } finally {
      await raw?.close();
    }
  });

  it("screens: the inbox, the settings, the server's dialog and a muted channel", async (ctx) => {
    const a = await e2e.session.openPage(e2e.server.baseUrl);
    const b = await e2e.session.openPage(e2e.server.baseUrl);
    await b.context().grantPermissions(["notifications"], { origin: e2e.server.baseUrl });
    const [ann, ben] = [person("Ann"), person("Ben")];
    ctx.onTestFailed(async () => {
      await b.screenshot({ path: path.join(resultsDir, "notifications-screens-failed.png") }).catch(() => undefined);
    });
    const link = await ownerWithInvite(a, ann, "Giga Club");
    await joinThroughInvite(b, link, ben);
    const { serverId, channelId: general } = placeOf(a);
    const random = await api<Channel>(a, "POST", `/api/v1/servers/${serverId}/channels`, { name: "random", type: "text" });
    const benId = (await api<SelfUser>(b, "GET", "/api/v1/users/@me")).id;
    // Ben's read cursors loaded before the mentions (a load answered after them would hold older counts).
    const cursors = b.waitForResponse((r) => r.url().endsWith("/api/v1/users/@me/read-states") && r.ok());
    await b.goto(`/channels/${serverId}/${random.id}`);
    await b.getByTestId("channel-title").filter({ hasText: "random" }).waitFor();
    await cursors;

    await say(a, general, `<@${benId}> can you look at the release notes before Friday?`);
    await say(a, general, `@everyone standup moves to 10:30 tomorrow`);
    await b.getByTestId("inbox-badge").filter({ hasText: "2" }).waitFor();
    await expect.poll(() => b.title(), { timeout: uiTimeout }).toBe("(2) #random | Giga Club");

    // The inbox, open.
    await b.getByTestId("inbox-button").click();
    await b.getByTestId("inbox-item").nth(1).waitFor();
    await b.screenshot({ path: path.join(shots, "notifications-inbox.png") });
    await b.keyboard.press("Escape");

    // #general muted for an hour from its right-click menu: dimmed, no count.
    await b.getByTestId("channel-row").filter({ hasText: "general" }).click({ button: "right" });
    await b.getByTestId("mute-60").click();
    const muted = b.locator('[data-testid="channel-row"][data-muted="true"]').filter({ hasText: "general" });
    await muted.waitFor();
    await expect.poll(() => muted.getByTestId("channel-mention-badge").count()).toBe(0);
    await expect.poll(() => b.title(), { timeout: uiTimeout }).toBe("#random | Giga Club");
    await b.screenshot({ path: path.join(shots, "notifications-muted-channel.png") });

    // The server's notification settings.
    await b.getByTestId("server-header").click();
    await b.getByTestId("menu-notifications").click();
    const dialog = b.getByTestId("server-notifications-dialog");
    await dialog.getByTestId("server-level-all").check();
    await expect.poll(() => dialog.getByTestId("server-level-all").isChecked()).toBe(true);
    await b.screenshot({ path: path.join(shots, "notifications-server-dialog.png") });
    await dialog.getByTestId("server-notifications-done").click();

    // User Settings → Notifications, in both themes.
    await b.getByTestId("user-settings-open").click();
    await b.getByTestId("settings-tab-notifications").click();
    await b.getByTestId("notify-browser-state").waitFor();
    await b.screenshot({ path: path.join(shots, "notifications-settings.png") });
    await setTheme(b, "light");
    await b.screenshot({ path: path.join(shots, "notifications-settings-light.png") });
    await setTheme(b, "dark");
    await b.keyboard.press("Escape");

    // Ann's first message from her browser: the offer, a notice bar above the app, covering nothing.
    const composer = a.getByTestId("composer");
    await composer.click();
    await composer.pressSequentially("thanks all");
    await composer.press("Enter");
    await a.getByTestId("notifications-offer").waitFor();
    await a.screenshot({ path: path.join(shots, "notifications-offer.png") });
    await a.getByTestId("notifications-offer-dismiss").click();
    await a.getByTestId("notifications-offer").waitFor({ state: "detached" });

    // The inbox on a phone: a sheet over the screen.
    const phone = await e2e.session.openPhonePage(e2e.server.baseUrl);
    await phone.context().addCookies(await b.context().cookies());
    await phone.goto(`/channels/${serverId}/${random.id}`);
    await phone.getByTestId("inbox-button").click();
    await phone.getByTestId("inbox-item").first().waitFor();
    await phone.screenshot({ path: path.join(shots, "notifications-inbox-phone.png") });
    expect(e2e.session.pageErrors).toEqual([]);
  });
});
