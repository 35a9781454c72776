/**
 * Calls in direct conversations on the embedded media server, in real browsers with
 * Chromium's fake camera and microphone. Ann calls Bob, who has two tabs open: both ring,
 * he answers in one and the other stops; they decode each other's sound and camera. A
 * declined call and an unanswered one each leave their line in the conversation, live
 * for both. Then a group of three: Cat declines, Ann and Bob talk, and Cat joins late from
 * the header (on a phone) and receives them both.
 *
 * The server rings for CALL_RING_SECONDS (short here), so the unanswered case ends soon.
 * What people receive is read from WebRTC's own counters, never waited on by time.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFailed } from "vitest";
import type { DmChannel, Invite, Server } from "@/shared/api";
import { TestClient } from "@/server/testing/harness";
import { fakeMediaArgs, launchChromium, uiTimeout } from "./browser";
import { type RunningServer, startServer } from "./server";
import { describeCall, recordPeerConnections, waitForGrowth } from "./voice-helpers";

const resultsDir = path.join(process.cwd(), "test-results");
const ringSeconds = 12;
const names = ["Ann", "Bob", "Cat"] as const;
type Name = (typeof names)[number];

let server: RunningServer;
let browser: Browser;
let annBob: DmChannel;
let group: DmChannel;
const clients = {} as Record<Name, TestClient>;
const ids = {} as Record<Name, string>;
const contexts: BrowserContext[] = [];
const pages: Record<string, Page> = {};
const pageErrors: string[] = [];

/** A signed-in window for `name`; `phone`: 390 × 844 with touch, as the phone E2E uses. */
async function newContext(name: Name, phone = false): Promise<BrowserContext> {
  const context = await browser.newContext(
    phone ? { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true } : { viewport: { width: 1280, height: 760 } },
  );
  await context.addCookies(
    clients[name].cookie.split("; ").map((pair) => {
      const [cookieName, value] = pair.split("=", 2) as [string, string];
      return { name: cookieName, value, url: server.baseUrl };
    }),
  );
  await recordPeerConnections(context);
  contexts.push(context);
  return context;
}

async function open(label: string, context: BrowserContext, at: string): Promise<Page> {
  const p = await context.newPage();
  p.setDefaultTimeout(uiTimeout);
  p.on("pageerror", (error) => pageErrors.push(`${label}: ${error.name}: ${error.message}`));
  await p.goto(`${server.baseUrl}${at}`);
  pages[label] = p;
  return p;
}

const dmPath = (dm: DmChannel) => `/channels/me/${dm.id}`;
const card = (p: Page, dm: DmChannel) => p.locator(`[data-testid="incoming-call"][data-channel-id="${dm.id}"]`);
const inCall = (p: Page) => p.locator('[data-testid="dm-call-panel"][data-state="in-call"][data-status="connected"]');
const callLines = (p: Page) => p.locator('[data-testid="message"][data-type="call"]');

async function shot(p: Page, file: string): Promise<void> {
  await p.screenshot({ path: path.join(resultsDir, `dm-calls-${file}.png`) });
}

/** Leaves the call from the panel's controls. */
async function hangUp(p: Page): Promise<void> {
  await p.getByTestId("dm-call-panel").getByTestId("voice-leave").click();
  await p.locator('[data-testid="dm-call-panel"][data-state="in-call"]').waitFor({ state: "detached" });
}

/** The newest call line as each page shows it, once it reads `text`. */
async function lastLineReads(p: Page, text: string | RegExp): Promise<void> {
  await expect.poll(async () => (await callLines(p).last().getByTestId("call-line").textContent()) ?? "").toMatch(text);
}

