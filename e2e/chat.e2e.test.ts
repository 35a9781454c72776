/**
 * Two people in two browser contexts: one creates a server and an invite, the other
 * signs up from the invite link and joins, then they talk and each sees the other's
 * message live, exactly once.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sharedServer } from "./fixture";
import type { RunningServer } from "./server";
import { BrowserSession, person, fillSignUp, uiTimeout } from "./browser";


let server: RunningServer | undefined;
let session: BrowserSession | undefined;

async function send(page: Page, lines: string[]): Promise<void> {
  const composer = page.getByTestId("composer");
  await composer.click();
  for (const [index, line] of lines.entries()) {
    if (index > 0) await composer.press("Shift+Enter");
    await composer.pressSequentially(line);
  }
  await composer.press("Enter");
}

function messageWith(page: Page, text: string) {
  return page.getByTestId("message").filter({ hasText: text });
}

beforeAll(async () => {
  server = sharedServer();
  session = await BrowserSession.start();
}, 120_000);

afterAll(async () => {
  await session?.close();
  await server?.stop();
}, 60_000);

describe("two people chatting", () => {
  it("invites, joins and exchanges messages live", async () => {
    if (!server) throw new Error("server not started");
    const a = await session!.openPage(server.baseUrl);
    const b = await session!.openPage(server.baseUrl);
    const alice = person("Alice");
    const bob = person("Bob");

    // A: sign up, land on the home screen with its first-server card, create one.
    await a.goto("/sign-up");
    await fillSignUp(a, alice);
    await a.getByTestId("server-name").fill("E2E Guild");
    await a.getByTestId("create-server-submit").click();
    await a.waitForURL(/\/channels\/\d+\/\d+$/);
    await expect.poll(() => a.getByTestId("server-icon").count(), { timeout: uiTimeout }).toBe(1);
    expect((await a.getByTestId("channel-link").first().innerText()).trim()).toBe("general");

    // A: make an invite and read the link from the UI.
    await a.getByTestId("server-header").click();
    await a.getByTestId("menu-invite").click();
    const inviteLink = a.getByTestId("invite-link");
    await inviteLink.filter({ hasText: "/invite/" }).waitFor();
    const link = (await inviteLink.textContent())?.trim() ?? "";
    expect(link).toMatch(new RegExp(`^${server.baseUrl}/invite/[A-Za-z0-9_-]+$`));
    await a.keyboard.press("Escape");

    // B: open the invite signed out, create an account from there, come back and join.
    await b.goto(link);
    expect(await b.getByTestId("invite-server-name").innerText()).toBe("E2E Guild");
    await b.getByTestId("invite-sign-up").click();
    await b.waitForURL(/\/sign-up\?next=/);
    await fillSignUp(b, bob);
    await b.waitForURL(/\/invite\//);
    await b.getByTestId("join-server").click();
    await b.waitForURL(/\/channels\/\d+\/\d+$/);
    await b.getByTestId("composer").waitFor();

    // A writes; B sees it without reloading, exactly once.
    const hello = `Hello from Alice ${randomUUID().slice(0, 6)}`;
    await send(a, [hello]);
    await messageWith(a, hello).and(a.locator('[data-pending="false"]')).waitFor();
    await messageWith(b, hello).waitFor();

    // B answers with two lines; A sees it live with the line break kept.
    const reply = `Hi Alice, Bob here ${randomUUID().slice(0, 6)}`;
    await send(b, [reply, "second line"]);
    await messageWith(b, reply).and(b.locator('[data-pending="false"]')).waitFor();
    await messageWith(a, reply).waitFor();
    const replyText = await messageWith(a, reply).getByTestId("message-content").innerText();
    expect(replyText).toBe(`${reply}\nsecond line`);

    for (const page of [a, b]) {
      expect(await messageWith(page, hello).count()).toBe(1);
      expect(await messageWith(page, reply).count()).toBe(1);
    }
    // B joined after A opened the server; A's member list catches up live.
    await expect.poll(() => a.getByTestId("member").count(), { timeout: uiTimeout }).toBe(2);

    const resultsDir = path.join(process.cwd(), "test-results");
    await mkdir(resultsDir, { recursive: true });
    await a.screenshot({ path: path.join(resultsDir, "e2e-a.png") });
    await b.screenshot({ path: path.join(resultsDir, "e2e-b.png") });

    expect(session!.pageErrors).toEqual([]);
  }, 180_000);
});
