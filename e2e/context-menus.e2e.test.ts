/**
 * Right-click menus on a message, a channel and a server icon, each showing only what
 * the person may do; Copy Message Link, Mark Unread, Mark As Read. And floating parts
 * that stay in the window: the edit history, the inline editor above the composer, and
 * the upload tray's last tile.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { randomUUID } from "node:crypto";
import type { Locator, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { e2eFixture } from "./fixture";
import { joinThroughInvite, ownerWithInvite, person } from "./browser";

const e2e = e2eFixture();
beforeAll(() => mkdir(shots, { recursive: true }));
/** Where the pictures go; SHOTS_DIR puts them elsewhere. */
const shots = process.env.SHOTS_DIR ?? path.join(process.cwd(), "test-results");

function message(page: Page, text: string): Locator {
  return page.getByTestId("message").filter({ has: page.getByTestId("message-content").filter({ hasText: text }) });
}

async function send(page: Page, text: string): Promise<void> {
  const composer = page.getByTestId("composer");
  await composer.click();
  await composer.fill(text);
  await composer.press("Enter");
  await message(page, text).and(page.locator('[data-pending="false"]')).waitFor();
}

function channelRow(page: Page, name: string): Locator {
  return page.locator(`[data-testid="channel-row"][data-channel-name="${name}"]`);
}

async function openChannel(page: Page, name: string): Promise<void> {
  await page.bringToFront();
  await channelRow(page, name).getByTestId("channel-link").click();
  await expect.poll(() => page.getByTestId("channel-title").innerText()).toBe(name);
}

/** Calls our API from the page, with its session. */
async function apiCall<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const res = await fetch(`/api/v1${path}`, {
        method,
        headers: body === undefined ? {} : { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return (res.status === 204 ? null : await res.json()) as T;
    },
    { method, path, body },
  );
}

function ids(page: Page): { serverId: string; channelId: string } {
  const [, serverId, channelId] = /\/channels\/(\d+)\/(\d+)/.exec(page.url())!;
  return { serverId: serverId!, channelId: channelId! };
}

async function menuItems(menu: Locator): Promise<string[]> {
  await menu.waitFor();
  return (await menu.getByRole("menuitem").allInnerTexts()).map((t) => t.trim());
}

async function withinViewport(page: Page, locator: Locator): Promise<void> {
  const box = (await locator.boundingBox())!;
  const viewport = page.viewportSize()!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
  expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
}

