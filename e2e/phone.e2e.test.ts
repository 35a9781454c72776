/**
 * The app on a phone (390 × 844, touch). Pat joins Ann's server from an invite on the
 * phone, opens the drawer by the menu button and by a swipe from the left edge, makes a
 * server of their own, switches back to Ann's and picks a channel, sends, answers Ann by a
 * long press, opens the member list sheet, starts a direct conversation, comes back to the
 * list with the browser's back, and visits User Settings. The page never scrolls sideways.
 */
import path from "node:path";
import { randomUUID } from "node:crypto";
import type { CDPSession, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { joinThroughInvite, ownerWithInvite, person, uiTimeout } from "./browser";
import { e2eFixture } from "./fixture";

const e2e = e2eFixture();
const { resultsDir } = e2e;

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(resultsDir, `phone-${name}.png`) });

/** Every screen fits the phone's width: long words and code wrap or scroll inside their box. */
async function expectNoSideScroll(page: Page, where: string) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.scrollingElement?.scrollWidth ?? 0,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, `${where}: the page scrolls sideways`).toBeLessThanOrEqual(innerWidth);
}

async function expectTouchTarget(page: Page, testId: string) {
  const box = await page.getByTestId(testId).first().boundingBox();
  expect(box, testId).not.toBeNull();
  expect(Math.min(box!.width, box!.height), `${testId} is smaller than 44 px`).toBeGreaterThanOrEqual(44);
}

const drawerState = (page: Page) => page.locator("[data-drawer]").getAttribute("data-drawer");

/** One DevTools session per page: a touch must start and end on the same one. */
const sessions = new WeakMap<Page, CDPSession>();

async function touch(page: Page, type: "touchStart" | "touchMove" | "touchEnd", x?: number, y?: number) {
  let cdp = sessions.get(page);
  if (!cdp) {
    cdp = await page.context().newCDPSession(page);
    sessions.set(page, cdp);
  }
  await cdp.send("Input.dispatchTouchEvent", { type, touchPoints: x === undefined ? [] : [{ x, y: y ?? 0 }] });
}

async function swipeFromLeftEdge(page: Page) {
  await touch(page, "touchStart", 4, 420);
  for (const x of [30, 70, 120, 180]) await touch(page, "touchMove", x, 424);
  await touch(page, "touchEnd");
}

/** A finger held on the element until `until` shows, then lifted: no fixed wait. */
async function longPress(page: Page, target: ReturnType<Page["getByTestId"]>, until: ReturnType<Page["getByTestId"]>) {
  const box = (await target.boundingBox())!;
  await touch(page, "touchStart", box.x + box.width / 2, box.y + box.height / 2);
  await until.waitFor();
  await touch(page, "touchEnd");
}

async function send(page: Page, text: string, shown = text.slice(0, 40)) {
  const composer = page.getByTestId("composer");
  await composer.fill(text);
  await composer.press("Enter");
  await page.getByTestId("message").filter({ hasText: shown }).and(page.locator('[data-pending="false"]')).waitFor();
}

