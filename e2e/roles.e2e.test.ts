/**
 * Roles and private channels, live: the admin makes a role and a channel only that role
 * sees, gives the role to B (B sees the channel appear without a reload), takes it away
 * (the channel leaves B's screen and B's socket gets nothing more from it), and the audit
 * log names who did what to whom.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sharedServer } from "./fixture";
import type { RunningServer } from "./server";
import { BrowserSession, person, fillSignUp, uiTimeout } from "./browser";

const resultsDir = path.join(process.cwd(), "test-results");

let server: RunningServer | undefined;
let session: BrowserSession | undefined;

/** Every Socket.IO frame the page receives over its WebSocket, as text. */
function recordSocketFrames(page: Page): string[] {
  const frames: string[] = [];
  page.on("websocket", (ws) => {
    if (!ws.url().includes("/socket.io/")) return;
    ws.on("framereceived", ({ payload }) => frames.push(typeof payload === "string" ? payload : payload.toString("utf8")));
  });
  return frames;
}

async function send(page: Page, text: string): Promise<void> {
  const composer = page.getByTestId("composer");
  await composer.click();
  await composer.pressSequentially(text);
  await composer.press("Enter");
  await page.getByTestId("message").filter({ hasText: text }).and(page.locator('[data-pending="false"]')).waitFor();
}

async function serverMenu(page: Page, item: string): Promise<void> {
  await page.getByTestId("server-header").click();
  await page.getByTestId(item).click();
}

function channelRow(page: Page, name: string) {
  return page.locator(`[data-testid="channel-row"][data-channel-name="${name}"]`);
}

async function openChannel(page: Page, name: string): Promise<void> {
  await channelRow(page, name).getByTestId("channel-link").click();
  await expect.poll(() => page.getByTestId("channel-title").innerText(), { timeout: uiTimeout }).toBe(name);
}

beforeAll(async () => {
  server = sharedServer();
  session = await BrowserSession.start();
  await mkdir(resultsDir, { recursive: true });
}, 120_000);

afterAll(async () => {
  await session?.close();
  await server?.stop();
}, 60_000);

