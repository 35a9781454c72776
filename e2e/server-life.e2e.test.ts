/**
 * A server's life seen by its people: a new person lands on the home screen (people list
 * and a first-server card), the server says who joined and what was pinned (the pin
 * line's link opens the pins), the system channel and role flags in the settings, and
 * someone kicked (desktop) or banned (phone) while looking at the server lands on the
 * home screen told why, and can still reach their direct messages and settings.
 */
import { mkdir } from "node:fs/promises";
import { type Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { DmChannel, Server } from "@/shared/api";
import { e2eFixture } from "./fixture";
import { type Person, fillSignUp, joinThroughInvite, person, uiTimeout } from "./browser";

const e2e = e2eFixture();
const shots = "/tmp/shots-server";

async function shot(page: Page, name: string) {
  await mkdir(shots, { recursive: true });
  await page.screenshot({ path: `${shots}/${name}.png` });
}

/** A JSON request from the page, as that person. */
function api<T>(page: Page, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const r = await fetch(`/api/v1${path}`, {
        method,
        headers: body === undefined ? {} : { "Content-Type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: r.status, body: r.status === 204 ? null : await r.json() };
    },
    { method, path, body },
  ) as Promise<{ status: number; body: T }>;
}

async function signIn(page: Page, who: Person) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByTestId("sign-in-submit").click();
}

describe("a server's life", () => {
  it("joins, pins, settings, a kick and a ban, and where the removed land", async () => {
    const { server, session } = e2e;
    const a = await session.openPage(server.baseUrl);
    const ann = person("Ann");
    const ben = person("Ben");
    const cy = person("Cy");

    // A new person lands on the home screen, with a card to make a first server.
    await a.goto("/sign-up");
    await fillSignUp(a, ann);
    await a.waitForURL(/\/channels\/me$/);
    await a.getByTestId("no-servers-card").waitFor();
    await a.getByTestId("friends-view").waitFor();
    await shot(a, "home-no-servers-desktop");
    await a.getByTestId("server-name").fill("Giga Club");
    await a.getByTestId("create-server-submit").click();
    await a.waitForURL(/\/channels\/\d+\/\d+$/);
    const serverId = new URL(a.url()).pathname.split("/")[2]!;
    const invite = (await api<{ code: string }>(a, "POST", `/servers/${serverId}/invites`, {})).body.code;

    // Ben joins: Ann sees the server say so.
    const b = await session.openPage(server.baseUrl);
    await joinThroughInvite(b, `${server.baseUrl}/invite/${invite}`, ben);
    const joinLine = a.locator('[data-testid="message"][data-type="join"]').filter({ hasText: ben.name });
    await joinLine.waitFor();

    // Ben writes; Ann pins it; the pin line's link opens the pins for Ben.
    const composer = b.getByTestId("composer");
    await composer.click();
    await composer.pressSequentially("Rules: be kind");
    await composer.press("Enter");
    const said = b.getByTestId("message").filter({ hasText: "Rules: be kind" }).and(b.locator('[data-pending="false"]'));
    await said.waitFor();
    const messageId = (await said.getAttribute("data-message-id"))!;
    const channelId = new URL(b.url()).pathname.split("/")[3]!;
    expect((await api(a, "PUT", `/channels/${channelId}/pins/${messageId}`)).status).toBe(204);
    const pinLine = b.locator('[data-testid="message"][data-type="pin"]');
    await pinLine.waitFor();
    expect(await pinLine.getByTestId("system-line").innerText()).toContain(`${ann.name} pinned a message to this channel.`);
    await shot(a, "system-lines-desktop");
    await pinLine.getByTestId("system-line-pins").click();
    await b.getByTestId("pins").getByTestId("pinned-message").filter({ hasText: "Rules: be kind" }).waitFor();
    await shot(b, "pin-line-opens-pins-desktop");
    await b.keyboard.press("Escape");

    // Settings: the system messages channel and the role flags.
    await a.getByTestId("server-header").click();
    await a.getByTestId("menu-settings").click();
    const systemChannel = a.getByTestId("system-channel");
    await systemChannel.waitFor();
    expect(await systemChannel.inputValue()).toBe(channelId);
    await systemChannel.selectOption("");
    await expect.poll(async () => (await api<Server>(a, "GET", `/servers/${serverId}`)).body.systemChannelId, { timeout: uiTimeout }).toBeNull();
    await systemChannel.selectOption(channelId);
    await expect.poll(async () => (await api<Server>(a, "GET", `/servers/${serverId}`)).body.systemChannelId, { timeout: uiTimeout }).toBe(channelId);
    await shot(a, "settings-system-channel-desktop");
    await a.getByTestId("settings-tab-roles").click();
    await a.locator('[data-testid="role-row"][data-role-name="Moderator"] button').first().click();
    await a.getByTestId("role-hoist").click();
    await a.getByTestId("role-mentionable").click();
    await a.getByTestId("role-flags").scrollIntoViewIfNeeded();
    await shot(a, "role-flags-desktop");
    await a.getByTestId("save-role").click();
    await a.getByTestId("save-role").waitFor({ state: "detached" });
    await a.getByTestId("settings-close").click();

    // Ben becomes a Moderator: a hoisted role, so the member list shows him in its group.
    const roles = (await api<{ id: string; name: string }[]>(a, "GET", `/servers/${serverId}/roles`)).body;
    const benUserId = (await api<{ id: string }>(b, "GET", "/users/@me")).body.id;
    const moderator = roles.find((r) => r.name === "Moderator")!.id;
    expect((await api(a, "PATCH", `/servers/${serverId}/members/${benUserId}`, { roles: [moderator] })).status).toBe(200);
    await a.locator('[data-testid="member-group"][data-role="Moderator"]').filter({ hasText: ben.name }).waitFor();
    expect(await a.locator('[data-testid="member-group"]').evaluateAll((groups) => groups.map((g) => g.getAttribute("data-role")))).toEqual([
      "Moderator",
      "",
    ]);
    await shot(a, "member-list-hoisted-desktop");

    // Ben has a conversation with Ann; then Ann kicks Ben while he looks at the server.
    const dm = await api<DmChannel>(b, "POST", "/users/@me/channels", { recipientId: (await api<{ id: string }>(a, "GET", "/users/@me")).body.id });
    expect((await api(b, "POST", `/channels/${dm.body.id}/messages`, { content: "hello Ann" })).status).toBe(201);
    const benId = (await api<{ id: string }>(b, "GET", "/users/@me")).body.id;
    expect((await api(a, "DELETE", `/servers/${serverId}/members/${benId}`, { reason: "secret moderator note" })).status).toBe(204);
    const notice = b.getByTestId("removed-notice");
    await notice.and(b.locator("[open]")).waitFor();
    expect(await notice.innerText()).toContain("You were kicked from Giga Club");
    expect(await notice.innerText()).not.toContain("secret moderator note");
    await b.waitForURL(/\/channels\/me$/);
    await shot(b, "kicked-notice-desktop");
    await b.getByTestId("removed-notice-ok").click();
    await notice.and(b.locator("[open]")).waitFor({ state: "detached" });

    // The home screen: the people list (Ann, from the conversation), the DMs and settings.
    await b.getByTestId("friends-tab-all").click();
    await b.getByTestId("friend-row").filter({ hasText: ann.name }).waitFor();
    await b.getByTestId("no-servers-card").waitFor();
    await shot(b, "home-after-kick-desktop");
    await b.getByTestId("dm-link").filter({ hasText: ann.name }).click();
    await b.waitForURL(new RegExp(`/channels/me/${dm.body.id}$`));
    await b.getByTestId("message").filter({ hasText: "hello Ann" }).waitFor();
    await b.getByTestId("user-settings-open").click();
    await b.getByTestId("user-settings").waitFor();
    await shot(b, "user-settings-after-kick-desktop");
    await b.keyboard.press("Escape");

    // Ann's people list: Ben (a conversation), online first; Message opens the conversation.
    await a.goto("/channels/me");
    await a.getByTestId("friends-tab-all").click();
    const benRow = a.getByTestId("friend-row").filter({ hasText: ben.name });
    await benRow.waitFor();
    await a.getByTestId("friends-search").fill(ben.name.slice(0, 5));
    await shot(a, "friends-view-desktop");
    await benRow.getByTestId("friend-message").click();
    await a.waitForURL(new RegExp(`/channels/me/${dm.body.id}$`));

    // Cy, on a phone, is banned while looking at the server.
    const c = await session.openPhonePage(server.baseUrl);
    await c.goto(`/invite/${invite}`);
    await c.getByTestId("invite-sign-up").click();
    await c.waitForURL(/\/sign-up\?next=/);
    await fillSignUp(c, cy);
    await c.waitForURL(/\/invite\//);
    await c.getByTestId("join-server").click();
    await c.waitForURL(/\/channels\/\d+\/\d+$/);
    const cyId = (await api<{ id: string }>(c, "GET", "/users/@me")).body.id;
    expect((await api(a, "PUT", `/servers/${serverId}/bans/${cyId}`, { reason: "spam" })).status).toBe(204);
    const phoneNotice = c.getByTestId("removed-notice");
    await phoneNotice.and(c.locator("[open]")).waitFor();
    expect(await phoneNotice.innerText()).toContain("You were banned from Giga Club");
    await c.waitForURL(/\/channels\/me$/);
    await shot(c, "banned-notice-phone");
    await c.getByTestId("removed-notice-ok").click();
    await shot(c, "home-after-ban-phone");
    // On a phone the home screen opens on its drawer; Friends shows the people list.
    await c.getByTestId("friends-link").tap();
    await c.getByTestId("no-servers-card").waitFor();
    await shot(c, "friends-view-phone");

    // Signing in again with no server lands on the home screen too, not a dead end.
    const again = await session.openPage(server.baseUrl);
    await signIn(again, cy);
    await again.waitForURL(/\/channels\/me$/);
    await again.getByTestId("friends-view").waitFor();
  });
});