describe("on a phone", () => {
  it("drawer, server and channel switch, long-press reply, member sheet, DM and back, settings", async (ctx) => {
    const desk = await e2e.session.openPage(e2e.server.baseUrl);
    const phone = await e2e.session.openPhonePage(e2e.server.baseUrl);
    ctx.onTestFailed(async () => {
      await phone.screenshot({ path: path.join(resultsDir, "phone-failed.png") }).catch(() => undefined);
    });
    const [ann, pat] = [person("Ann"), person("Pat")];
    const link = await ownerWithInvite(desk, ann, "Ann Guild");

    // Ann adds a second channel and says something there for Pat to answer.
    const serverId = desk.url().split("/")[4]!;
    const second = await desk.evaluate(async (id) => {
      const response = await fetch(`/api/v1/servers/${id}/channels`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ name: "second", type: "text" }),
      });
      return ((await response.json()) as { id: string }).id;
    }, serverId);
    await desk.goto(`/channels/${serverId}/${second}`);
    const question = `Where are you, Pat? ${randomUUID().slice(0, 6)}`;
    await send(desk, question);

    // Pat signs up from the invite on the phone: the chat takes the whole width.
    await joinThroughInvite(phone, link, pat);
    expect(await drawerState(phone)).toBe("closed");
    const composerBox = (await phone.getByTestId("composer").boundingBox())!;
    expect(composerBox.width).toBeGreaterThan(250);
    await expectNoSideScroll(phone, "chat");
    for (const id of ["drawer-button", "members-toggle", "attach-button"]) await expectTouchTarget(phone, id);
    await shot(phone, "chat");

    // The menu button opens the drawer; a tap beside it closes it.
    await phone.getByTestId("drawer-button").tap();
    await expect.poll(() => drawerState(phone), { timeout: uiTimeout }).toBe("open");
    // The chat behind it is out of reach (Tab, screen readers) until it closes.
    await expect.poll(() => phone.evaluate(() => [...document.querySelectorAll("main")].every((m) => m.inert))).toBe(true);
    await phone.getByTestId("server-icon").first().waitFor({ state: "visible" });
    await expectTouchTarget(phone, "channel-link");
    await expectNoSideScroll(phone, "drawer");
    await shot(phone, "drawer");
    await phone.getByTestId("drawer-backdrop").tap({ position: { x: 370, y: 400 } });
    await expect.poll(() => drawerState(phone), { timeout: uiTimeout }).toBe("closed");
    await expect.poll(() => phone.evaluate(() => [...document.querySelectorAll("main")].some((m) => m.inert))).toBe(false);
    // Closing went back past the drawer's history entry.
    await expect.poll(() => phone.evaluate(() => (history.state as { drawer?: string } | null)?.drawer ?? null)).toBeNull();

    // A swipe from the left edge opens it too; Pat makes a server of their own in it.
    await swipeFromLeftEdge(phone);
    await expect.poll(() => drawerState(phone), { timeout: uiTimeout }).toBe("open");
    await phone.getByTestId("create-server").tap();
    await phone.getByTestId("server-name").fill("Pat Place");
    await shot(phone, "dialog");
    await expectNoSideScroll(phone, "create server dialog");
    await phone.getByTestId("create-server-submit").tap();
    await phone.getByTestId("server-name-header").filter({ hasText: "Pat Place" }).waitFor();
    // Still the list: switching servers keeps the drawer out.
    expect(await drawerState(phone)).toBe("open");

    // Back to Ann's server, and its second channel: picking it shows the chat.
    await phone.getByTestId("server-icon").filter({ hasText: "Ann Guild" }).tap();
    await phone.getByTestId("server-name-header").filter({ hasText: "Ann Guild" }).waitFor();
    await phone.locator(`[data-testid=channel-link][data-channel-id="${second}"]`).tap();
    await expect.poll(() => drawerState(phone), { timeout: uiTimeout }).toBe("closed");
    await phone.getByTestId("channel-title").filter({ hasText: "second" }).waitFor();
    await phone.getByTestId("message").filter({ hasText: question }).waitFor();

    // Long words, links and code stay inside the chat.
    await send(phone, `https://example.test/${"averyveryverylongpathsegment".repeat(8)}`);
    await send(phone, `\`\`\`\n${"const wide = 1; ".repeat(30)}\n\`\`\``, "const wide = 1;");
    await expectNoSideScroll(phone, "chat with long lines");

    // A long press on Ann's message opens its actions; Reply.
    const sheet = phone.getByTestId("message-action-sheet");
    await longPress(phone, phone.getByTestId("message").filter({ hasText: question }), sheet);
    await expectNoSideScroll(phone, "action sheet");
    await shot(phone, "action-sheet");
    await sheet.getByTestId("sheet-reply").tap();
    await sheet.waitFor({ state: "detached" });
    await phone.getByTestId("reply-bar").waitFor();
    const answer = `On my phone ${randomUUID().slice(0, 6)}`;
    await send(phone, answer);
    await phone.getByTestId("message").filter({ hasText: answer }).getByTestId("reply-preview").waitFor();
    await desk.getByTestId("message").filter({ hasText: answer }).getByTestId("reply-preview").filter({ hasText: question.slice(0, 10) }).waitFor();

    // The member list is a sheet from the right.
    await phone.getByTestId("members-toggle").tap();
    const annRow = phone.getByTestId("member").filter({ hasText: ann.name });
    await annRow.waitFor({ state: "visible" });
    await expectNoSideScroll(phone, "member sheet");
    await shot(phone, "members");

    // Ann's profile from the sheet, and a direct conversation with her.
    await annRow.tap();
    await phone.getByTestId("profile-card").waitFor();
    await expectNoSideScroll(phone, "profile card");
    await phone.getByTestId("profile-message").tap();
    await phone.waitForURL(/\/channels\/me\/\d+$/);
    const dmUrl = phone.url();
    await phone.getByTestId("dm-title").filter({ hasText: ann.name }).waitFor();
    await send(phone, "Hello from the phone");
    await expectNoSideScroll(phone, "DM");

    // Home through the drawer: the conversation list; picking one shows it, back shows the list.
    await phone.getByTestId("drawer-button").tap();
    await phone.getByTestId("home-button").tap();
    await phone.waitForURL(/\/channels\/me$/);
    const dmLink = phone.getByTestId("dm-item").filter({ hasText: ann.name }).getByTestId("dm-link");
    await dmLink.waitFor({ state: "visible" });
    await shot(phone, "dm-list");
    await dmLink.tap();
    await phone.waitForURL(dmUrl);
    await expect.poll(() => drawerState(phone), { timeout: uiTimeout }).toBe("closed");
    await phone.getByTestId("message").filter({ hasText: "Hello from the phone" }).waitFor();
    await shot(phone, "dm");
    await phone.goBack();
    await phone.waitForURL(/\/channels\/me$/);
    await expect.poll(() => drawerState(phone), { timeout: uiTimeout }).toBe("open");
    await dmLink.waitFor({ state: "visible" });
    await expectNoSideScroll(phone, "DM list after back");

    // User Settings: the tab list first, a tab's page, back to the list, and out.
    await phone.getByTestId("user-settings-open").tap();
    const profileTab = phone.getByTestId("settings-tab-profile");
    await profileTab.waitFor({ state: "visible" });
    await expectTouchTarget(phone, "settings-tab-profile");
    await expectNoSideScroll(phone, "settings list");
    await shot(phone, "settings-list");
    await profileTab.tap();
    await phone.getByTestId("settings-back").waitFor({ state: "visible" });
    expect(await profileTab.isVisible()).toBe(false);
    await expectNoSideScroll(phone, "settings page");
    await shot(phone, "settings-page");
    await phone.getByTestId("settings-back").tap();
    await profileTab.waitFor({ state: "visible" });
    await phone.getByTestId("settings-phone-close").tap();
    await profileTab.waitFor({ state: "detached" });
    await expectNoSideScroll(phone, "after settings");

    expect(e2e.session.pageErrors).toEqual([]);
  }, 240_000);

  it("on a tablet: rail and channels beside the chat, the member list on request", async () => {
    const tablet = await e2e.session.openPage(e2e.server.baseUrl);
    await tablet.setViewportSize({ width: 820, height: 1180 });
    await ownerWithInvite(tablet, person("Tia"), "Tablet Guild");
    await tablet.getByTestId("composer").waitFor();
    expect(await tablet.getByRole("navigation", { name: "Servers" }).isVisible()).toBe(true);
    expect(await tablet.getByRole("complementary", { name: "Channels" }).isVisible()).toBe(true);
    expect(await tablet.getByTestId("drawer-button").isVisible()).toBe(false);
    const members = tablet.getByRole("complementary", { name: "Members" });
    expect(await members.isVisible()).toBe(false);
    await tablet.getByTestId("members-toggle").click();
    await members.waitFor({ state: "visible" });
    await expectNoSideScroll(tablet, "tablet");
    await shot(tablet, "tablet");
    // Over the chat, which keeps its width; a tap beside the sheet closes it.
    expect((await tablet.getByTestId("composer").boundingBox())!.width).toBeGreaterThan(300);
    await tablet.getByTestId("member-sheet-backdrop").click({ position: { x: 100, y: 600 } });
    await members.waitFor({ state: "hidden" });
  }, 120_000);
});
