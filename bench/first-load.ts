/**
 * The chat view's first load in Chromium, against the production build (`dist/server.mjs`
 * and `.next/`, run `npm run build` first) on a fresh data directory: one account, one
 * server, one text channel holding `BENCH_FIRST_LOAD_MESSAGES` (default 50) messages sent
 * through the API, then `/channels/<server>/<channel>` opened signed in. Measured:
 *
 * 1. the JavaScript the chat view loads (every script response until the network is idle
 *    after the first message is painted): number of scripts, bytes as files, bytes
 *    gzipped here at zlib level 6 (the figure "KB gzipped" means), and bytes as sent by
 *    the server with its own compression (the encoded body size the browser reports);
 * 2. the time from navigation start to the first message painted, cold (a new browser
 *    context: empty cache) and warm (the same context, reloaded), the median of
 *    `BENCH_FIRST_LOAD_RUNS` (default 5) runs each. "Painted" is measured in the page: a
 *    script added before the document's own (`addInitScript`) watches the DOM with a
 *    MutationObserver; when the first `[data-testid=message]` is in the document it waits
 *    for the next animation frame and a task after it (the frame that shows it has been
 *    produced) and records `performance.now()`, which counts from navigation start.
 *
 * Run: `npx tsx bench/first-load.ts` (or `npm run bench:first-load`).
 */
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { gzipSync } from "node:zlib";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchChromium } from "../e2e/browser";
import { type RunningServer, startServer } from "../e2e/server";
import type { Channel, Server } from "../src/shared/api";
import { TestClient } from "../src/server/testing/harness";

const MESSAGES = Number(process.env.BENCH_FIRST_LOAD_MESSAGES ?? 50);
const RUNS = Number(process.env.BENCH_FIRST_LOAD_RUNS ?? 5);
/** How many of the largest scripts to list. */
const LIST = Number(process.env.BENCH_FIRST_LOAD_LIST ?? 15);

