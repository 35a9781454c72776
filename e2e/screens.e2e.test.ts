/**
 * The main screens, on a phone (390 × 844, touch) and a desktop (1440 × 900), in the dark
 * and the light theme: each is checked by axe-core (no serious or critical violation) and
 * photographed into docs/screenshots/<screen>-<phone|desktop>-<dark|light>.png.
 *
 * The world (two people, a server with a conversation in a channel, a DM) is made through
 * the API from inside the pages, which is what the UI would do, only faster; the screens
 * are then reached as a person reaches them. Screens are found by test ids and roles, not
 * by where they sit, so the phone layout and the desktop one are driven the same way.
 */
import { createRequire } from "node:module";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import type { Browser, BrowserContextOptions, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Attachment, Channel, DmChannel, Invite, Message, SelfUser, Server } from "@/shared/api";
import { setTheme } from "./appearance";
import { launchChromium, person, uiTimeout, type Person } from "./browser";
import { sharedServer } from "./fixture";
import type { RunningServer } from "./server";

const screenshotsDir = path.join(process.cwd(), "docs", "screenshots");
const resultsDir = path.join(process.cwd(), "test-results");
const themes = ["dark", "light"] as const;

const devices = {
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, hasTouch: true, isMobile: true },
  desktop: { viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 },
} satisfies Record<string, BrowserContextOptions>;
type Device = keyof typeof devices;

interface AxeViolation {
  id: string;
  impact: "minor" | "moderate" | "serious" | "critical" | null;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

interface Finding {
  shot: string;
  violation: AxeViolation;
}

let server: RunningServer | undefined;
let browser: Browser | undefined;
let axeSource = "";
const findings: Finding[] = [];
/** Screenshots being compressed and written while the test goes on. */
const writes: Promise<unknown>[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  const require = createRequire(import.meta.url);
  server = sharedServer();
  [browser, axeSource] = await Promise.all([
    launchChromium(),
    readFile(require.resolve("axe-core/axe.min.js"), "utf8"),
    mkdir(screenshotsDir, { recursive: true }),
    mkdir(resultsDir, { recursive: true }),
  ]);
}, 120_000);

afterAll(async () => {
  // Every violation, minor ones too, for whoever fixes them.
  await writeFile(path.join(resultsDir, "axe-violations.json"), JSON.stringify(findings, null, 2)).catch(() => undefined);
  await browser?.close();
  await server?.stop();
}, 60_000);

async function openPage(options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser!.newContext({ baseURL: server!.baseUrl, ...options });
  const page = await context.newPage();
  page.setDefaultTimeout(uiTimeout);
  page.on("pageerror", (error) => pageErrors.push(`${error.name}: ${error.message}`));
  return page;
}

/** A call to the API with the page's cookie, as the web client makes it; throws on an error answer. */
async function call<T>(page: Page, method: string, url: string, body?: unknown): Promise<T> {
  const result = await page.evaluate(
    async ([m, u, b]) => {
      const res = await fetch(u, {
        method: m,
        headers: b === undefined ? undefined : { "content-type": "application/json" },
        body: b === undefined ? undefined : JSON.stringify(b),
      });
      return { status: res.status, text: await res.text() };
    },
    [method, url, body] as const,
  );
  if (result.status >= 400) throw new Error(`${method} ${url} answered ${result.status}: ${result.text}`);
  return (result.text ? JSON.parse(result.text) : undefined) as T;
}

async function signUp(page: Page, who: Person): Promise<SelfUser> {
  await page.goto("/sign-in");
  await call(page, "POST", "/api/auth/sign-up/email", { email: who.email, name: who.name, password: who.password });
  return call<SelfUser>(page, "GET", "/api/v1/users/@me");
}

async function upload(page: Page, channelId: string, name: string, type: string, bytes: Buffer): Promise<Attachment> {
  return page.evaluate(
    async ([id, fileName, mime, base64]) => {
      const form = new FormData();
      form.append("file", new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], fileName, { type: mime }));
      const res = await fetch(`/api/v1/channels/${id}/attachments`, { method: "POST", body: form });
      if (!res.ok) throw new Error(`upload answered ${res.status}: ${await res.text()}`);
      return (await res.json()) as Attachment;
    },
    [channelId, name, type, bytes.toString("base64")] as const,
  );
}

let nonce = 0;
function send(page: Page, channelId: string, content: string, extra: { replyToId?: string; attachmentIds?: string[] } = {}) {
  return call<Message>(page, "POST", `/api/v1/channels/${channelId}/messages`, { content, nonce: `screens-${++nonce}`, ...extra });
}

/**
 * Clicks what a person would tap. An element off screen (in a closed drawer on a phone) is
 * clicked through the DOM, so the same step works whether the layout shows it or not.
 */
