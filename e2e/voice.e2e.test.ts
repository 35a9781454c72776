/**
 * Voice and video rooms in real browsers on the embedded media server, with Chromium's
 * fake camera, microphone and screen. What people receive is read from WebRTC's own
 * counters (frames decoded, bytes received) per remote person, and what they see from
 * the UI: tiles, the occupants under the channel, the call's status line.
 *
 * Ann owns the server (the moderator); Bob and Cat join with her; Dan stays outside the
 * call and watches the channel list; Eve joins late. The fault test goes on with the
 * call the first test leaves running (Ann, Bob and Eve).
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFailed } from "vitest";
import type { Channel, Invite, Server } from "@/shared/api";
import { TestClient } from "@/server/testing/harness";
import { fakeMediaArgs, launchChromium, uiTimeout } from "./browser";
import { type RunningServer, startServer } from "./server";
import { type Expectation, describeCall, sfuPid, signedInContext, textWasSeen, waitForGrowth, waitForStall, watchForText } from "./voice-helpers";

const resultsDir = path.join(process.cwd(), "test-results");
const names = ["Ann", "Bob", "Cat", "Dan", "Eve"] as const;
type Name = (typeof names)[number];

let server: RunningServer;
let browser: Browser;
let guild: Server;
let general: Channel;
let room: Channel;
const clients = {} as Record<Name, TestClient>;
const ids = {} as Record<Name, string>;
const pages = {} as Partial<Record<Name, Page>>;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];

function page(name: Name): Page {
  const p = pages[name];
  if (!p) throw new Error(`${name} has no page open`);
  return p;
}

/** A signed-in window for `name` (the cookie from the API sign-up), recording its peer connections. */
async function open(name: Name, at: Channel): Promise<Page> {
  const context = await signedInContext(browser, server.baseUrl, clients[name].cookie);
  contexts.push(context);
  const p = await context.newPage();
  p.setDefaultTimeout(uiTimeout);
  p.on("pageerror", (error) => pageErrors.push(`${name}: ${error.name}: ${error.message}`));
  await p.goto(`${server.baseUrl}/channels/${guild.id}/${at.id}`);
  pages[name] = p;
  return p;
}

async function join(name: Name): Promise<void> {
  const p = page(name);
  await p.getByTestId("voice-join").click();
  await p.locator('[data-testid="voice-room"][data-status="connected"]').waitFor();
}

/** Everything from each of `from`: camera and microphone, and more where asked. */
function everything(from: Name[], extra: Partial<Record<Name, Expectation["counters"]>> = {}): Expectation[] {
  return from.map((n) => ({ userId: ids[n], counters: ["camera", "audio", ...(extra[n] ?? [])] }));
}

function occupant(watcher: Page, name: Name) {
  return watcher.locator(`[data-testid="voice-occupant"][data-user-id="${ids[name]}"]`);
}

function tile(watcher: Page, name: Name, kind: "camera" | "screen") {
  return watcher.locator(`[data-testid="voice-tile"][data-user-id="${ids[name]}"][data-kind="${kind}"]`);
}

async function shot(p: Page, file: string): Promise<void> {
  await p.screenshot({ path: path.join(resultsDir, `voice-${file}.png`) });
}

beforeAll(async () => {
  await mkdir(resultsDir, { recursive: true });
  server = await startServer({ env: { MEDIA_LISTEN_IP: "127.0.0.1" } });
  for (const name of names) {
    clients[name] = new TestClient(server.baseUrl, { origin: server.baseUrl });
    ids[name] = (await clients[name].signUp(name)).id;
  }
  guild = (await clients.Ann.post<Server>("/api/v1/servers", { name: "Voice Guild" })).body;
  [general] = (await clients.Ann.get<Channel[]>(`/api/v1/servers/${guild.id}/channels`)).body as [Channel];
  room = (await clients.Ann.post<Channel>(`/api/v1/servers/${guild.id}/channels`, { name: "hangout", type: "video" })).body;
  const invite = (await clients.Ann.post<Invite>(`/api/v1/servers/${guild.id}/invites`, {})).body;
  for (const name of names.slice(1)) expect((await clients[name].post(`/api/v1/invites/${invite.code}`)).status).toBe(200);
  browser = await launchChromium(fakeMediaArgs);
}, 120_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
}, 60_000);

