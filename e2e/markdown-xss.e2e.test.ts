/**
 * The markdown renderer in a real browser. One person sends a showcase of every
 * construct and a corpus of known XSS payloads through the API, then opens each channel
 * in Chromium. Proof that no script ran: wrapped alert/confirm/prompt and `window.__xss`
 * stay untouched, no dialog opens, nothing is requested from another host, no console
 * message mentions xss, and the DOM holds no executable or embedding element, no on*
 * attribute and no link to a scheme other than http, https or mailto.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { xssPayloads } from "./fixtures/xss-payloads";
import { sharedServer } from "./fixture";
import type { RunningServer } from "./server";
import { launchChromium, uiTimeout } from "./browser";

/** Payloads per channel: a screenful, so each page load draws them all at once. */
const perChannel = 15;

const showcase = [
  "**bold** *italic* __underline__ ~~strike~~ `inline code` ||a spoiler|| https://example.com and [a masked link](https://example.com/docs)",
  "```ts\n// typed greeting\nconst greet = (name: string): string => `hi ${name}`;\nexport default greet(\"world\", 42);\n```",
  "> a quoted line\n> and **another**\nback to normal",
  ">>> everything from here\nis quoted, even code:\n```sql\nSELECT id, name FROM users WHERE id = 42; -- one row\n```",
  "```python\ndef double(x):\n    return x * 2  # twice\n```\n```json\n{\"ok\": true, \"n\": 1.5}\n```",
  "# A heading\n## A smaller one\n### The smallest\n-# and some subtext",
  "- a bullet\n  - nested under it\n- another\n1. first\n2. second",
];

/** Mentions of a person, a role no one can see, the channel itself and everyone: pills, never markup. */
const mentionShowcase = (channelId: string) => `Hi <@nobody_here>, <@&12345> and @everyone, see <#${channelId}>`;

/** Runs before any page script: every way a payload could announce itself is counted. */
function installTraps(): void {
  const w = window as unknown as Record<string, unknown>;
  w.__xss = 0;
  const hit = () => {
    w.__xss = Number(w.__xss) + 1;
    return null;
  };
  for (const name of ["alert", "confirm", "prompt", "print"]) w[name] = hit;
}

/** Everything in the rendered message list that would mean markup got through. */
function inspectDom() {
  const contents = [...document.querySelectorAll('[data-testid="message-content"]')];
  const forbidden = "script,iframe,frame,object,embed,svg,math,img,video,audio,source,form,input,button,select,textarea,base,meta,link,style,template,details,marquee,noscript";
  const inMessages = contents.flatMap((c) => [...c.querySelectorAll(forbidden)]).map((e) => e.outerHTML.slice(0, 120));
  const styled = contents.flatMap((c) => [...c.querySelectorAll("[style]")]).map((e) => e.outerHTML.slice(0, 120));
  const handlers = [...document.querySelectorAll("*")].flatMap((e) =>
    [...e.attributes].filter((a) => a.name.toLowerCase().startsWith("on")).map((a) => `${e.tagName} ${a.name}`),
  );
  const frames = [...document.querySelectorAll("iframe,frame,object,embed")].map((e) => e.tagName);
  const foreignSvgs = [...document.querySelectorAll("svg")].filter((s) => !s.classList.contains("lucide")).map((s) => s.outerHTML.slice(0, 80));
  const links = contents.flatMap((c) => [...c.querySelectorAll("a")]).map((a) => ({
    href: a.getAttribute("href") ?? "",
    rel: a.getAttribute("rel") ?? "",
    target: a.getAttribute("target") ?? "",
  }));
  return { count: contents.length, inMessages, styled, handlers, frames, foreignSvgs, links, xss: (window as unknown as { __xss: number }).__xss };
}

let server: RunningServer | undefined;
let browser: Browser | undefined;
let context: BrowserContext | undefined;
let page: Page;
let serverId = "";
const dialogs: string[] = [];
const foreignRequests: string[] = [];
const consoleMessages: string[] = [];
const pageErrors: string[] = [];