async function press(page: Page, target: Locator): Promise<void> {
  await target.waitFor({ state: "attached" });
  const box = await target.boundingBox();
  const viewport = page.viewportSize()!;
  const onScreen = box !== null && box.width > 0 && box.x >= 0 && box.y >= 0 && box.x + box.width <= viewport.width && box.y + box.height <= viewport.height;
  if (onScreen) await target.click();
  else await target.dispatchEvent("click");
}

/** Waits until images have loaded and transitions (a theme change fades colours) have ended. */
async function settle(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await document.fonts.ready;
    const onScreen = (img: HTMLImageElement) => {
      const box = img.getBoundingClientRect();
      return box.width > 0 && box.bottom > 0 && box.top < innerHeight && box.right > 0 && box.left < innerWidth;
    };
    await Promise.all(
      Array.from(document.images)
        .filter((img) => !img.complete && onScreen(img))
        .map(
          (img) =>
            new Promise((resolve) => {
              img.addEventListener("load", resolve, { once: true });
              img.addEventListener("error", resolve, { once: true });
            }),
        ),
    );
    await Promise.all(document.getAnimations().filter((a) => a.effect?.getComputedTiming().iterations !== Infinity).map((a) => a.finished.catch(() => undefined)));
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  });
}

async function audit(page: Page, shot: string): Promise<void> {
  const loaded = await page.evaluate(() => "axe" in window);
  if (!loaded) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: unknown[] }> } }).axe;
    const results = await axe.run(document, { resultTypes: ["violations"] });
    return results.violations;
  });
  for (const violation of violations as AxeViolation[]) findings.push({ shot, violation });
}

async function compressedPng(png: Buffer): Promise<Buffer> {
  return sharp(png).png({ palette: true, quality: 90, effort: 8, compressionLevel: 9 }).toBuffer();
}

/**
 * Each theme in turn on the screen as it stands: the axe audit, then the photograph, kept in
 * docs/screenshots, or in test-results for a passing state (an open menu) the docs do not show.
 */
async function capture(page: Page, screen: string, device: Device, dir = screenshotsDir): Promise<void> {
  // No pointer resting on a control: hover styles are not part of the picture.
  if (device === "desktop") await page.mouse.move(0, devices.desktop.viewport.height - 1);
  for (const theme of themes) {
    const shot = `${screen}-${device}-${theme}`;
    await setTheme(page, theme);
    await settle(page);
    await audit(page, shot);
    const png = await page.screenshot({ animations: "disabled", caret: "hide" });
    writes.push(
      compressedPng(png)
        .then((small) => writeFile(path.join(dir, `${shot}.png`), small))
        .catch((error: unknown) => pageErrors.push(`writing ${shot}.png: ${String(error)}`)),
    );
  }
}

function describeFindings(list: Finding[]): string {
  return list
    .map(({ shot, violation: v }) => {
      const targets = v.nodes.slice(0, 8).map((n) => `      ${JSON.stringify(n.target)}${n.failureSummary ? ` — ${n.failureSummary.split("\n").slice(1).join(" ").trim()}` : ""}`);
      const more = v.nodes.length > 8 ? [`      … and ${v.nodes.length - 8} more`] : [];
      return [`${shot}: [${v.impact}] ${v.id} — ${v.help} (${v.helpUrl})`, ...targets, ...more].join("\n");
    })
    .join("\n");
}

const messageWith = (page: Page, text: string) => page.getByTestId("message").filter({ hasText: text });