/** Milliseconds from `since` (the page's clock) until the first video frame arrives on any of its connections. */
function firstFrameAfter(p: Page, since: number): Promise<number> {
  return p.evaluate(async (start) => {
    const pcs = () => (window as unknown as { __voicePcs?: RTCPeerConnection[] }).__voicePcs ?? [];
    for (;;) {
      for (const pc of pcs()) {
        if (pc.connectionState === "closed") continue;
        const report = await pc.getStats();
        let frames = 0;
        report.forEach((e: { type: string; kind?: string; framesDecoded?: number }) => {
          if (e.type === "inbound-rtp" && e.kind === "video") frames += e.framesDecoded ?? 0;
        });
        if (frames > 0) return Date.now() - start;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }, since);
}

beforeAll(async () => {
  await mkdir(resultsDir, { recursive: true });
  server = await startServer({ env: { MEDIA_LISTEN_IP: "127.0.0.1", CALL_RING_SECONDS: String(ringSeconds) } });
  for (const name of names) {
    clients[name] = new TestClient(server.baseUrl, { origin: server.baseUrl });
    ids[name] = (await clients[name].signUp(name)).id;
  }
  // Conversations need a server in common.
  const guild = (await clients.Ann.post<Server>("/api/v1/servers", { name: "Call Guild" })).body;
  const invite = (await clients.Ann.post<Invite>(`/api/v1/servers/${guild.id}/invites`, {})).body;
  for (const name of ["Bob", "Cat"] as const) expect((await clients[name].post(`/api/v1/invites/${invite.code}`)).status).toBe(200);
  annBob = (await clients.Ann.post<DmChannel>("/api/v1/users/@me/channels", { recipientId: ids.Bob })).body;
  group = (await clients.Ann.post<DmChannel>("/api/v1/users/@me/channels", { recipientIds: [ids.Bob, ids.Cat], name: "Call crew" })).body;
  expect(annBob.id).toBeTruthy();
  expect(group.id).toBeTruthy();
  browser = await launchChromium(fakeMediaArgs);
}, 120_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
}, 60_000);

describe("calls in conversations", () => {
  beforeEach(() => {
    onTestFailed(async () => {
      for (const [label, p] of Object.entries(pages)) {
        if (p.isClosed()) continue;
        await shot(p, `failed-${label}`).catch(() => undefined);
        const state = await describeCall(p).catch((error: unknown) => String(error));
        await writeFile(path.join(resultsDir, `dm-calls-failed-${label}.json`), JSON.stringify(state, null, 2));
      }
    });
  });

  it("Ann calls Bob: both of his tabs ring, he answers in one, the other stops; they see and hear each other", async () => {
    const ann = await open("ann", await newContext("Ann"), dmPath(annBob));
    const bobContext = await newContext("Bob");
    const bob1 = await open("bob1", bobContext, "/channels/me");
    const bob2 = await open("bob2", bobContext, dmPath(group));
    await ann.getByTestId("composer").waitFor();
    await bob2.getByTestId("composer").waitFor();

    // The header offers both kinds of call, named for screen readers.
    await expect.poll(() => ann.getByTestId("dm-call-voice").getAttribute("aria-label")).toBe("Start Voice Call");
    await expect.poll(() => ann.getByTestId("dm-call-video").getAttribute("aria-label")).toBe("Start Video Call");

    const pressed = await ann.evaluate(() => Date.now());
    await ann.getByTestId("dm-call-video").click();
    // Both of Bob's tabs ring, with the caller's name; the newest card has the focus.
    await card(bob1, annBob).waitFor();
    const ringMs = (await bob1.evaluate(() => Date.now())) - pressed;
    await card(bob2, annBob).waitFor();
    await expect.poll(() => card(bob1, annBob).getByTestId("incoming-call-caller").textContent()).toBe("Ann");
    await expect.poll(() => bob2.evaluate(() => document.activeElement?.closest('[role="alertdialog"]') !== null)).toBe(true);
    await shot(bob2, "incoming-card");

    // Ann is in the call at once, and sees Bob ringing.
    await inCall(ann).waitFor();
    await ann.locator(`[data-testid="dm-call-absent-person"][data-user-id="${ids.Bob}"][data-ringing="true"]`).waitFor();

    // Bob answers with his camera in the first tab: the second stops ringing.
    const accepted = await bob1.evaluate(() => Date.now());
    const firstFrame = firstFrameAfter(bob1, accepted);
    await card(bob1, annBob).getByTestId("incoming-call-video").click();
    await card(bob2, annBob).waitFor({ state: "detached" });
    await bob1.waitForURL(new RegExp(`${dmPath(annBob)}$`));
    await inCall(bob1).waitFor();
    const frameMs = await firstFrame;
    await Promise.all([
      waitForGrowth(ann, "Ann receives Bob", [{ userId: ids.Bob, counters: ["camera", "audio"] }]),
      waitForGrowth(bob1, "Bob receives Ann", [{ userId: ids.Ann, counters: ["camera", "audio"] }]),
    ]);
    // Bob's other tab is not in the call: it offers to join, it does not ring.
    await expect.poll(() => card(bob2, annBob).count()).toBe(0);
    await writeFile(path.join(resultsDir, "dm-calls-timing.json"), JSON.stringify({ ringMs, acceptToFirstFrameMs: frameMs }));

    // The call's line reads as open for both, with a Join button only where one is not in it.
    await lastLineReads(ann, "Ann started a call.");
    await lastLineReads(bob1, "Ann started a call.");
    await shot(ann, "in-call-desktop");

    // They hang up: the line says how long it lasted, live, for both.
    await hangUp(bob1);
    await hangUp(ann);
    await lastLineReads(ann, /^Ann started a call that lasted a few seconds\./);
    await lastLineReads(bob1, /^Ann started a call that lasted a few seconds\./);
    // Not editable: the line has no Edit or Reply.
    await callLines(ann).last().hover();
    await callLines(ann).last().getByTestId("message-actions").waitFor();
    expect(await callLines(ann).last().getByTestId("action-edit").count()).toBe(0);
    expect(await callLines(ann).last().getByTestId("action-reply").count()).toBe(0);
    await bob2.close();
    expect(pageErrors).toEqual([]);
  }, 150_000);

  it("a declined call and an unanswered call each leave their line, live for both", async () => {
    const [ann, bob] = [pages.ann!, pages.bob1!];

    // Declined: Ann calls, Bob declines with Escape on the focused card; his ring stops.
    await ann.getByTestId("dm-call-voice").click();
    await card(bob, annBob).waitFor();
    await expect.poll(() => bob.evaluate(() => document.activeElement?.closest('[role="alertdialog"]') !== null)).toBe(true);
    await bob.keyboard.press("Escape");
    await card(bob, annBob).waitFor({ state: "detached" });
    await ann.locator(`[data-testid="dm-call-absent-person"][data-user-id="${ids.Bob}"][data-ringing="false"]`).waitFor();
    // Bob sees the call is open and could still join from the header.
    await bob.getByTestId("dm-call-join").waitFor();
    await hangUp(ann);
    await lastLineReads(ann, /^Ann started a call that lasted a few seconds\./);
    await lastLineReads(bob, "Missed call from Ann");
    await bob.getByTestId("dm-call-voice").waitFor();

    // Unanswered: Ann calls, nobody answers; Bob's card goes by itself after the ring time.
    await ann.getByTestId("dm-call-voice").click();
    await card(bob, annBob).waitFor();
    const rangAt = Date.now();
    await card(bob, annBob).waitFor({ state: "detached", timeout: (ringSeconds + 15) * 1000 });
    expect(Date.now() - rangAt).toBeGreaterThan((ringSeconds - 2) * 1000);
    const bobRow = ann.locator(`[data-testid="dm-call-absent-person"][data-user-id="${ids.Bob}"]`);
    await bobRow.and(ann.locator('[data-ringing="false"]')).waitFor();
    // Ann rings him again from the call: his card comes back; this time he declines with the button.
    await bobRow.getByTestId("dm-call-ring").click();
    await card(bob, annBob).waitFor();
    await card(bob, annBob).getByTestId("incoming-call-decline").click();
    await card(bob, annBob).waitFor({ state: "detached" });
    await bobRow.and(ann.locator('[data-ringing="false"]')).waitFor();
    await hangUp(ann);
    await lastLineReads(bob, "Missed call from Ann");
    await lastLineReads(ann, /^Ann started a call that lasted/);
    await expect.poll(() => callLines(bob).count()).toBe(3);
    await shot(bob, "call-lines");
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it("a group call: Cat declines, Ann and Bob talk, Cat joins late from the header and receives both", async () => {
    const [ann, bob] = [pages.ann!, pages.bob1!];
    const cat = await open("cat", await newContext("Cat", true), dmPath(group));
    await cat.getByTestId("composer").waitFor();
    await ann.goto(`${server.baseUrl}${dmPath(group)}`);
    await ann.getByTestId("composer").waitFor();

    await ann.getByTestId("dm-call-video").click();
    await card(cat, group).waitFor();
    await card(bob, group).waitFor();
    await expect.poll(() => card(bob, group).textContent()).toContain("Call crew");
    await shot(cat, "incoming-card-phone");
    await card(cat, group).getByTestId("incoming-call-decline").click();
    await card(cat, group).waitFor({ state: "detached" });
    await card(bob, group).getByTestId("incoming-call-video").click();
    await inCall(bob).waitFor();
    await Promise.all([
      waitForGrowth(ann, "Ann receives Bob", [{ userId: ids.Bob, counters: ["camera", "audio"] }]),
      waitForGrowth(bob, "Bob receives Ann", [{ userId: ids.Ann, counters: ["camera", "audio"] }]),
    ]);

    // Opened afresh mid-call, the conversation shows who is in it before Cat joins.
    await cat.reload();
    await expect.poll(() => cat.getByTestId("dm-call-panel").textContent(), { timeout: uiTimeout }).toMatch(/Ann.*Bob.* are in the call\./);

    // Cat changes her mind: Join Call from the header, on her phone.
    await cat.getByTestId("dm-call-join").click();
    await inCall(cat).waitFor();
    await waitForGrowth(cat, "Cat, late, receives both", [
      { userId: ids.Ann, counters: ["camera", "audio"] },
      { userId: ids.Bob, counters: ["camera", "audio"] },
    ]);
    await waitForGrowth(ann, "Ann hears Cat", [{ userId: ids.Cat, counters: ["audio"] }]);
    await shot(cat, "in-call-phone");
    await shot(ann, "group-call-desktop");

    for (const p of [cat, bob, ann]) await hangUp(p);
    await lastLineReads(cat, /^Ann started a call that lasted/);
    expect(pageErrors).toEqual([]);
  }, 150_000);
});
