/**
 * Emoji on a machine without a colour-emoji font (this one: Chromium draws an emoji
 * character as an empty box): messages, reactions, the pickers and the `:shortcode:`
 * autocomplete show the bundled Twemoji images, really loaded (naturalWidth > 0), with
 * the character kept as each image's alt. Screenshots on a desktop and a phone go to
 * test-results/emoji-*.png.
 */
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import type { Locator, Page } from "playwright-core";
import { describe, expect, it, onTestFailed } from "vitest";
import { fillSignUp, person } from "./browser";
import { e2eFixture } from "./fixture";

const world = e2eFixture();

function message(page: Page, text: string): Locator {
  return page.getByTestId("message").filter({ has: page.getByTestId("message-content").filter({ hasText: text }) });
}

/** The picker's first section (recent emoji, or people). */
function firstSection(picker: Locator): Locator {
  return picker.locator('[role="listbox"] > [role="group"]').first();
}

/** Every image the locator finds has loaded and has pixels; how many there are. */
async function loadedImages(images: Locator): Promise<{ count: number; loaded: number }> {
  return images.evaluateAll((list) => ({
    count: list.length,
    loaded: list.filter((img) => img instanceof HTMLImageElement && img.complete && img.naturalWidth > 0).length,
  }));
}

async function expectAllLoaded(images: Locator, atLeast = 1): Promise<void> {
  await expect
    .poll(async () => {
      const { count, loaded } = await loadedImages(images);
      return count >= atLeast && loaded === count;
    })
    .toBe(true);
}

/** axe-core on one part of the page: its serious and critical violations, by rule. */
async function axeFindings(page: Page, selector: string): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) {
    await page.evaluate(await readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8"));
  }
  return page.evaluate(async (include) => {
    type Result = { violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> };
    const axe = (window as unknown as { axe: { run: (ctx: object, opts: object) => Promise<Result> } }).axe;
    const results = await axe.run({ include: [include] }, { resultTypes: ["violations"] });
    return results.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
  }, selector);
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(world.resultsDir, `emoji-${name}.png`) });
}

async function signUpWithServer(page: Page, serverName: string): Promise<void> {
  await page.goto("/sign-up");
  await fillSignUp(page, person("Emma"));
  await page.waitForURL(/\/channels\/me$/);
  // A phone's home screen opens on its drawer; Friends shows the page with the first-server card.
  if ((page.viewportSize()?.width ?? 1280) < 768) await page.getByTestId("friends-link").click();
  await page.getByTestId("server-name").fill(serverName);
  await page.getByTestId("create-server-submit").click();
  await page.waitForURL(/\/channels\/\d+\/\d+$/);
  await page.getByTestId("composer").waitFor();
}

