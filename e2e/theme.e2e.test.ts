/**
 * Appearance follows the account: one person signed in on two devices changes the theme
 * in User Settings → Appearance on one, and the other's open tab follows without a reload.
 * A fresh load of a light account is light in the server's HTML itself (no flash), and
 * compact message display puts the name and the text on one line.
 */
import path from "node:path";
import { randomUUID } from "node:crypto";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { setTheme } from "./appearance";
import { fillSignUp, person, uiTimeout } from "./browser";
import { e2eFixture } from "./fixture";

const e2e = e2eFixture();

const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

/** The top of the author's name and of the text of the last message. */
async function authorAndText(page: Page) {
  const message = page.getByTestId("message").last();
  const author = await message.getByTestId("message-author").boundingBox();
  const content = await message.getByTestId("message-content").boundingBox();
  if (!author || !content) throw new Error("the message is not on screen");
  return { author, content };
}

describe("appearance on every device", () => {
  it("a theme change on one device reaches the other at once; the server renders it; compact changes the layout", async () => {
    const ada = person("Ada");
    const first = await e2e.session.openPage(e2e.server.baseUrl);
    await first.goto("/sign-up");
    await fillSignUp(first, ada);
    await first.getByTestId("create-server-submit").click();
    await first.getByTestId("composer").waitFor();
    expect(await first.locator("html").getAttribute("data-theme")).toBe("dark");

    const second = await e2e.session.openPage(e2e.server.baseUrl);
    await second.goto("/sign-in");
    await second.getByLabel("Email").fill(ada.email);
    await second.getByLabel("Password").fill(ada.password);
    await second.getByTestId("sign-in-submit").click();
    await second.getByTestId("composer").waitFor();
    const darkBackground = await background(second);

    // Device one: User Settings → Appearance → Light.
    await first.getByTestId("user-settings-open").click();
    await first.getByTestId("settings-tab-appearance").click();
    await first.locator("label", { has: first.getByTestId("theme-light") }).click();
    await first.locator('html[data-theme="light"]').waitFor({ state: "attached" });
    await first.screenshot({ path: path.join(e2e.resultsDir, "theme-appearance-light.png") });

    // Device two follows, without a reload.
    const navigations: string[] = [];
    second.on("framenavigated", (frame) => navigations.push(frame.url()));
    await second.locator('html[data-theme="light"]').waitFor({ state: "attached" });
    await expect.poll(() => background(second), { timeout: uiTimeout }).toBe("rgb(255, 255, 255)");
    expect(darkBackground).not.toBe("rgb(255, 255, 255)");
    expect(navigations).toEqual([]);

    // A fresh load of either device is light in the HTML the server sends: nothing to flash.
    for (const page of [first, second]) {
      const cookies = await page.context().cookies();
      expect(cookies.find((c) => c.name === "gc_appearance")?.value).toBe("light.cozy.16");
      const html = await fetch(`${e2e.server.baseUrl}/channels/me`, {
        headers: { cookie: cookies.map((c) => `${c.name}=${c.value}`).join("; ") },
      }).then((r) => r.text());
      expect(html).toMatch(/<html[^>]*data-theme="light"/);
      expect(html).toMatch(/<meta name="theme-color" content="#e3e5e8"/);
    }

    // Compact: the name and the text share one line, and avatars go.
    await first.getByTestId("settings-close").click();
    const text = `compact check ${randomUUID().slice(0, 6)}`;
    await first.getByTestId("composer").fill(text);
    await first.getByTestId("composer").press("Enter");
    await first.getByTestId("message").filter({ hasText: text }).and(first.locator('[data-status="sent"]')).waitFor();
    const cozy = await authorAndText(first);
    expect(cozy.content.y).toBeGreaterThan(cozy.author.y + cozy.author.height / 2);
    await first.getByTestId("user-settings-open").click();
    await first.getByTestId("settings-tab-appearance").click();
    await first.locator("label", { has: first.getByTestId("display-compact") }).click();
    await first.locator('html[data-density="compact"]').waitFor({ state: "attached" });
    await first.getByTestId("settings-close").click();
    await second.locator('html[data-density="compact"]').waitFor({ state: "attached" });
    const compact = await authorAndText(first);
    expect(Math.abs(compact.content.y - compact.author.y)).toBeLessThan(compact.author.height / 2);
    expect(await first.getByTestId("message-avatar").last().isVisible()).toBe(false);
    await first.screenshot({ path: path.join(e2e.resultsDir, "theme-compact-light.png") });

    // Font size scales the chat text.
    const contentSize = () =>
      first.getByTestId("message-content").last().evaluate((el) => getComputedStyle(el).fontSize);
    expect(await contentSize()).toBe("16px");
    await first.getByTestId("user-settings-open").click();
    await first.getByTestId("settings-tab-appearance").click();
    await first.getByTestId("font-size").selectOption("20");
    await first.getByTestId("settings-close").click();
    await expect.poll(contentSize, { timeout: uiTimeout }).toBe("20px");

    // "Sync with computer" follows the operating system's scheme.
    await setTheme(second, "system");
    await second.emulateMedia({ colorScheme: "light" });
    await expect.poll(() => background(second), { timeout: uiTimeout }).toBe("rgb(255, 255, 255)");
    await second.emulateMedia({ colorScheme: "dark" });
    await expect.poll(() => background(second), { timeout: uiTimeout }).toBe(darkBackground);

    // The helper other tests use: back to dark, seen on both.
    await setTheme(second, "dark");
    await first.locator('html[data-theme="dark"]').waitFor({ state: "attached" });
    expect(e2e.session.pageErrors).toEqual([]);
  });
});
