/**
 * Keyboard only. Ann (with the mouse, as setup) owns a server with two text channels and
 * says hello; Ben, who joined earlier, then signs in again in a new window and never
 * touches the mouse: he switches channels with Alt+↓/↑, Alt+Shift+↓ and Tab + Enter, sends,
 * replies and reacts to Ann's message from the message list, opens a menu and two dialogs
 * and closes them with Escape, hears Ann's next message in the live region, and walks his
 * conversations with Alt+↓/↑. At each step the test checks where the focus is, and at the
 * end that the window saw no pointer event at all.
 */
import path from "node:path";
import { randomUUID } from "node:crypto";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { joinThroughInvite, ownerWithInvite, person, uiTimeout } from "./browser";
import { e2eFixture } from "./fixture";

const e2e = e2eFixture();
const { resultsDir } = e2e;

/** What has the focus: its test id, else its tag and label, and a little of its text. */
function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return {
      testId: el?.dataset.testid ?? "",
      tag: el?.tagName.toLowerCase() ?? "",
      type: el?.getAttribute("type") ?? "",
      label: el?.getAttribute("aria-label") ?? "",
      name: el?.dataset.channelName ?? el?.closest<HTMLElement>("[data-channel-name]")?.dataset.channelName ?? "",
      text: (el?.textContent ?? "").slice(0, 200),
      /** A message's own words, without the quote of the message it answers. */
      content: el?.querySelector("[data-testid=message-content]")?.textContent ?? "",
      inDialog: el?.closest("dialog[open], [role=dialog]")?.getAttribute("data-testid") ?? "",
    };
  });
}

type Focus = Awaited<ReturnType<typeof focused>>;

/** Presses `key` until the focus matches, at most `max` times; fails with where it ended up. */
async function pressUntil(page: Page, key: string, matches: (f: Focus) => boolean, max = 40): Promise<Focus> {
  let now = await focused(page);
  for (let i = 0; i < max && !matches(now); i++) {
    await page.keyboard.press(key);
    now = await focused(page);
  }
  if (!matches(now)) throw new Error(`${key} ×${max} never reached the wanted element; focus is on ${JSON.stringify(now)}`);
  return now;
}

async function waitForFocus(page: Page, matches: (f: Focus) => boolean, what: string): Promise<void> {
  await expect.poll(async () => matches(await focused(page)), { timeout: uiTimeout, message: `focus on ${what}` }).toBe(true);
}

const onComposer = (f: Focus) => f.testId === "composer";
const title = (page: Page) => page.getByTestId("channel-title").innerText();
/** The message whose own words (not a quoted reply) contain `text`. */
const messageSaying = (page: Page, text: string) =>
  page.getByTestId("message").filter({ has: page.getByTestId("message-content").filter({ hasText: text }) });