describe("emoji", () => {
  it("are images everywhere, not empty boxes, with the character kept for copy and screen readers", async () => {
    const page = await world.session.openPage(world.server.baseUrl);
    await page.setViewportSize({ width: 1280, height: 800 });
    onTestFailed(() => shot(page, "failed").catch(() => undefined));
    await signUpWithServer(page, "Emoji Guild");

    // The premise here and on CI: this browser has no font with colour emoji, so a character
    // alone would be a box. (Where a machine has one, the loaded images below still prove it;
    // EMOJI_FONT_PRESENT=1 says so instead of failing.)
    const colouredPixels = await page.evaluate(() => {
      const canvas = document.createElement("canvas");
      canvas.width = canvas.height = 40;
      const ctx = canvas.getContext("2d")!;
      ctx.font = "32px sans-serif";
      ctx.fillText("😀", 2, 34);
      const data = ctx.getImageData(0, 0, 40, 40).data;
      let coloured = 0;
      for (let i = 0; i < data.length; i += 4) if (Math.abs(data[i]! - data[i + 2]!) > 40 && data[i + 3]! > 0) coloured++;
      return coloured;
    });
    if (process.env.EMOJI_FONT_PRESENT !== "1") expect(colouredPixels, "this machine has a colour emoji font (set EMOJI_FONT_PRESENT=1)").toBe(0);

    // A message: each emoji an image that loaded, its alt the character; the text stays text.
    const tag = randomUUID().slice(0, 6);
    const composer = page.getByTestId("composer");
    await composer.click();
    await composer.fill(`launch ${tag} 🚀 with 👩‍💻 and 🇫🇷, done ✅`);
    await composer.press("Enter");
    const sent = message(page, `launch ${tag}`).getByTestId("message-content");
    await sent.waitFor();
    const images = sent.locator("img[data-emoji]");
    await expectAllLoaded(images, 4);
    expect(await images.evaluateAll((list) => list.map((img) => (img as HTMLImageElement).alt))).toEqual(["🚀", "👩‍💻", "🇫🇷", "✅"]);
    expect(await images.first().getAttribute("src")).toBe("/emoji/1f680.svg");
    // The image is as tall as a line of text, not a 0×0 hole.
    const box = (await images.first().boundingBox())!;
    expect(box.height).toBeGreaterThan(16);

    // An emoji newer than the image set stays the character (no broken image).
    await composer.fill(`newer ${tag} 🫩 face`);
    await composer.press("Enter");
    const newer = message(page, `newer ${tag}`).getByTestId("message-content");
    await newer.waitFor();
    await expect.poll(() => newer.locator("img").count()).toBe(0);
    expect(await newer.innerText()).toContain("🫩");

    // Emoji alone are drawn large (jumbo), as Discord does.
    await composer.fill("🎉🎉");
    await composer.press("Enter");
    const jumbo = page.locator('[data-testid="message-content"][data-jumbo] img[data-emoji="🎉"]');
    await jumbo.first().waitFor();
    await expectAllLoaded(jumbo, 2);
    expect((await jumbo.first().boundingBox())!.height).toBe(48);

    // `:smile` offers 😄 with its image; Enter inserts it.
    await composer.fill("");
    await composer.pressSequentially("hi :smile");
    const suggestions = page.getByTestId("emoji-autocomplete");
    await suggestions.waitFor();
    const first = page.getByTestId("emoji-suggestion").first();
    expect(await first.getAttribute("data-emoji")).toBe("😄");
    expect(await first.getAttribute("aria-selected")).toBe("true");
    await expectAllLoaded(suggestions.locator("img"), 3);
    await shot(page, "autocomplete-desktop");
    expect(await axeFindings(page, '[data-testid="emoji-autocomplete"]')).toEqual([]);
    await composer.press("Enter");
    await suggestions.waitFor({ state: "detached" });
    expect(await composer.inputValue()).toBe("hi 😄 ");

    // Arrows choose, Tab inserts.
    await composer.pressSequentially(":smile");
    await page.getByTestId("emoji-suggestion").first().waitFor();
    const second = await page.getByTestId("emoji-suggestion").nth(1).getAttribute("data-emoji");
    await composer.press("ArrowDown");
    await composer.press("Tab");
    expect(await composer.inputValue()).toBe(`hi 😄 ${second} `);

    // A click inserts; Escape closes without inserting.
    await composer.pressSequentially(":tada");
    await page.locator('[data-testid="emoji-suggestion"][data-emoji="🎉"]').click();
    expect(await composer.inputValue()).toBe(`hi 😄 ${second} 🎉 `);
    await composer.pressSequentially(":rocket");
    await suggestions.waitFor();
    await composer.press("Escape");
    await suggestions.waitFor({ state: "detached" });
    expect(await composer.inputValue()).toBe(`hi 😄 ${second} 🎉 :rocket`);
    // A finished :name: becomes the emoji as the closing colon is typed.
    await composer.pressSequentially(": :joy:");
    expect(await composer.inputValue()).toBe(`hi 😄 ${second} 🎉 🚀 😂`);
    // A time is not a shortcode.
    await composer.fill("");
    await composer.pressSequentially("at 12:30");
    await page.waitForTimeout(300);
    expect(await suggestions.count()).toBe(0);

    // The composer's emoji button: the picker, as images, and its choice goes in at the caret.
    await composer.fill("before  after");
    await composer.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(7, 7));
    await page.getByTestId("composer-emoji").click();
    const picker = page.getByTestId("emoji-picker");
    await picker.waitFor();
    await expect.poll(() => page.getByTestId("emoji-option").count()).toBeGreaterThan(1500);
    // What is in view has loaded; the rest waits until scrolled to.
    const visible = picker.locator('[role="group"][aria-label="People"] [data-testid="emoji-option"]:nth-child(-n+18) img');
    await expectAllLoaded(visible, 18);
    await shot(page, "picker-desktop");
    // Lazy images: opening the picker does not fetch the whole set of 1,870.
    const fetched = await page.evaluate(() => performance.getEntriesByType("resource").filter((e) => e.name.includes("/emoji/")).length);
    expect(fetched).toBeLessThan(600);
    const categories = await page.getByTestId("emoji-category").evaluateAll((list) => list.map((b) => (b as HTMLElement).dataset.category));
    expect(categories).toEqual(["recent", "people", "nature", "food", "activities", "travel", "objects", "symbols", "flags"]);
    await page.locator('[data-testid="emoji-category"][data-category="flags"]').click();
    await expect.poll(() => picker.locator('[data-emoji="🇫🇷"] img').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    await expect.poll(() => page.locator('[data-testid="emoji-category"][aria-current="true"]').getAttribute("data-category")).toBe("flags");
    await shot(page, "picker-flags-desktop");
    await page.getByTestId("emoji-search").fill("rocket");
    await expect.poll(() => page.getByTestId("emoji-option").first().getAttribute("data-emoji")).toBe("🚀");
    await page.getByTestId("emoji-search").press("Enter");
    await picker.waitFor({ state: "detached" });
    expect(await composer.inputValue()).toBe("before 🚀 after");
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("composer");
    await composer.fill("");

    // A reaction from the message's picker: the picker shows images, the reaction too.
    const target = message(page, `launch ${tag}`);
    await target.hover();
    await target.getByTestId("action-react").click();
    await picker.waitFor();
    // The rocket picked a moment ago leads the recent emoji.
    await expect.poll(() => page.getByTestId("emoji-option").first().getAttribute("data-emoji")).toBe("🚀");
    expect(await page.locator('[data-testid="emoji-category"]').first().getAttribute("data-category")).toBe("recent");
    await expectAllLoaded(firstSection(picker).locator('[data-testid="emoji-option"]:nth-child(-n+9) img'), 1);
    await page.getByTestId("emoji-search").fill("thumbsup");
    await expect.poll(() => page.getByTestId("emoji-option").first().getAttribute("data-emoji")).toBe("👍");
    await page.getByTestId("emoji-option").first().click();
    const reaction = target.locator('[data-testid="reaction"][data-emoji="👍"]');
    await reaction.waitFor();
    await expectAllLoaded(reaction.locator("img"), 1);
    expect(await reaction.locator("img").getAttribute("alt")).toBe("👍");
    await target.hover();
    await shot(page, "messages-desktop");

    // The edit box has the same help: `:sp` offers, a finished `:tada:` converts.
    await target.getByTestId("action-edit").click();
    const editor = page.getByTestId("message-editor");
    await editor.waitFor();
    await editor.press("End");
    await editor.pressSequentially(" :sparkles");
    await page.getByTestId("emoji-suggestion").first().waitFor();
    expect(await page.getByTestId("emoji-suggestion").first().getAttribute("data-emoji")).toBe("✨");
    await editor.press("Enter");
    await editor.pressSequentially(":tada:");
    await expect.poll(() => editor.inputValue()).toMatch(/✨ 🎉$/);
    await editor.press("Enter");
    await editor.waitFor({ state: "detached" });
    await expectAllLoaded(target.getByTestId("message-content").locator('img[data-emoji="✨"], img[data-emoji="🎉"]'), 2);
  });

  it("fits a phone: the picker and the suggestions inside the screen, with images", async () => {
    const page = await world.session.openPhonePage(world.server.baseUrl);
    onTestFailed(() => shot(page, "phone-failed").catch(() => undefined));
    await signUpWithServer(page, "Emoji Phone Guild");
    const composer = page.getByTestId("composer");
    await composer.fill("hello 👋🏽 from the phone 📱");
    await composer.press("Enter");
    await expectAllLoaded(message(page, "from the phone").locator("img[data-emoji]"), 2);

    await composer.pressSequentially(":hea");
    await page.getByTestId("emoji-autocomplete").waitFor();
    await expectAllLoaded(page.getByTestId("emoji-autocomplete").locator("img"), 3);
    await shot(page, "autocomplete-phone");
    await composer.fill("");

    await page.getByTestId("composer-emoji").click();
    const picker = page.getByTestId("emoji-picker");
    await picker.waitFor();
    await expectAllLoaded(firstSection(picker).locator('[data-testid="emoji-option"]:nth-child(-n+9) img'), 9);
    const box = (await picker.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(844);
    // A skin tone applies to the emoji that take one.
    await page.getByTestId("emoji-tone").click();
    await page.getByRole("button", { name: "Medium", exact: true }).click();
    await page.getByTestId("emoji-search").fill("wave");
    await expect.poll(() => page.getByTestId("emoji-option").first().getAttribute("data-emoji")).toBe("👋🏽");
    await page.getByTestId("emoji-search").fill("");
    await shot(page, "picker-phone");
    expect(await axeFindings(page, '[data-testid="emoji-picker"]')).toEqual([]);
    await page.getByTestId("emoji-option").first().click();
    expect(await composer.inputValue()).not.toBe("");
  });
});
