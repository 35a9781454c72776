/**
 * The one way E2E tests start Chromium: Debian's build (or CHROME_PATH), headless, with
 * the flags that keep it off the network, and a clear failure when it is not installed.
 */
import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

export const uiTimeout = 20_000;

const args = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function launchChromium(): Promise<Browser> {
  const executablePath = process.env.CHROME_PATH ?? "/usr/bin/chromium";
  if (!existsSync(executablePath)) {
    throw new Error(`Chromium was not found at ${executablePath}: install it (apt-get install chromium) or set CHROME_PATH.`);
  }
  return chromium.launch({ executablePath, args });
}
