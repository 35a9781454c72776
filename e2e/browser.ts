/**
 * The one way E2E tests start Chromium: Debian's build (or CHROME_PATH), headless, with
 * the flags that keep it off the network, and a clear failure when it is not installed.
 */
import { existsSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { type Browser, type BrowserContext, type Page, chromium } from "playwright-core";

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

/**
 * Fake camera, microphone and screen, granted without a prompt (voice and video tests);
 * 10 frames a second so several people's encoders and decoders fit on two cores.
 */
export const fakeMediaArgs = ["--use-fake-device-for-media-stream=fps=10", "--use-fake-ui-for-media-stream"];

export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  const executablePath = process.env.CHROME_PATH ?? "/usr/bin/chromium";
  if (!existsSync(executablePath)) {
    throw new Error(`Chromium was not found at ${executablePath}: install it (apt-get install chromium) or set CHROME_PATH.`);
  }
  return chromium.launch({ executablePath, args: [...args, ...extraArgs] });
}

/** A browser for one test file: pages in their own contexts, page errors collected. */
export class BrowserSession {
  readonly pageErrors: string[] = [];
  private readonly contexts: BrowserContext[] = [];
  private constructor(private readonly browser: Browser) {}

  static async start(): Promise<BrowserSession> {
    return new BrowserSession(await launchChromium());
  }

  /** A fresh person's window: its own cookies, a desktop viewport. */
  async openPage(baseURL: string): Promise<Page> {
    const context = await this.browser.newContext({ baseURL, viewport: { width: 1280, height: 760 } });
    this.contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(uiTimeout);
    page.on("pageerror", (error) => this.pageErrors.push(`${error.name}: ${error.message}`));
    return page;
  }

  /** A fresh person's phone: 390 × 844 at 2× with touch, as a mid-size phone reports itself. */
  async openPhonePage(baseURL: string): Promise<Page> {
    const context = await this.browser.newContext({
      baseURL,
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      hasTouch: true,
      isMobile: true,
    });
    this.contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(uiTimeout);
    page.on("pageerror", (error) => this.pageErrors.push(`${error.name}: ${error.message}`));
    return page;
  }

  async close(): Promise<void> {
    for (const context of this.contexts) await context.close().catch(() => undefined);
    await this.browser.close();
  }
}

export type Person = ReturnType<typeof person>;

export function person(label: string) {
  const id = randomUUID().slice(0, 8);
  return { name: `${label} ${id}`, email: `${label.toLowerCase()}-${id}@example.test`, password: `pw-${randomUUID()}` };
}

export async function fillSignUp(page: Page, who: Person): Promise<void> {
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Display name").fill(who.name);
  await page.getByLabel("Password").fill(who.password);
  await page.getByTestId("sign-up-submit").click();
}

/** Signs a new person up and has them create a server; returns its invite link, read from the UI. */
export async function ownerWithInvite(page: Page, who: Person, serverName: string): Promise<string> {
  await page.goto("/sign-up");
  await fillSignUp(page, who);
  await page.getByTestId("server-name").fill(serverName);
  await page.getByTestId("create-server-submit").click();
  await page.waitForURL(/\/channels\/\d+\/\d+$/);
  await page.getByTestId("server-header").click();
  await page.getByTestId("menu-invite").click();
  const inviteLink = page.getByTestId("invite-link");
  await inviteLink.filter({ hasText: "/invite/" }).waitFor();
  const link = (await inviteLink.textContent())!.trim();
  await page.keyboard.press("Escape");
  return link;
}

/** Opens an invite signed out, signs up from it, and joins the server. */
export async function joinThroughInvite(page: Page, link: string, who: Person): Promise<void> {
  await page.goto(link);
  await page.getByTestId("invite-sign-up").click();
  await page.waitForURL(/\/sign-up\?next=/);
  await fillSignUp(page, who);
  await page.waitForURL(/\/invite\//);
  await page.getByTestId("join-server").click();
  await page.waitForURL(/\/channels\/\d+\/\d+$/);
  await page.getByTestId("composer").waitFor();
}