describe("a video room on the embedded media server", () => {
  // What each person saw when a step gave up: the quickest way to tell a slow machine from a bug.
  beforeEach(() => {
    onTestFailed(async () => {
      for (const [name, p] of Object.entries(pages)) {
        await shot(p, `failed-${name}`).catch(() => undefined);
        const state = await describeCall(p).catch((error: unknown) => String(error));
        await writeFile(path.join(resultsDir, `voice-failed-${name}.json`), JSON.stringify(state, null, 2));
      }
    });
  });

  it("three people receive each other, a screen share, a leave, a late joiner, a server mute; an outsider sees it live", async () => {
    // Every window loads before media starts using the CPU.
    const dan = await open("Dan", general);
    for (const name of ["Ann", "Bob", "Cat", "Eve"] as const) await open(name, room);
    await dan.getByTestId("composer").waitFor();

    // Three people join; each decodes the other two's camera and microphone.
    for (const name of ["Ann", "Bob", "Cat"] as const) await join(name);
    for (const name of ["Ann", "Bob", "Cat"] as const) await expect.poll(() => occupant(dan, name).getByTestId("voice-icon-camera").count()).toBe(1);
    await Promise.all([
      waitForGrowth(page("Ann"), "Ann", everything(["Bob", "Cat"])),
      waitForGrowth(page("Bob"), "Bob", everything(["Ann", "Cat"])),
      waitForGrowth(page("Cat"), "Cat", everything(["Ann", "Bob"])),
    ]);
    await shot(page("Ann"), "1-ann-three-people");
    await shot(dan, "1-dan-sees-occupants");

    // Dan sees a mute come and go.
    await page("Bob").getByTestId("voice-mute").click();
    await occupant(dan, "Bob").getByTestId("voice-icon-mute").waitFor();
    await page("Bob").getByTestId("voice-mute").click();
    await occupant(dan, "Bob").getByTestId("voice-icon-mute").waitFor({ state: "detached" });

    // Bob shares his screen (the click is the user gesture); Ann and Cat decode it.
    await page("Bob").getByTestId("voice-screen").click();
    await occupant(dan, "Bob").getByTestId("voice-icon-screen").waitFor();
    await Promise.all([
      waitForGrowth(page("Ann"), "Ann sees Bob's screen", [{ userId: ids.Bob, counters: ["screen"] }]),
      waitForGrowth(page("Cat"), "Cat sees Bob's screen", [{ userId: ids.Bob, counters: ["screen"] }]),
    ]);
    await shot(page("Ann"), "2-ann-sees-bob-screen");
    await shot(dan, "2-dan-sees-live");

    // Cat leaves; Ann and Bob go on receiving each other.
    await page("Cat").getByTestId("voice-leave").click();
    await occupant(dan, "Cat").waitFor({ state: "detached" });
    await tile(page("Ann"), "Cat", "camera").waitFor({ state: "detached" });
    await Promise.all([
      waitForGrowth(page("Ann"), "Ann after Cat left", everything(["Bob"], { Bob: ["screen"] })),
      waitForGrowth(page("Bob"), "Bob after Cat left", everything(["Ann"])),
    ]);
    await contexts[contexts.indexOf(page("Cat").context())]?.close();
    delete pages.Cat;

    // Eve joins late and receives everyone, Bob's screen included; they receive her.
    await join("Eve");
    await occupant(dan, "Eve").waitFor();
    await Promise.all([
      waitForGrowth(page("Eve"), "Eve, late", everything(["Ann", "Bob"], { Bob: ["screen"] })),
      waitForGrowth(page("Ann"), "Ann receives Eve", everything(["Eve"])),
      waitForGrowth(page("Bob"), "Bob receives Eve", everything(["Eve"])),
    ]);
    await shot(page("Eve"), "3-eve-late-joiner");

    // Eve turns her camera off and on: Dan's list follows, and Ann decodes her again.
    await page("Eve").getByTestId("voice-camera").click();
    await occupant(dan, "Eve").getByTestId("voice-icon-camera").waitFor({ state: "detached" });
    await page("Ann").locator(`[data-testid="voice-tile"][data-user-id="${ids.Eve}"][data-kind="camera"]:not([data-video])`).waitFor();
    await page("Eve").getByTestId("voice-camera").click();
    await occupant(dan, "Eve").getByTestId("voice-icon-camera").waitFor();
    await waitForGrowth(page("Ann"), "Ann sees Eve's camera again", [{ userId: ids.Eve, counters: ["camera"] }]);

    // Ann, the owner, server-mutes Bob from his tile's menu: Bob's sound stops reaching
    // the others while his camera goes on, and every screen shows the moderator's mute.
    await tile(page("Ann"), "Bob", "camera").click({ button: "right" });
    await page("Ann").getByTestId("voice-server-mute").click();
    for (const watcher of [page("Ann"), page("Eve"), page("Bob")]) await tile(watcher, "Bob", "camera").getByTestId("voice-icon-server-mute").waitFor();
    await occupant(dan, "Bob").getByTestId("voice-icon-server-mute").waitFor();
    await Promise.all([
      waitForStall(page("Eve"), "Eve hears Bob", ids.Bob, "audio", "camera"),
      waitForStall(page("Ann"), "Ann hears Bob", ids.Bob, "audio", "camera"),
    ]);
    await shot(page("Eve"), "4-eve-bob-server-muted");
    await shot(dan, "4-dan-bob-server-muted");

    // Unmuted again, his sound comes back.
    await tile(page("Ann"), "Bob", "camera").click({ button: "right" });
    await page("Ann").getByTestId("voice-server-mute").click();
    await occupant(dan, "Bob").getByTestId("voice-icon-server-mute").waitFor({ state: "detached" });
    await waitForGrowth(page("Eve"), "Eve hears Bob again", [{ userId: ids.Bob, counters: ["audio"] }]);
    expect(pageErrors).toEqual([]);
  }, 150_000);

  it("a killed media server leaves chat working, and the call reconnects by itself", async () => {
    const [ann, bob, eve, dan] = [page("Ann"), page("Bob"), page("Eve"), page("Dan")];
    // Bob reads #general meanwhile: his call goes on in the call bar.
    await bob.locator(`[data-testid="channel-link"][data-channel-id="${general.id}"]`).click();
    await bob.getByTestId("call-bar").waitFor();
    await bob.getByTestId("composer").waitFor();
    for (const p of [ann, bob, eve]) await watchForText(p, "Reconnecting…");

    const serverPid = server.pid;
    if (serverPid === undefined) throw new Error("the server has no pid");
    const first = sfuPid(serverPid);
    if (first === undefined) throw new Error("no media server process under the app server");
    process.kill(first, "SIGKILL");

    // Chat does not wait for media: Bob's message reaches Dan.
    const composer = bob.getByTestId("composer");
    await composer.click();
    await composer.pressSequentially("still here after the crash");
    await composer.press("Enter");
    await dan.getByTestId("message-content").filter({ hasText: "still here after the crash" }).waitFor();

    // A new media server runs, everyone was told "Reconnecting…", and they are back without a click.
    await expect.poll(() => sfuPid(serverPid), { timeout: 30_000 }).toSatisfy((pid: number | undefined) => pid !== undefined && pid !== first);
    for (const p of [ann, bob, eve]) await expect.poll(() => textWasSeen(p), { timeout: 30_000 }).toBe(true);
    for (const p of [ann, eve]) await p.locator('[data-testid="voice-room"][data-status="connected"]').waitFor({ timeout: 30_000 });
    await bob.locator('[data-testid="call-bar"][data-status="connected"]').waitFor({ timeout: 30_000 });
    await Promise.all([
      waitForGrowth(ann, "Ann after the restart", everything(["Bob", "Eve"], { Bob: ["screen"] })),
      waitForGrowth(eve, "Eve after the restart", everything(["Ann", "Bob"])),
      // Bob reads a text channel: no tiles, only the sound he hears.
      waitForGrowth(bob, "Bob after the restart", [
        { userId: ids.Ann, counters: ["audio"] },
        { userId: ids.Eve, counters: ["audio"] },
      ]),
    ]);
    await shot(ann, "5-ann-after-restart");
    await shot(bob, "5-bob-call-bar-after-restart");
    expect(pageErrors).toEqual([]);
  });
});
