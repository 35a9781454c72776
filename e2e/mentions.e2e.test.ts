/**
 * Mentions and links in messages, in Chromium: a message naming a person, a role and a
 * channel shows three pills (the person's opens the profile card, the channel's opens the
 * channel); a message link pasted in another channel opens in place and jumps to the
 * message; a link out of the app asks first; a reply's quote and a search hit draw the
 * markdown (spoilers hidden) instead of its raw marks; `#` in the composer offers channels.
 */
import path from "node:path";
import { randomUUID } from "node:crypto";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { e2eFixture } from "./fixture";
import { joinThroughInvite, ownerWithInvite, person, uiTimeout } from "./browser";

// The shared server's send limit is roomy: the filler that pushes the linked message out of view goes out in bulk.
const fx = e2eFixture();
const shots = process.env.SHOTS_DIR ?? fx.resultsDir;

async function post<T>(page: Page, url: string, data: object, status = 201): Promise<T> {
  const response = await page.request.post(url, { data });
  expect(response.status(), await response.text()).toBe(status);
  return (await response.json()) as T;
}

async function sendApi(page: Page, channelId: string, content: string, extra: object = {}): Promise<string> {
  const message = await post<{ id: string }>(page, `/api/v1/channels/${channelId}/messages`, { content, nonce: randomUUID(), ...extra });
  return message.id;
}


const messageWith = (page: Page, text: string) => page.getByTestId("message").filter({ hasText: text });

