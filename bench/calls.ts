/**
 * Calls in a conversation, timed in Chromium against the production build (run `npm run
 * build` first) on a fresh data directory with the embedded media server and Chromium's
 * fake camera and microphone. Two people, Ann and Bob, each signed in in a window on
 * their conversation. `BENCH_CALLS_RUNS` (default 20) times:
 *
 * 1. **ring**: from Ann pressing "Start Video Call" to Bob's ringing card being in the
 *    document (both read `Date.now()` in their pages, one machine's clock);
 * 2. **first frame**: from Bob pressing "Accept with video" to the first video frame of
 *    Ann's decoded in his page (`framesDecoded` of an inbound video stream, polled every
 *    20 ms);
 *
 * then both hang up and the next run waits until the call has ended everywhere. Printed:
 * p50, p95, min and max of each.
 *
 * Run: `npx tsx bench/calls.ts` (or `npm run bench:calls`).
 */
import { loadavg } from "node:os";
import type { BrowserContext, Page } from "playwright-core";
import { fakeMediaArgs, launchChromium } from "../e2e/browser";
import { startServer } from "../e2e/server";
import { recordPeerConnections } from "../e2e/voice-helpers";
import type { DmChannel, Invite, Server } from "../src/shared/api";
import { TestClient } from "../src/server/testing/harness";

const RUNS = Number(process.env.BENCH_CALLS_RUNS ?? 20);
const timeoutMs = 60_000;

/** In Ann's and Bob's pages before their own scripts: when the ringing card first shows. */
const cardProbe = `(() => {
  const seen = () => document.querySelector('[data-testid="incoming-call"]');
  window.__cardShownAt = null;
  new MutationObserver(() => {
    if (seen() && window.__cardShownAt === null) window.__cardShownAt = Date.now();
    if (!seen()) window.__cardShownAt = null;
  }).observe(document, { childList: true, subtree: true });
})();`;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

async function signedIn(browser: Awaited<ReturnType<typeof launchChromium>>, baseUrl: string, client: TestClient): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 760 } });
  await context.addCookies(
    client.cookie.split("; ").map((pair) => {
      const [name, value] = pair.split("=", 2) as [string, string];
      return { name, value, url: baseUrl };
    }),
  );
  // tsx keeps function names with a helper that does not exist in the page: give it one.
  await context.addInitScript("globalThis.__name = (f) => f;");
  await recordPeerConnections(context);
  await context.addInitScript(cardProbe);
  return context;
}

/** Milliseconds from `since` (the page's clock) until a video frame of the other side is decoded. Source text: tsx's helpers do not exist in the page. */
function firstFrameAfter(page: Page, since: number): Promise<number> {
  return page.evaluate(`(async () => {
    for (const deadline = Date.now() + ${timeoutMs}; Date.now() < deadline; ) {
      for (const pc of window.__voicePcs ?? []) {
        if (pc.connectionState === "closed") continue;
        const report = await pc.getStats();
        let frames = 0;
        report.forEach((e) => {
          if (e.type === "inbound-rtp" && e.kind === "video") frames += e.framesDecoded ?? 0;
        });
        if (frames > 0) return Date.now() - ${since};
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error("no video frame arrived");
  })()`);
}

const step = (what: string) => {
  if (process.env.BENCH_VERBOSE) process.stderr.write(`${new Date().toISOString()} ${what}\n`);
};

async function main(): Promise<void> {
  const server = await startServer({ env: { MEDIA_LISTEN_IP: "127.0.0.1" } });
  const browser = await launchChromium(fakeMediaArgs);
  try {
    const ann = new TestClient(server.baseUrl, { origin: server.baseUrl });
    const bob = new TestClient(server.baseUrl, { origin: server.baseUrl });
    await ann.signUp("Ann");
    const bobId = (await bob.signUp("Bob")).id;
    const guild = (await ann.post<Server>("/api/v1/servers", { name: "Bench" })).body;
    const invite = (await ann.post<Invite>(`/api/v1/servers/${guild.id}/invites`, {})).body;
    await bob.post(`/api/v1/invites/${invite.code}`);
    const dm = (await ann.post<DmChannel>("/api/v1/users/@me/channels", { recipientId: bobId })).body;
    // A first message opens the conversation on Bob's side too.
    await ann.post(`/api/v1/channels/${dm.id}/messages`, { content: "hi", nonce: "bench-hello" });
    const url = `${server.baseUrl}/channels/me/${dm.id}`;

    const annPage = await (await signedIn(browser, server.baseUrl, ann)).newPage();
    const bobPage = await (await signedIn(browser, server.baseUrl, bob)).newPage();
    for (const page of [annPage, bobPage]) {
      page.setDefaultTimeout(timeoutMs);
      await page.goto(url);
      await page.getByTestId("composer").waitFor();
    }

    const ring: number[] = [];
    const frame: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      step("waiting for the call button");
      await annPage.getByTestId("dm-call-video").waitFor();
      const pressed = await annPage.evaluate(() => Date.now());
      await annPage.getByTestId("dm-call-video").click();
      const card = bobPage.getByTestId("incoming-call");
      await card.waitFor();
      const shownAt = await bobPage.evaluate(() => (window as unknown as { __cardShownAt: number | null }).__cardShownAt);
      ring.push((shownAt ?? Date.now()) - pressed);

      step("ringing; accepting");
      const accepted = await bobPage.evaluate(() => Date.now());
      const first = firstFrameAfter(bobPage, accepted);
      await card.getByTestId("incoming-call-video").click();
      frame.push(
        await first.catch(async (error: unknown) => {
          if (process.env.BENCH_VERBOSE) {
            await annPage.screenshot({ path: "test-results/bench-calls-ann.png" });
            await bobPage.screenshot({ path: "test-results/bench-calls-bob.png" });
          }
          throw error;
        }),
      );

      step("frame decoded; hanging up");
      // Both hang up; the next run starts when the call has ended for both.
      for (const page of [bobPage, annPage]) {
        await page.locator('[data-testid="dm-call-panel"][data-state="in-call"]').getByTestId("voice-leave").click();
      }
      for (const page of [annPage, bobPage]) await page.getByTestId("dm-call-panel").waitFor({ state: "detached" });
      process.stdout.write(`run ${run + 1}/${RUNS}: ring ${ring.at(-1)} ms, first frame ${frame.at(-1)} ms\n`);
    }

    const row = (label: string, values: number[]) =>
      `| ${label} | ${percentile(values, 50)} | ${percentile(values, 95)} | ${Math.min(...values)} | ${Math.max(...values)} |`;
    console.log(`\nCalls in a conversation, ${RUNS} runs (load average ${loadavg()[0]!.toFixed(2)})\n`);
    console.log("| ms | p50 | p95 | min | max |");
    console.log("|---|---|---|---|---|");
    console.log(row("press call -> other side's card shows", ring));
    console.log(row("accept with video -> first remote frame decoded", frame));
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