describe("context menus", () => {
  it("a message's menu: items per permission, Copy Message Link opens it in context, Mark Unread keeps it unread", async () => {
    const [owner, member] = [await e2e.session.openPage(e2e.server.baseUrl), await e2e.session.openPage(e2e.server.baseUrl)];
    await member.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: e2e.server.baseUrl });
    const link = await ownerWithInvite(owner, person("Olga"), "Menu Guild");
    await joinThroughInvite(member, link, person("Mika"));
    const tag = randomUUID().slice(0, 6);
    for (const word of ["one", "two", "three"]) await send(owner, `${word} ${tag}`);
    await send(member, `mine ${tag}`);
    const { serverId, channelId } = ids(member);

    // A plain member, on someone else's message: no Pin, no Delete, no Edit.
    await message(member, `two ${tag}`).click({ button: "right" });
    const menu = member.getByTestId("message-menu");
    expect(await menuItems(menu)).toEqual(["Add Reaction", "Reply", "Copy Text", "Copy Message Link", "Mark Unread"]);
    await withinViewport(member, menu);
    await member.screenshot({ path: `${shots}/message-menu-member.png` });
    // Keyboard: arrows move between items, Escape closes.
    await member.keyboard.press("ArrowDown");
    expect(await member.evaluate(() => document.activeElement?.textContent)).toBe("Reply");
    await member.keyboard.press("Escape");
    await menu.waitFor({ state: "detached" });

    // On their own message: Edit and Delete.
    await message(member, `mine ${tag}`).click({ button: "right" });
    expect(await menuItems(menu)).toEqual(["Add Reaction", "Edit Message", "Reply", "Copy Text", "Copy Message Link", "Mark Unread", "Delete Message"]);
    await member.keyboard.press("Escape");

    // The owner (Manage Messages) may pin and delete anyone's.
    await message(owner, `mine ${tag}`).click({ button: "right" });
    const ownerMenu = owner.getByTestId("message-menu");
    expect(await menuItems(ownerMenu)).toEqual(["Add Reaction", "Reply", "Pin Message", "Copy Text", "Copy Message Link", "Mark Unread", "Delete Message"]);
    await owner.keyboard.press("Escape");

    // Copy Message Link: the whole address, which opens the message in its place.
    const two = message(member, `two ${tag}`);
    const twoId = (await two.getAttribute("data-message-id"))!;
    await two.click({ button: "right" });
    await menu.getByRole("menuitem", { name: "Copy Message Link" }).click();
    const copied = await member.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(`${e2e.server.baseUrl}/channels/${serverId}/${channelId}?message=${twoId}`);
    // Told as done, not drawn as a failure.
    const toast = member.getByTestId("toast").filter({ hasText: "Copied to clipboard." });
    expect(await toast.getAttribute("data-kind")).toBe("info");
    await member.screenshot({ path: `${shots}/copied-toast.png` });

    // Mark Unread: the divider above it, and it stays unread while the channel is open.
    await two.click({ button: "right" });
    await menu.getByRole("menuitem", { name: "Mark Unread" }).click();
    const divider = member.getByTestId("new-messages-divider");
    await divider.waitFor();
    const [dividerBox, twoBox] = [(await divider.boundingBox())!, (await two.boundingBox())!];
    expect(dividerBox.y).toBeLessThanOrEqual(twoBox.y);
    await member.screenshot({ path: `${shots}/mark-unread.png` });
    await member.waitForTimeout(3000);
    const states = await apiCall<{ channelId: string; unreadCount: number }[]>(member, "GET", "/users/@me/read-states");
    expect(states.find((s) => s.channelId === channelId)?.unreadCount).toBe(2);
    // Elsewhere, the channel shows unread in the sidebar.
    const other = await apiCall<{ id: string }>(owner, "POST", `/servers/${serverId}/channels`, { name: "elsewhere" });
    expect(other.id).toBeTruthy();
    await openChannel(member, "elsewhere");
    await expect.poll(() => channelRow(member, "general").getAttribute("data-unread")).toBe("true");

    // The copied link opens the message in its place.
    await member.goto(copied);
    await expect.poll(() => member.getByTestId("channel-title").innerText()).toBe("general");
    await withinViewport(member, member.locator(`[data-testid="message"][data-message-id="${twoId}"]`));
  });

  it("a channel's menu marks it read and keeps its notification choices; a server icon's menu shows what each may do", async () => {
    const [owner, member] = [await e2e.session.openPage(e2e.server.baseUrl), await e2e.session.openPage(e2e.server.baseUrl)];
    const link = await ownerWithInvite(owner, person("Omar"), "Rail Guild");
    await joinThroughInvite(member, link, person("Mona"));
    const { serverId } = ids(owner);
    await apiCall(owner, "POST", `/servers/${serverId}/channels`, { name: "quiet" });
    await openChannel(member, "quiet");
    const tag = randomUUID().slice(0, 6);
    await send(owner, `news ${tag}`);
    const general = channelRow(member, "general");
    await expect.poll(() => general.getAttribute("data-unread")).toBe("true");

    await general.click({ button: "right" });
    const menu = member.getByRole("menu");
    const items = await menuItems(menu);
    expect(items.slice(0, 3)).toEqual(["Mark As Read", "Invite People", "Copy Link"]);
    expect(items).not.toContain("Edit Channel");
    expect(items).not.toContain("Delete Channel");
    expect(items).toContain("For 1 Hour");
    await member.screenshot({ path: `${shots}/channel-menu-member.png` });
    await menu.getByRole("menuitem", { name: "Mark As Read" }).click();
    await expect.poll(() => general.getAttribute("data-unread")).toBe(null);

    // The owner may edit and delete it.
    await channelRow(owner, "quiet").click({ button: "right" });
    const ownerItems = await menuItems(owner.getByRole("menu"));
    expect(ownerItems.slice(0, 5)).toEqual(["Mark As Read", "Invite People", "Copy Link", "Edit Channel", "Delete Channel"]);
    await owner.keyboard.press("Escape");

    // The rail: the member may invite and leave; the owner may open settings, not leave.
    await send(owner, `more ${tag}`);
    const icon = (page: Page) => page.locator(`[data-testid="server-icon"][data-server-id="${serverId}"]`);
    await member.goto("/channels/me");
    await expect.poll(() => icon(member).getAttribute("data-unread")).toBe("true");
    await icon(member).click({ button: "right" });
    const railMenu = member.getByTestId("server-icon-menu");
    const memberItems = await menuItems(railMenu);
    expect(memberItems).toEqual(expect.arrayContaining(["Mark As Read", "Invite People", "Notification Settings", "Leave Server"]));
    expect(memberItems).not.toContain("Server Settings");
    await withinViewport(member, railMenu);
    await member.screenshot({ path: `${shots}/server-icon-menu-member.png` });
    await railMenu.getByRole("menuitem", { name: "Mark As Read" }).click();
    await expect.poll(() => icon(member).getAttribute("data-unread")).toBe(null);

    await icon(owner).click({ button: "right" });
    const ownerRail = await menuItems(owner.getByTestId("server-icon-menu"));
    expect(ownerRail).toEqual(expect.arrayContaining(["Mark As Read", "Invite People", "Server Settings"]));
    expect(ownerRail).not.toContain("Leave Server");
    await owner.getByTestId("server-icon-menu").getByRole("menuitem", { name: "Server Settings" }).click();
    await owner.getByRole("dialog").first().waitFor();
    await owner.screenshot({ path: `${shots}/server-icon-settings.png` });
  });
});