async function createChannel(name: string): Promise<string> {
  const response = await page.request.post(`/api/v1/servers/${serverId}/channels`, { data: { name, type: "text" } });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

/** Control characters other than line feeds and tabs: the input gate refuses such a message. */
const refusedByGate = /[^\P{Cc}\n\t]/u;

/** Sends every payload; those the input gate refuses must be refused with 400. Returns how many were stored. */
async function sendAll(channelId: string, contents: string[]): Promise<number> {
  let stored = 0;
  for (const content of contents) {
    for (let attempt = 0; ; attempt++) {
      const response = await page.request.post(`/api/v1/channels/${channelId}/messages`, { data: { content, nonce: randomUUID() } });
      if (refusedByGate.test(content)) {
        expect(response.status(), `${JSON.stringify(content)}: ${await response.text()}`).toBe(400);
        break;
      }
      if (response.status() === 429 && attempt < 5) {
        const body = (await response.json()) as { error?: { details?: { retryAfterMs?: number } } };
        await new Promise((resolve) => setTimeout(resolve, (body.error?.details?.retryAfterMs ?? 1000) + 50));
        continue;
      }
      expect(response.status(), `${JSON.stringify(content)}: ${await response.text()}`).toBe(201);
      stored++;
      break;
    }
  }
  return stored;
}

async function openChannel(channelId: string, expected: number): Promise<void> {
  await page.goto(`/channels/${serverId}/${channelId}`);
  const sent = page.locator('[data-testid="message"][data-pending="false"]');
  await expect.poll(() => sent.count(), { timeout: uiTimeout }).toBe(expected);
  // Give late handlers (image errors, autofocus, animations) their chance to fire.
  await page.waitForTimeout(300);
}

/** One report of everything that would mean a payload got through, so a failure shows all of it at once. */
async function expectClean(label: string): Promise<void> {
  const dom = await page.evaluate(inspectDom);
  const badLinks = dom.links.filter(
    (link) =>
      !/^(https?:\/\/|mailto:)/.test(link.href) ||
      link.target !== "_blank" ||
      !["noopener", "noreferrer"].every((word) => link.rel.split(" ").includes(word)),
  );
  const report = {
    trapsFired: dom.xss,
    dialogs,
    foreignRequests,
    xssConsole: consoleMessages.filter((message) => /xss/i.test(message)),
    pageErrors,
    markupInMessages: dom.inMessages,
    inlineStyles: dom.styled,
    handlerAttributes: dom.handlers,
    framesOrPlugins: dom.frames,
    foreignSvgs: dom.foreignSvgs,
    badLinks,
  };
  const clean = { ...Object.fromEntries(Object.keys(report).map((key) => [key, []])), trapsFired: 0 };
  expect(report, label).toEqual(clean);
}

/** Reveals spoilers and clicks every link with navigation prevented, recording where each would go. */
async function interactWithEverything(): Promise<string[]> {
  await page.evaluate(() => {
    document.addEventListener("click", (event) => event.preventDefault(), { capture: true });
  });
  for (const content of await page.getByTestId("message-content").all()) await content.hover();
  // Dispatched rather than clicked at a point, so a hover toolbar over a message cannot steal the click;
  // an anchor still runs its activation behaviour (which would execute a javascript: URL) on such a click.
  const spoilers = page.locator('[data-md="spoiler"][data-revealed="false"]');
  while ((await spoilers.count()) > 0) await spoilers.first().dispatchEvent("click");
  const links = await page.locator('[data-testid="message-content"] a').all();
  for (const link of links) await link.dispatchEvent("click");
  return Promise.all(links.map((link) => link.evaluate((a) => (a as HTMLAnchorElement).href)));
}

beforeAll(async () => {
  // The run's shared server, whose send limit is roomy: the corpus goes out in bulk.
  server = sharedServer();
  const baseUrl = server.baseUrl;
  browser = await launchChromium();
  context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 900 } });
  await context.addInitScript(installTraps);
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(baseUrl)) return route.continue();
    foreignRequests.push(url);
    return route.abort();
  });
  page = await context.newPage();
  page.setDefaultTimeout(uiTimeout);
  page.on("dialog", (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on("console", (message) => consoleMessages.push(`${message.type()}: ${message.text()}`));
  page.on("pageerror", (error) => pageErrors.push(`${error.name}: ${error.message}`));

  const id = randomUUID().slice(0, 8);
  await page.goto("/sign-up");
  await page.getByLabel("Email").fill(`mallory-${id}@example.test`);
  await page.getByLabel("Display name").fill(`Mallory ${id}`);
  await page.getByLabel("Password").fill(`pw-${randomUUID()}`);
  await page.getByTestId("sign-up-submit").click();
  await page.getByTestId("server-name").fill("Markdown Lab");
  await page.getByTestId("create-server-submit").click();
  await page.waitForURL(/\/channels\/\d+\/\d+$/);
  serverId = new URL(page.url()).pathname.split("/")[2] ?? "";
}, 120_000);