describe("mention pills and message links", () => {
  it("draws pills that open profiles and channels, and opens message links in place", async () => {
    const a = await fx.session.openPage(fx.server.baseUrl);
    const b = await fx.session.openPage(fx.server.baseUrl);
    const owner = person("Owner");
    const bob = person("Bob");
    const link = await ownerWithInvite(a, owner, "Pill Guild");
    const [, , serverId = "", generalId = ""] = new URL(a.url()).pathname.split("/");
    await joinThroughInvite(b, link, bob);

    const members = (await (await a.request.get(`/api/v1/servers/${serverId}/members`)).json()) as Array<{ user: { id: string; name: string } }>;
    const bobId = members.find((m) => m.user.name === bob.name)?.user.id ?? "";
    const role = await post<{ id: string }>(a, `/api/v1/servers/${serverId}/roles`, { name: "Crew", color: 0xe67e22 });
    const random = await post<{ id: string }>(a, `/api/v1/servers/${serverId}/channels`, { name: "random", type: "text" });

    // The message to link to, then enough after it that it is out of view at the bottom.
    const tag = randomUUID().slice(0, 6);
    const target = await sendApi(a, generalId, `Hi <@${bobId}>, <@&${role.id}> meets in <#${random.id}> ${tag}`);
    for (let i = 0; i < 30; i++) await sendApi(a, generalId, `filler ${i}\nsecond line`);

    await a.reload();
    const pills = messageWith(a, tag).locator('[data-md="mention"]');
    await expect.poll(() => pills.count(), { timeout: uiTimeout }).toBe(3);
    expect(await pills.allInnerTexts()).toEqual([`@${bob.name}`, "@Crew", "#random"]);
    expect(await pills.nth(2).getAttribute("role")).toBe("button");
    await messageWith(a, tag).scrollIntoViewIfNeeded();
    await a.mouse.move(0, 0);
    await a.screenshot({ path: path.join(shots, "mention-pills.png") });

    // The person's pill opens their profile card; the channel's opens the channel.
    await pills.first().click();
    await a.getByTestId("profile-card").filter({ hasText: bob.name }).waitFor();
    await a.screenshot({ path: path.join(shots, "mention-profile.png") });
    await a.keyboard.press("Escape");
    await a.getByTestId("profile-card").waitFor({ state: "detached" });
    await pills.nth(2).focus();
    await a.keyboard.press("Enter");
    await expect.poll(() => a.getByTestId("channel-title").innerText(), { timeout: uiTimeout }).toBe("random");
    expect(new URL(a.url()).pathname).toBe(`/channels/${serverId}/${random.id}`);

    // A message link pasted in #random, and a masked link out of the app.
    const messageLink = `${fx.server.baseUrl}/channels/${serverId}/${generalId}?message=${target}`;
    const composer = a.getByTestId("composer");
    await composer.click();
    await composer.fill(`look here ${messageLink} and [the docs](https://example.com/docs)`);
    await composer.press("Enter");
    const linkMessage = messageWith(a, "look here").and(a.locator('[data-pending="false"]'));
    await linkMessage.waitFor();
    const inApp = linkMessage.locator('a[data-md="link"]').first();
    expect(await inApp.getAttribute("href")).toBe(messageLink);

    // Leaving the app asks first and shows where the link really goes.
    const masked = linkMessage.locator('a[data-md="link"]', { hasText: "the docs" });
    expect(await masked.getAttribute("title")).toBe("https://example.com/docs");
    await masked.click();
    const leave = a.getByTestId("leave-app-dialog");
    await leave.getByTestId("leave-app-url").filter({ hasText: "https://example.com/docs" }).waitFor();
    await a.screenshot({ path: path.join(shots, "leave-app-dialog.png") });
    await leave.getByRole("button", { name: "Go Back" }).click();
    await expect.poll(() => leave.isVisible()).toBe(false);
    await a.setViewportSize({ width: 390, height: 844 });
    await masked.click();
    await leave.getByTestId("leave-app-url").waitFor();
    await a.screenshot({ path: path.join(shots, "leave-app-dialog-phone.png") });
    await a.keyboard.press("Escape");
    await expect.poll(() => leave.isVisible()).toBe(false);
    await a.setViewportSize({ width: 1280, height: 760 });

    // The message link: no new tab, no reload, the linked message in view and flashing.
    let newTabs = 0;
    a.context().on("page", () => newTabs++);
    await a.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
    await inApp.click();
    await expect.poll(() => a.getByTestId("channel-title").innerText(), { timeout: uiTimeout }).toBe("general");
    const linked = a.locator(`[data-testid="message"][data-message-id="${target}"]`);
    await expect.poll(() => linked.getAttribute("class"), { timeout: uiTimeout }).toContain("animate-[flash");
    await expect.poll(() => linked.evaluate((li) => {
      const box = li.getBoundingClientRect();
      const list = li.closest("[data-testid=message-list]") ?? document.documentElement;
      const view = list.getBoundingClientRect();
      return box.top >= view.top && box.bottom <= view.bottom;
    })).toBe(true);
    expect(await a.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    expect(newTabs).toBe(0);
    expect(new URL(a.url()).pathname).toBe(`/channels/${serverId}/${generalId}`);
    await a.screenshot({ path: path.join(shots, "message-link-jump.png") });
    await a.setViewportSize({ width: 390, height: 844 });
    await linked.scrollIntoViewIfNeeded();
    await a.screenshot({ path: path.join(shots, "mention-pills-phone.png") });

    expect(fx.session.pageErrors).toEqual([]);
  }, 240_000);

  it("draws markdown in a reply's quote and in search hits, spoilers hidden", async () => {
    const a = await fx.session.openPage(fx.server.baseUrl);
    const owner = person("Quoter");
    await ownerWithInvite(a, owner, "Quote Guild");
    const [, , serverId = "", generalId = ""] = new URL(a.url()).pathname.split("/");
    const word = `zebra${randomUUID().slice(0, 6)}`;
    const original = await sendApi(a, generalId, `**loud** ${word} ||hidden ending||\n# big title`);
    await sendApi(a, generalId, "a reply to it", { replyToId: original });
    await a.reload();

    const quote = messageWith(a, "a reply to it").getByTestId("reply-preview");
    await quote.waitFor();
    expect(await quote.locator("strong").innerText()).toBe("loud");
    const quoteText = await quote.innerText();
    expect(quoteText).not.toContain("**");
    expect(quoteText).not.toContain("||");
    expect(quoteText).not.toContain("#");
    expect(await quote.locator('[data-md="spoiler"][data-revealed="false"]').count()).toBe(1);
    expect(await quote.locator('[data-md="heading"], [data-md="code-block"]').count()).toBe(0);

    await a.getByTestId("search-input").fill(word);
    await a.getByTestId("search-input").press("Enter");
    const hit = a.getByTestId("search-result").first();
    await hit.getByTestId("search-highlight").filter({ hasText: word }).waitFor();
    expect(await hit.innerText()).not.toContain("**");
    // Hidden as in a message: drawn, covered, out of reach until revealed.
    expect(await hit.locator('[data-md="spoiler"][data-revealed="false"] [aria-hidden="true"][inert]').innerText()).toBe("hidden ending");
    await a.mouse.move(0, 0);
    await a.screenshot({ path: path.join(shots, "search-markdown.png") });
    // A spoiler reveals on its own click, without opening the message.
    await hit.locator('[data-md="spoiler"]').click();
    await hit.locator('[data-md="spoiler"][data-revealed="true"]').filter({ hasText: "hidden ending" }).waitFor();
    expect(await a.getByTestId("search-panel").isVisible()).toBe(true);
    expect(new URL(a.url()).pathname).toBe(`/channels/${serverId}/${generalId}`);
    await a.screenshot({ path: path.join(shots, "search-spoiler.png") });
  }, 120_000);

  it("offers channels after # in the composer and sends a channel pill", async () => {
    const a = await fx.session.openPage(fx.server.baseUrl);
    await ownerWithInvite(a, person("Linker"), "Hash Guild");
    const [, , serverId = ""] = new URL(a.url()).pathname.split("/");
    await post(a, `/api/v1/servers/${serverId}/channels`, { name: "announcements", type: "text" });
    await a.reload();
    const composer = a.getByTestId("composer");
    await composer.click();
    await composer.pressSequentially("read #annou");
    const option = a.getByTestId("mention-option").filter({ hasText: "announcements" });
    await option.waitFor();
    await a.screenshot({ path: path.join(shots, "channel-autocomplete.png") });
    await composer.press("Enter");
    await expect.poll(() => composer.inputValue()).toBe("read #announcements ");
    await composer.press("Enter");
    const sent = messageWith(a, "read").and(a.locator('[data-pending="false"]'));
    await sent.locator('[data-md="mention"][data-kind="channel"]').filter({ hasText: "#announcements" }).waitFor();

    // Editing it shows the name, not the token, and saving keeps the pill.
    await composer.press("ArrowUp");
    const editor = a.getByTestId("message-editor");
    await expect.poll(() => editor.inputValue()).toMatch(/^read #announcements\s*$/);
    await editor.press("End");
    await editor.pressSequentially(" now");
    await editor.press("Enter");
    await sent.filter({ hasText: "now" }).locator('[data-md="mention"][data-kind="channel"]').filter({ hasText: "#announcements" }).waitFor();
  }, 120_000);
});