describe("floating parts stay in the window", () => {
  it("the edit history, the last message's editor and the upload tray's fourth tile", async () => {
    const page = await e2e.session.openPage(e2e.server.baseUrl);
    await ownerWithInvite(page, person("Fay"), "Float Guild");
    const { channelId } = ids(page);
    const tag = randomUUID().slice(0, 6);
    // A history taller than the list, so it scrolls and sits at its bottom, as a lived-in channel does.
    for (let i = 0; i < 2; i++) {
      const tall = Array.from({ length: 24 }, (_, line) => `line ${line} of filler ${i}`).join("\n");
      await apiCall(page, "POST", `/channels/${channelId}/messages`, { content: tall });
    }
    const { id } = await apiCall<{ id: string }>(page, "POST", `/channels/${channelId}/messages`, { content: `edited ${tag}` });
    await message(page, `edited ${tag}`).waitFor();
    // Four edits (the edit limit is five in five seconds), long enough to make a tall list.
    for (let i = 1; i <= 4; i++) {
      const edited = await apiCall<{ id?: string }>(page, "PATCH", `/channels/${channelId}/messages/${id}`, {
        content: `edited ${tag} version ${i}\n${"a longer line of text. ".repeat(12)}`,
      });
      expect(edited.id).toBe(id);
    }
    const last = message(page, `version 4`);
    await last.getByTestId("edited-marker").click();
    const history = page.getByTestId("edit-history");
    await expect.poll(() => history.getByTestId("edit-version").count()).toBe(4);
    await page.waitForTimeout(300);
    await withinViewport(page, history);
    await page.screenshot({ path: `${shots}/edit-history.png` });
    await page.keyboard.press("Escape");

    // The last message's editor opens above the composer, hint line included.
    await last.click({ button: "right" });
    await page.getByTestId("message-menu").getByRole("menuitem", { name: "Edit Message" }).click();
    const editor = page.getByTestId("message-editor");
    await editor.waitFor();
    await page.waitForTimeout(300);
    const list = (await page.getByTestId("message-list").boundingBox())!;
    const editorBlock = (await editor.locator("xpath=..").boundingBox())!;
    const composer = (await page.getByTestId("composer").boundingBox())!;
    expect(editorBlock.y + editorBlock.height).toBeLessThanOrEqual(list.y + list.height + 1);
    expect(editorBlock.y + editorBlock.height).toBeLessThanOrEqual(composer.y);
    await page.screenshot({ path: `${shots}/editor-above-composer.png` });
    await page.keyboard.press("Escape");

    // Four files: the tray scrolls sideways and the fourth tile can be seen whole.
    const files = [0, 1, 2, 3].map((i) => ({ name: `notes-${i}-${tag}.txt`, type: "text/plain", base64: Buffer.from(`file ${i}`).toString("base64") }));
    await page.getByTestId("attach-input").setInputFiles(files.map((f) => ({ name: f.name, mimeType: f.type, buffer: Buffer.from(f.base64, "base64") })));
    const tiles = page.getByTestId("upload-tile");
    await expect.poll(() => tiles.count()).toBe(4);
    const tray = page.getByTestId("upload-tray");
    const whole = async (tile: Locator) => {
      const [row, box] = [(await tray.boundingBox())!, (await tile.boundingBox())!];
      return box.x >= row.x && box.x + box.width <= row.x + row.width;
    };
    // The newest file shows whole at once, and a mouse wheel moves the row sideways.
    await expect.poll(() => whole(tiles.nth(3))).toBe(true);
    await withinViewport(page, tiles.nth(3));
    await page.screenshot({ path: `${shots}/upload-tray-newest.png` });
    await tray.hover();
    await page.mouse.wheel(0, -2000);
    await expect.poll(() => whole(tiles.nth(0))).toBe(true);
    expect(await whole(tiles.nth(3))).toBe(false);
    await page.mouse.wheel(0, 2000);
    await expect.poll(() => whole(tiles.nth(3))).toBe(true);
    await page.screenshot({ path: `${shots}/upload-tray-fourth-tile.png` });
  });
});