describe("main screens", () => {
  it("pass axe with no serious or critical violation and are photographed, phone and desktop, dark and light", async () => {
    // The world: Ann owns a server, Ben joins; they talk in #general and in a DM.
    // Plain names read better in the documentation's pictures (the display names; usernames stay unique).
    const ann = { ...person("Ann"), name: "Ann Lee" };
    const ben = { ...person("Ben"), name: "Ben Ortiz" };
    const annSetup = await openPage();
    const benSetup = await openPage();
    await signUp(annSetup, ann);
    const them = await signUp(benSetup, ben);
    const guild = await call<Server>(annSetup, "POST", "/api/v1/servers", { name: "Design Guild" });
    const general = (await call<Channel[]>(annSetup, "GET", `/api/v1/servers/${guild.id}/channels`)).find((c) => c.type === "text")!;
    const invite = await call<Invite>(annSetup, "POST", `/api/v1/servers/${guild.id}/invites`, {});
    await call(benSetup, "POST", `/api/v1/invites/${invite.code}`);

    const welcome = await send(annSetup, general.id, "Welcome to the **Design Guild**! Drop your mockups here and read the `#rules` first.");
    const answer = await send(benSetup, general.id, "Thanks Ann! Here is the first draft of the new landing page.", { replyToId: welcome.id });
    const mockup = await sharp({
      create: { width: 640, height: 360, channels: 3, background: "#5865f2" },
    })
      .composite([{ input: Buffer.from('<svg width="640" height="360"><rect x="40" y="40" width="560" height="60" rx="8" fill="#ffffff"/><rect x="40" y="130" width="260" height="190" rx="8" fill="#eb459e"/><rect x="340" y="130" width="260" height="190" rx="8" fill="#57f287"/></svg>'), top: 0, left: 0 }])
      .png()
      .toBuffer();
    const image = await upload(benSetup, general.id, "landing-draft.png", "image/png", mockup);
    const pdf = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
    const brief = await upload(benSetup, general.id, "design-brief.pdf", "application/pdf", pdf);
    await send(benSetup, general.id, "", { attachmentIds: [image.id, brief.id] });
    await call(annSetup, "PUT", `/api/v1/channels/${general.id}/messages/${answer.id}/reactions/${encodeURIComponent("🎉")}/@me`);
    await call(benSetup, "PUT", `/api/v1/channels/${general.id}/messages/${answer.id}/reactions/${encodeURIComponent("🎉")}/@me`);
    await call(annSetup, "PUT", `/api/v1/channels/${general.id}/messages/${answer.id}/reactions/${encodeURIComponent("👍")}/@me`);
    await send(annSetup, general.id, "Looks great. Can we try a lighter header?\n```css\n.header { background: #f2f3f5; }\n```");

    const dm = await call<DmChannel>(annSetup, "POST", "/api/v1/users/@me/channels", { recipientId: them.id });
    await send(annSetup, dm.id, "Hey Ben, do you have a minute for the review tomorrow?");
    const dmLast = await send(benSetup, dm.id, "Sure, 10 am works for me 👍");

    const signedIn = await annSetup.context().storageState();
    const inviteUrl = `/invite/${invite.code}`;
    const chatUrl = `/channels/${guild.id}/${general.id}`;

    for (const device of Object.keys(devices) as Device[]) {
      // Signed out: sign-in, and the invite as a newcomer sees it.
      const guest = await openPage(devices[device]);
      await guest.goto("/sign-in");
      await guest.getByLabel("Email").waitFor({ state: "attached" });
      await capture(guest, "sign-in", device);
      await guest.goto(inviteUrl);
      await guest.getByTestId("invite-sign-in").waitFor({ state: "attached" });
      await capture(guest, "invite-signed-out", device);
      await guest.context().close();

      const page = await openPage({ ...devices[device], storageState: signedIn });

      // Chat: the channel with its reply, reactions, files and code.
      await page.goto(chatUrl);
      await messageWith(page, "Can we try a lighter header?").waitFor({ state: "attached" });
      await page.getByTestId("attachment-image").locator("img").waitFor({ state: "attached" });
      await page.getByTestId("reaction").first().waitFor({ state: "attached" });
      await capture(page, "chat", device);

      // Server settings: overview, then roles. On a phone the server header lives in the
      // drawer: open it first, as a person would.
      if (device === "phone") {
        await page.getByTestId("drawer-button").click();
        await page.locator('[data-drawer="open"]').waitFor({ state: "attached" });
      }
      await press(page, page.getByTestId("server-header"));
      await page.getByTestId("server-menu").waitFor();
      await capture(page, "server-menu", device, resultsDir);
      await page.getByTestId("menu-settings").click();
      const serverSettings = page.getByTestId("server-settings");
      await serverSettings.getByTestId("settings-server-name").waitFor({ state: "attached" });
      await capture(page, "server-settings-overview", device);
      await press(page, page.getByTestId("settings-tab-roles"));
      // A role open in the editor: its name, colour and permission switches are on screen too.
      await press(page, serverSettings.locator('[data-testid="role-row"][data-role-name="Moderator"] button'));
      await serverSettings.getByTestId("role-editor").waitFor({ state: "attached" });
      await capture(page, "server-settings-roles", device);
      await page.keyboard.press("Escape");
      await serverSettings.waitFor({ state: "detached" });

      // User settings: my account.
      await press(page, page.getByTestId("user-settings-open"));
      await page.getByTestId("user-settings").waitFor({ state: "attached" });
      await page.getByTestId("account-name").waitFor({ state: "attached" });
      await capture(page, "user-settings", device);
      await page.keyboard.press("Escape");
      await page.getByTestId("user-settings").waitFor({ state: "detached" });

      // A direct conversation.
      await page.goto(`/channels/me/${dm.id}`);
      // The 👍 is an image now (its character in alt), so the words alone find the message.
      await messageWith(page, dmLast.content.replace(" 👍", "")).waitFor({ state: "attached" });
      await capture(page, "dms", device);

      // The invite, signed in.
      await page.goto(inviteUrl);
      await page.getByTestId("join-server").waitFor({ state: "attached" });
      await capture(page, "invite-signed-in", device);
      await page.context().close();
    }

    await Promise.all(writes);
    const blocking = findings.filter((f) => f.violation.impact === "serious" || f.violation.impact === "critical");
    expect(blocking.length, `axe found serious or critical violations:\n${describeFindings(blocking)}`).toBe(0);
    expect(pageErrors).toEqual([]);
    // About a minute on an idle machine; much longer while other builds share its cores.
  }, 300_000);
});