afterAll(async () => {
  await context?.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
}, 60_000);

describe("markdown in the browser", () => {
  it("renders every construct, with spoilers that reveal by click and keyboard", async () => {
    const channelId = await createChannel("showcase");
    await sendAll(channelId, [...showcase, mentionShowcase(channelId)]);
    await openChannel(channelId, showcase.length + 1);
    // Messages must go through the markdown renderer, not plain text.
    expect(await page.locator('[data-testid="message-content"] [data-md]').count()).toBeGreaterThan(0);

    const first = page.getByTestId("message-content").first();
    expect(await first.locator("strong").innerText()).toBe("bold");
    expect(await first.locator("em").innerText()).toBe("italic");
    expect(await first.locator("u").innerText()).toBe("underline");
    expect(await first.locator("s").innerText()).toBe("strike");
    expect(await first.locator('code[data-md="code"]').innerText()).toBe("inline code");
    const masked = first.locator("a", { hasText: "a masked link" });
    expect(await masked.getAttribute("title")).toBe("https://example.com/docs");
    expect(await masked.getAttribute("rel")).toBe("noopener noreferrer nofollow");
    expect(await page.locator('[data-md="code-block"]').count()).toBe(4);
    expect(await page.locator('[data-md="code-block"][data-language="ts"] .italic').first().innerText()).toBe("// typed greeting");
    expect(await page.locator('[data-md="quote"]').count()).toBe(2);
    expect(await page.locator('[data-md="heading"]').allInnerTexts()).toEqual(["A heading", "A smaller one", "The smallest"]);
    expect(await page.locator('[data-md="subtext"]').innerText()).toBe("and some subtext");
    expect(await page.locator('[data-testid="message-content"] > ul[data-md="list"] > li').count()).toBe(2);
    expect(await page.locator('ul[data-md="list"] ul > li').innerText()).toBe("nested under it");
    expect(await page.locator('ol[data-md="list"] > li').allInnerTexts()).toEqual(["first", "second"]);
    expect(await page.locator('[data-md="mention"]').allInnerTexts()).toEqual(["@Unknown User", "@deleted-role", "@everyone", "#showcase"]);

    const resultsDir = path.join(process.cwd(), "test-results");
    await mkdir(resultsDir, { recursive: true });
    await page.screenshot({ path: path.join(process.env.SHOTS_DIR ?? resultsDir, "markdown.png") });

    const spoiler = first.locator('[data-md="spoiler"]');
    expect(await spoiler.getAttribute("role")).toBe("button");
    await spoiler.focus();
    await page.keyboard.press("Enter");
    await first.locator('[data-md="spoiler"][data-revealed="true"]').waitFor();
    expect(await first.locator('[data-md="spoiler"]').innerText()).toBe("a spoiler");
    await expectClean("showcase");
  });

  it(`runs none of the ${xssPayloads.length} XSS payloads`, async () => {
    expect(xssPayloads.length).toBeGreaterThanOrEqual(60);
    const clicked: string[] = [];
    for (let start = 0; start < xssPayloads.length; start += perChannel) {
      const batch = xssPayloads.slice(start, start + perChannel).map((payload) => payload.content);
      const channelId = await createChannel(`xss-${start / perChannel + 1}`);
      await openChannel(channelId, await sendAll(channelId, batch));
      const label = `payloads ${start + 1}-${start + batch.length}`;
      await expectClean(label);
      clicked.push(...(await interactWithEverything()));
      await expectClean(`${label} after clicks`);
    }
    expect(clicked.filter((href) => !/^(https?:\/\/|mailto:)/.test(href))).toEqual([]);
    // Some payloads are meant to produce links (to example.com); clicking them must not have navigated anywhere.
    expect(clicked.length).toBeGreaterThan(0);
    expect(new URL(page.url()).pathname).toMatch(/^\/channels\//);
  }, 600_000);
});