describe("keyboard only", () => {
  it("signs in, switches channels, sends, replies, reacts and opens and closes dialogs without a mouse", async (ctx) => {
    const open = () => e2e.session.openPage(e2e.server.baseUrl);
    const [a, b, c] = [await open(), await open(), await open()];
    const [ann, ben, cy] = [person("Ann"), person("Ben"), person("Cy")];

    // Setup, mouse allowed: Ann's server with #general and #random; Cy and Ben join; Ben opens
    // conversations with both; Ann says hello.
    const link = await ownerWithInvite(a, ann, "Keys Guild");
    const [, serverId, generalId] = /\/channels\/(\d+)\/(\d+)$/.exec(a.url()) ?? [];
    const randomId = await a.evaluate(async (id) => {
      const response = await fetch(`/api/v1/servers/${id}/channels`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ name: "random", type: "text" }),
      });
      return ((await response.json()) as { id: string }).id;
    }, serverId!);
    await joinThroughInvite(c, link, cy);
    await c.context().close();
    await joinThroughInvite(b, link, ben);
    const dmIds = await b.evaluate(
      async ({ id, names }) => {
        const members = (await (await fetch(`/api/v1/servers/${id}/members`)).json()) as Array<{ user: { id: string; name: string } }>;
        const ids: string[] = [];
        for (const name of names) {
          const recipientId = members.find((m) => m.user.name === name)?.user.id;
          const response = await fetch("/api/v1/users/@me/channels", {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ recipientId }),
          });
          ids.push(((await response.json()) as { id: string }).id);
        }
        return ids;
      },
      { id: serverId!, names: [ann.name, cy.name] },
    );
    expect(dmIds).toHaveLength(2);
    await b.context().close();
    const hello = `hello Ben ${randomUUID().slice(0, 6)}`;
    await a.getByTestId("composer").pressSequentially(hello);
    await a.keyboard.press("Enter");
    await a.getByTestId("message").filter({ hasText: hello }).and(a.locator('[data-pending="false"]')).waitFor();

    // Ben's keyboard-only window. Any pointer event there fails the test at the end.
    const k = await open();
    ctx.onTestFailed(async () => {
      await k.screenshot({ path: path.join(resultsDir, "keyboard-failed.png") }).catch(() => undefined);
    });
    await k.goto("/sign-in");

    // Sign in: Tab to the email field, type, Tab to the password, type, Enter.
    await k.getByTestId("sign-in-submit").waitFor();
    await pressUntil(k, "Tab", (f) => f.type === "email", 10);
    await k.keyboard.type(ben.email);
    await k.keyboard.press("Tab");
    expect((await focused(k)).type).toBe("password");
    await k.keyboard.type(ben.password);
    await k.keyboard.press("Enter");
    await k.waitForURL(/\/channels\/\d+\/\d+$/);
    if (!k.url().endsWith(`/${generalId}`)) await k.goto(`/channels/${serverId}/${generalId}`);
    await k.getByTestId("message").filter({ hasText: hello }).waitFor();
    // From here on every step is client-side: a pointer event in this window fails the test.
    await k.evaluate(`(() => {
      window.__pointerEvents = 0;
      const count = (event) => { if (event.type !== "click" || event.detail > 0) window.__pointerEvents++; };
      for (const type of ["pointerdown", "mousedown", "click"]) window.addEventListener(type, count, true);
    })()`);
    await waitForFocus(k, onComposer, "the composer after sign-in");

    // Alt+↓ to #random, Alt+↑ back to #general; the composer keeps the focus.
    await k.keyboard.press("Alt+ArrowDown");
    await k.waitForURL(`**/channels/${serverId}/${randomId}`);
    await expect.poll(() => title(k)).toBe("random");
    await waitForFocus(k, onComposer, "the composer in #random");
    await k.keyboard.press("Alt+ArrowUp");
    await k.waitForURL(`**/channels/${serverId}/${generalId}`);
    await expect.poll(() => title(k)).toBe("general");
    await waitForFocus(k, onComposer, "the composer in #general");

    // Tab + Enter: back through the page to #random's link in the channel list.
    await pressUntil(k, "Shift+Tab", (f) => f.testId === "channel-link" && f.name === "random");
    await k.keyboard.press("Enter");
    await k.waitForURL(`**/channels/${serverId}/${randomId}`);
    await waitForFocus(k, onComposer, "the composer after Tab + Enter");

    // Alt+Shift+↓ skips to the next unread channel: Ann writes in #general meanwhile.
    const news = `news in general ${randomUUID().slice(0, 6)}`;
    await a.getByTestId("composer").pressSequentially(news);
    await a.keyboard.press("Enter");
    await k.getByTestId("channel-row").filter({ hasText: "general" }).and(k.locator("[data-unread=true]")).waitFor();
    await k.keyboard.press("Alt+Shift+ArrowDown");
    await k.waitForURL(`**/channels/${serverId}/${generalId}`);
    await k.getByTestId("message").filter({ hasText: news }).waitFor();
    await waitForFocus(k, onComposer, "the composer in the unread channel");

    // Send.
    const mine = `typed by keys ${randomUUID().slice(0, 6)}`;
    await k.keyboard.type(mine);
    await k.keyboard.press("Enter");
    await a.getByTestId("message").filter({ hasText: mine }).waitFor();
    await waitForFocus(k, onComposer, "the composer after sending");

    // Reply: Shift+Tab into the message list, ↑ to Ann's hello, Tab to Reply, Enter.
    const onMessage = (text: string) => (f: Focus) => f.testId === "message" && f.content.includes(text);
    await pressUntil(k, "Shift+Tab", (f) => f.testId === "message", 15);
    await pressUntil(k, "ArrowUp", onMessage(hello), 10);
    await expect.poll(() => messageSaying(k, hello).getByTestId("message-actions").isVisible()).toBe(true);
    await pressUntil(k, "Tab", (f) => f.testId === "action-reply", 10);
    // The focus ring and the action bar of a focused message, in both themes.
    await k.screenshot({ path: path.join(resultsDir, "keyboard-focus-dark.png") });
    const theme = await k.evaluate(() => document.documentElement.getAttribute("data-theme"));
    await k.evaluate(() => document.documentElement.setAttribute("data-theme", "light"));
    await k.screenshot({ path: path.join(resultsDir, "keyboard-focus-light.png") });
    await k.evaluate((was) => (was ? document.documentElement.setAttribute("data-theme", was) : document.documentElement.removeAttribute("data-theme")), theme);
    await k.keyboard.press("Enter");
    await k.getByTestId("reply-bar").waitFor();
    await waitForFocus(k, onComposer, "the composer, replying");
    const answer = `answer by keys ${randomUUID().slice(0, 6)}`;
    await k.keyboard.type(answer);
    await k.keyboard.press("Enter");
    const reply = messageSaying(a, answer);
    await reply.getByTestId("reply-preview").filter({ hasText: hello }).waitFor();

    // React: back to Ann's message, Tab to Add Reaction, pick 👍 from the picker with the keyboard.
    await pressUntil(k, "Shift+Tab", (f) => f.testId === "message", 15);
    await pressUntil(k, "ArrowUp", onMessage(hello), 10);
    await pressUntil(k, "Tab", (f) => f.testId === "action-react", 10);
    await k.keyboard.press("Enter");
    await k.getByTestId("emoji-picker").waitFor();
    await waitForFocus(k, (f) => f.testId === "emoji-search", "the emoji search");
    await k.keyboard.type("thumbsup");
    await k.keyboard.press("ArrowRight");
    await k.keyboard.press("ArrowLeft");
    await k.keyboard.press("Enter");
    await k.getByTestId("emoji-picker").waitFor({ state: "detached" });
    await messageSaying(a, hello).locator('[data-testid="reaction"][data-emoji="👍"]').waitFor();
    expect(await messageSaying(a, answer).getByTestId("reactions").count()).toBe(0);
    await waitForFocus(k, (f) => f.testId === "action-react", "Add Reaction again after picking");

    // The message's own keys: + opens the picker on the focused message, Escape closes it.
    await pressUntil(k, "Shift+Tab", onMessage(hello), 10);
    await k.keyboard.press("+");
    await waitForFocus(k, (f) => f.testId === "emoji-search", "the emoji search from +");
    await k.keyboard.press("Escape");
    await k.getByTestId("emoji-picker").waitFor({ state: "detached" });
    await waitForFocus(k, onMessage(hello), "the message after Escape");
    await k.keyboard.press("Escape");
    await waitForFocus(k, onComposer, "the composer after Escape on a message");

    // A menu: the server header opens it with the first item focused; arrows move; Escape closes.
    await pressUntil(k, "Shift+Tab", (f) => f.testId === "server-header");
    await k.keyboard.press("Enter");
    await k.getByTestId("server-menu").waitFor();
    await waitForFocus(k, (f) => f.testId === "menu-invite", "the first menu item");
    await k.getByTestId("menu-allow-dms").and(k.locator(":enabled")).waitFor();
    await k.keyboard.press("ArrowDown");
    expect((await focused(k)).testId).toBe("menu-notifications");
    await k.keyboard.press("ArrowDown");
    expect((await focused(k)).testId).toBe("menu-allow-dms");
    await k.keyboard.press("End");
    expect((await focused(k)).testId).toBe("menu-leave");
    await k.keyboard.press("ArrowDown");
    expect((await focused(k)).testId).toBe("menu-invite");
    await k.keyboard.press("ArrowUp");
    expect((await focused(k)).testId).toBe("menu-leave");
    await k.keyboard.press("Home");
    expect((await focused(k)).testId).toBe("menu-invite");
    await k.keyboard.press("Escape");
    await k.getByTestId("server-menu").waitFor({ state: "detached" });
    await waitForFocus(k, (f) => f.testId === "server-header", "the server header after the menu");

    // A dialog from the menu: Invite People; Escape closes it and the focus goes home.
    await k.keyboard.press("Enter");
    await waitForFocus(k, (f) => f.testId === "menu-invite", "the first menu item again");
    await k.keyboard.press("Enter");
    await k.getByTestId("invite-link").filter({ hasText: "/invite/" }).waitFor();
    await waitForFocus(k, (f) => f.inDialog !== "", "something inside the invite dialog");
    await k.keyboard.press("Escape");
    await expect.poll(() => k.locator("dialog[open]").count()).toBe(0);
    await waitForFocus(k, (f) => f.testId === "server-header", "the server header after the invite dialog");

    // Add a Server: focus is trapped inside while it is open, and returns to the button after.
    await pressUntil(k, "Shift+Tab", (f) => f.testId === "create-server");
    await k.keyboard.press("Enter");
    await k.getByTestId("create-server-dialog").and(k.locator("[open]")).waitFor();
    await waitForFocus(k, (f) => f.inDialog === "create-server-dialog", "inside the create-server dialog");
    for (let i = 0; i < 8; i++) {
      await k.keyboard.press("Tab");
      expect((await focused(k)).inDialog).toBe("create-server-dialog");
    }
    await k.keyboard.press("Escape");
    await expect.poll(() => k.locator("dialog[open]").count()).toBe(0);
    await waitForFocus(k, (f) => f.testId === "create-server", "Add a Server after its dialog");

    // A screen reader hears Ann's next message in the open channel.
    const spoken = `read aloud ${randomUUID().slice(0, 6)}`;
    await a.getByTestId("composer").pressSequentially(spoken);
    await a.keyboard.press("Enter");
    await k.getByTestId("live-announcer").filter({ hasText: `${ann.name}: ${spoken}` }).waitFor();
    expect(await k.getByTestId("live-announcer").getAttribute("aria-live")).toBe("polite");

    // Direct messages: Tab to the home button, Enter, then Alt+↓ walks the conversation list.
    await pressUntil(k, "Shift+Tab", (f) => f.testId === "home-button");
    await k.keyboard.press("Enter");
    await k.waitForURL("**/channels/me");
    await expect.poll(() => k.getByTestId("dm-item").count()).toBe(2);
    const listed = await k.getByTestId("dm-item").evaluateAll((items) => items.map((i) => (i as HTMLElement).dataset.channelId));
    expect([...listed].sort()).toEqual([...dmIds].sort());
    await k.keyboard.press("Alt+ArrowDown");
    await k.waitForURL(`**/channels/me/${listed[0]}`);
    await waitForFocus(k, onComposer, "the composer of the first conversation");
    await k.keyboard.press("Alt+ArrowDown");
    await k.waitForURL(`**/channels/me/${listed[1]}`);
    await waitForFocus(k, onComposer, "the composer of the second conversation");
    await k.keyboard.press("Alt+ArrowUp");
    await k.waitForURL(`**/channels/me/${listed[0]}`);

    await k.screenshot({ path: path.join(resultsDir, "keyboard-end.png") });
    expect(await k.evaluate("window.__pointerEvents")).toBe(0);
    expect(e2e.session.pageErrors).toEqual([]);
  }, 240_000);
});
