/**
 * Appearance for E2E tests: `setTheme` changes the theme of the page's account through
 * the API (or, signed out, this browser's cookie copy) and waits until the page shows it.
 */
import type { Page } from "playwright-core";
import { uiTimeout } from "./browser";

export type ThemeName = "dark" | "light" | "system";

/** The live event reaches a page with the app shell; other pages take the cookie on a reload. */
const liveWaitMs = 5_000;

export async function setTheme(page: Page, theme: ThemeName): Promise<void> {
  const status = await page.evaluate(async (value) => {
    const res = await fetch("/api/v1/users/@me/appearance", {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ theme: value }),
    });
    return res.status;
  }, theme);
  if (status === 401) {
    // Signed out (sign-in, sign-up, an invite): the device's own copy decides the page.
    await page.evaluate((value) => {
      document.cookie = `gc_appearance=${value}.cozy.16; path=/; max-age=31536000; samesite=lax`;
    }, theme);
  } else if (status !== 200) {
    throw new Error(`setTheme(${theme}): the server answered ${status}`);
  }
  const shown = page.locator(`html[data-theme="${theme}"]`);
  try {
    await shown.waitFor({ state: "attached", timeout: status === 200 ? liveWaitMs : 1 });
  } catch {
    await page.reload();
    await shown.waitFor({ state: "attached", timeout: uiTimeout });
  }
}