describe("roles and private channels", () => {
  it("shows and hides a private channel live as a role comes and goes, and audits it", async () => {
    if (!server) throw new Error("server not started");
    const a = await session!.openPage(server.baseUrl);
    const b = await session!.openPage(server.baseUrl);
    const bFrames = recordSocketFrames(b);
    const admin = person("Admin");
    const bob = person("Bob");

    // A: a server and an invite.
    await a.goto("/sign-up");
    await fillSignUp(a, admin);
    await a.getByTestId("server-name").fill("Roles Guild");
    await a.getByTestId("create-server-submit").click();
    await a.waitForURL(/\/channels\/\d+\/\d+$/);
    await serverMenu(a, "menu-invite");
    const inviteLink = a.getByTestId("invite-link");
    await inviteLink.filter({ hasText: "/invite/" }).waitFor();
    const link = (await inviteLink.textContent())?.trim() ?? "";
    await a.keyboard.press("Escape");

    // B joins through it.
    await b.goto(link);
    await b.getByTestId("invite-sign-up").click();
    await fillSignUp(b, bob);
    await b.waitForURL(/\/invite\//);
    await b.getByTestId("join-server").click();
    await b.waitForURL(/\/channels\/\d+\/\d+$/);
    await b.getByTestId("composer").waitFor();
    const generalUrl = b.url();

    // A: a role named Crew, from the Roles tab.
    await serverMenu(a, "menu-settings");
    await a.getByTestId("settings-tab-roles").click();
    await a.getByTestId("new-role-name").fill("Crew");
    await a.getByTestId("create-role").click();
    await a.getByTestId("role-editor").filter({ hasText: "Crew" }).waitFor();
    await a.screenshot({ path: path.join(resultsDir, "settings-roles.png") });
    await a.getByTestId("settings-close").click();

    // A: a private channel only Crew may see.
    await serverMenu(a, "menu-create-channel");
    await a.getByTestId("channel-name-input").fill("crew-only");
    await a.getByTestId("private-toggle").click();
    await a.getByTestId("private-role-Crew").check();
    await a.getByTestId("create-channel-submit").click();
    await expect.poll(() => a.getByTestId("channel-title").innerText(), { timeout: uiTimeout }).toBe("crew-only");
    await send(a, "welcome crew");
    expect(await channelRow(b, "crew-only").count()).toBe(0);

    // A gives B the role from the member list's context menu; B sees the channel, no reload.
    const bobInList = a.getByTestId("member").filter({ hasText: bob.name });
    await bobInList.click({ button: "right" });
    await a.getByTestId("member-role-Crew").click();
    await expect.poll(() => a.getByTestId("member-role-Crew").getAttribute("aria-checked"), { timeout: uiTimeout }).toBe("true");
    await a.keyboard.press("Escape");
    await channelRow(b, "crew-only").waitFor();
    await openChannel(b, "crew-only");
    await b.getByTestId("message").filter({ hasText: "welcome crew" }).waitFor();
    const live = `crew live ${randomUUID().slice(0, 6)}`;
    await send(a, live);
    await b.getByTestId("message").filter({ hasText: live }).waitFor();
    expect(bFrames.some((f) => f.includes(live))).toBe(true);
    await a.screenshot({ path: path.join(resultsDir, "roles-a.png") });
    await b.screenshot({ path: path.join(resultsDir, "roles-b.png") });

    // A takes the role away in Server Settings > Members; the channel leaves B's screen.
    await serverMenu(a, "menu-settings");
    await a.getByTestId("settings-tab-members").click();
    await a.getByTestId("member-row").filter({ hasText: bob.name }).getByRole("button", { name: "Remove Crew" }).click();
    await a.getByTestId("member-row").filter({ hasText: bob.name }).getByTestId("role-chip").filter({ hasText: "Crew" }).waitFor({ state: "detached" });
    await channelRow(b, "crew-only").waitFor({ state: "detached" });
    await b.waitForURL(generalUrl);
    await a.getByTestId("settings-close").click();

    // B's socket hears nothing more from crew-only: a later message elsewhere arrives, the
    // crew-only one sent before it never does (events reach a socket in order).
    const secret = `crew secret ${randomUUID().slice(0, 6)}`;
    await send(a, secret);
    await openChannel(a, "general");
    const after = `general after ${randomUUID().slice(0, 6)}`;
    await send(a, after);
    await b.getByTestId("message").filter({ hasText: after }).waitFor();
    expect(bFrames.some((f) => f.includes(after))).toBe(true);
    expect(bFrames.filter((f) => f.includes(secret))).toEqual([]);
    expect(await b.getByText(secret).count()).toBe(0);

    // The audit log names the actor and target of each step.
    await serverMenu(a, "menu-settings");
    await a.getByTestId("settings-tab-audit-log").click();
    const entries = a.getByTestId("audit-entry");
    await entries.first().waitFor();
    const expectEntry = async (action: string, target: string, change?: string) => {
      let entry = a.locator(`[data-testid="audit-entry"][data-action="${action}"]`).filter({ hasText: target });
      if (change) entry = entry.filter({ hasText: change });
      await entry.first().waitFor();
      expect(await entry.first().getByTestId("audit-actor").innerText()).toBe(admin.name);
      expect(await entry.first().getByTestId("audit-target").innerText()).toContain(target);
    };
    await expectEntry("role.create", "Crew");
    await expectEntry("channel.create", "crew-only");
    await expectEntry("member.roles", bob.name, "added roles: Crew");
    await expectEntry("member.roles", bob.name, "removed roles: Crew");
    // Newest first: the removal came after the grant.
    const roleEntries = await a.locator('[data-testid="audit-entry"][data-action="member.roles"]').allInnerTexts();
    expect(roleEntries[0]).toContain("removed roles: Crew");
    await a.screenshot({ path: path.join(resultsDir, "audit-log.png") });

    expect(session!.pageErrors).toEqual([]);
  }, 240_000);
});