async function until<T>(label: string, check: () => Promise<T | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const end = performance.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value) return value;
    if (performance.now() > end) throw new Error(`timed out waiting for ${label}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Runs in the page before its own scripts: records when the first message is painted. */
const paintProbe = `(() => {
  const found = () => document.querySelector('[data-testid="message"]');
  let done = false;
  const mark = () => {
    if (done || !found()) return false;
    done = true;
    requestAnimationFrame(() => setTimeout(() => { window.__firstMessagePaint = performance.now(); }, 0));
    return true;
  };
  const watch = () => {
    if (mark()) return;
    const observer = new MutationObserver(() => { if (mark()) observer.disconnect(); });
    observer.observe(document, { childList: true, subtree: true });
  };
  watch();
})();`;

interface Script {
  url: string;
  bytes: number;
  gzipped: number;
  /** Body bytes as they came over the wire (the server's own encoding). */
  sent: number;
}

async function firstPaint(page: Page): Promise<number> {
  return until(
    "the first message painted",
    () => page.evaluate(() => (window as unknown as { __firstMessagePaint?: number }).__firstMessagePaint),
    60_000,
  );
}

/** One navigation: the time to the first message painted, and the scripts it loaded. */
async function load(page: Page, go: () => Promise<unknown>): Promise<{ ms: number; scripts: Script[] }> {
  const pending: Promise<Script | undefined>[] = [];
  const onResponse = (response: import("playwright-core").Response) => {
    if (response.request().resourceType() !== "script") return;
    pending.push(
      (async () => {
        const body = await response.body().catch(() => undefined);
        if (!body) return undefined;
        const sizes = await response.request().sizes().catch(() => undefined);
        return {
          url: new URL(response.url()).pathname,
          bytes: body.length,
          gzipped: gzipSync(body, { level: 6 }).length,
          sent: sizes?.responseBodySize ?? body.length,
        };
      })(),
    );
  };
  page.on("response", onResponse);
  try {
    await go();
    const ms = await firstPaint(page);
    // Chunks asked for right after the first paint (idle prefetches, lazy parts the first screen uses) count too.
    await page.waitForLoadState("networkidle", { timeout: 30_000 }).catch(() => undefined);
    const scripts = (await Promise.all(pending)).filter((s): s is Script => s !== undefined);
    return { ms, scripts };
  } finally {
    page.off("response", onResponse);
  }
}

/** Transferred bytes of the scripts in the page's own resource timing (0 for the ones from the cache). */
async function transferred(page: Page): Promise<number> {
  return page.evaluate(() =>
    performance
      .getEntriesByType("resource")
      .filter((e) => (e as PerformanceResourceTiming).initiatorType === "script" || e.name.endsWith(".js"))
      .reduce((sum, e) => sum + (e as PerformanceResourceTiming).transferSize, 0),
  );
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

async function main(): Promise<void> {
  // The production build on a fresh data directory, as the E2E tests start it (its output
  // is printed if it fails to start; a build that is missing is named).
  const running: RunningServer = await startServer({ env: { SEND_BURST: String(MESSAGES + 10) } });
  const base = running.baseUrl;
  let browser: Browser | undefined;
  const stop = async () => {
    await browser?.close().catch(() => undefined);
    browser = undefined;
    await running.stop();
  };
  const interrupted = () => void stop().finally(() => process.exit(130));
  process.once("SIGINT", interrupted);
  process.once("SIGTERM", interrupted);
  try {
    const owner = new TestClient(base, { origin: base });
    await owner.signUp("Bench Owner");
    const guild = (await owner.post<Server>("/api/v1/servers", { name: "First load" })).body;
    const channel = (await owner.post<Channel>(`/api/v1/servers/${guild.id}/channels`, { name: "talk", type: "text" })).body;
    // Everyday chat: plain lines, some markdown, a link; no code blocks (they have their own cost).
    const lines = [
      "Morning everyone, who is around today?",
      "I pushed the **new layout** to the staging server, have a look when you can",
      "Looks good on my side; the sidebar feels _much_ lighter now",
      "Notes from the meeting are at https://example.com/notes",
      "Lunch at noon? 🍜",
    ];
    for (let i = 0; i < MESSAGES; i++) {
      const sent = await owner.post(`/api/v1/channels/${channel.id}/messages`, { content: `${lines[i % lines.length]} (${i + 1})` });
      if (sent.status !== 201) throw new Error(`sending message ${i + 1} failed: ${sent.status} ${JSON.stringify(sent.body)}`);
    }
    const url = `/channels/${guild.id}/${channel.id}`;
    const cookies = owner.cookie.split("; ").map((pair) => {
      const at = pair.indexOf("=");
      return { name: pair.slice(0, at), value: pair.slice(at + 1), url: base };
    });

    browser = await launchChromium();
    const open = async (): Promise<{ context: BrowserContext; page: Page }> => {
      const context = await browser!.newContext({ baseURL: base, viewport: { width: 1280, height: 760 } });
      await context.addCookies(cookies);
      await context.addInitScript({ content: paintProbe });
      const page = await context.newPage();
      page.setDefaultTimeout(60_000);
      return { context, page };
    };

    // One load first that is not counted: the server renders this route for the first time.
    {
      const { context, page } = await open();
      await load(page, () => page.goto(url));
      await context.close();
    }

    const cold: number[] = [];
    const warm: number[] = [];
    let scripts: Script[] = [];
    let sentCold = 0;
    let sentWarm = 0;
    for (let run = 0; run < RUNS; run++) {
      const { context, page } = await open();
      const first = await load(page, () => page.goto(url));
      cold.push(first.ms);
      if (run === 0) {
        scripts = first.scripts;
        sentCold = await transferred(page);
      }
      const again = await load(page, () => page.reload());
      warm.push(again.ms);
      if (run === 0) sentWarm = await transferred(page);
      await context.close();
    }

    const total = (field: keyof Omit<Script, "url">) => scripts.reduce((sum, s) => sum + s[field], 0);
    console.log(`\nChat view first load — production build, Chromium, a channel of ${MESSAGES} messages, 1280×760`);
    console.log(`Machine: load average ${loadavg().map((l) => l.toFixed(1)).join(", ")} (1, 5, 15 min) at the end of the run\n`);
    console.log("| JavaScript of the chat view | scripts | as files | gzipped (level 6) | sent by the server (body) |");
    console.log("|---|---:|---:|---:|---:|");
    console.log(`| cold load | ${scripts.length} | ${kb(total("bytes"))} | ${kb(total("gzipped"))} | ${kb(total("sent"))} |`);
    console.log(
      `\nScripts over the network (resource timing transferSize, headers included): cold ${kb(sentCold)}, warm reload ${kb(sentWarm)}.`,
    );
    console.log("Target: at most 200 KB gzipped.\n");
    const ms = (v: number) => `${v.toFixed(0)} ms`;
    console.log(`| navigation start → first message painted (${RUNS} runs) | median | min | max |`);
    console.log("|---|---:|---:|---:|");
    console.log(`| cold (new context, empty cache) | ${ms(median(cold))} | ${ms(Math.min(...cold))} | ${ms(Math.max(...cold))} |`);
    console.log(`| warm (same context, reload) | ${ms(median(warm))} | ${ms(Math.min(...warm))} | ${ms(Math.max(...warm))} |`);
    console.log(`\nEvery run: cold ${cold.map((v) => v.toFixed(0)).join(", ")} ms; warm ${warm.map((v) => v.toFixed(0)).join(", ")} ms`);
    console.log(`\nThe ${Math.min(LIST, scripts.length)} largest scripts (gzipped):\n`);
    console.log("| script | as file | gzipped | sent |");
    console.log("|---|---:|---:|---:|");
    for (const s of [...scripts].sort((a, b) => b.gzipped - a.gzipped).slice(0, LIST)) {
      console.log(`| ${s.url} | ${kb(s.bytes)} | ${kb(s.gzipped)} | ${kb(s.sent)} |`);
    }
  } finally {
    process.off("SIGINT", interrupted);
    process.off("SIGTERM", interrupted);
    await stop();
  }
}

await main();
