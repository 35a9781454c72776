/**
 * The theme a test page shows.
 *
 * Stand-in: until the account's Appearance setting lands, this only sets `<html data-theme>`
 * in the open page, which is what the server renders from that setting and what the CSS
 * tokens in globals.css follow. It is to be replaced by the helper of the same signature
 * that changes the account's setting and waits for the page to follow it.
 */
import type { Page } from "playwright-core";

export type Theme = "dark" | "light" | "system";

export async function setTheme(page: Page, theme: Theme): Promise<void> {
  await page.evaluate((value) => {
    document.documentElement.dataset.theme = value;
  }, theme);
}
