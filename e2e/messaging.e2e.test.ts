/**
 * Two people, live: typing, a reply that jumps to its original, a reaction counted on
 * both screens, an edit and a delete seen by the other, a mention that highlights the
 * message and badges the other's channel and server until read, and a search that
 * opens the hit in its channel.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from "vitest";
import { sharedServer } from "./fixture";
import type { RunningServer } from "./server";
import { BrowserSession, person, fillSignUp } from "./browser";

const resultsDir = path.join(process.cwd(), "test-results");

let server: RunningServer | undefined;
let session: BrowserSession | undefined;

/** The message whose own text (not a quoted reply) contains `text`. */
function message(page: Page, text: string) {
  return page.getByTestId("message").filter({ has: page.getByTestId("message-content").filter({ hasText: text }) });
}

async function send(page: Page, text: string): Promise<void> {
  const composer = page.getByTestId("composer");
  await composer.click();
  await composer.pressSequentially(text);
  await composer.press("Enter");
  await message(page, text).and(page.locator('[data-pending="false"]')).waitFor();
}

async function act(page: Page, text: string, action: string): Promise<void> {
  const target = message(page, text);
  await target.hover();
  await target.getByTestId(action).click();
}

async function openChannel(page: Page, name: string): Promise<void> {
  // The person looks at this window: it takes focus, as reading does (acks need attention).
  await page.bringToFront();
  await page.locator(`[data-testid="channel-row"][data-channel-name="${name}"] [data-testid="channel-link"]`).click();
  await expect.poll(() => page.getByTestId("channel-title").innerText()).toBe(name);
}

beforeAll(async () => {
  server = sharedServer();
  session = await BrowserSession.start();
}, 120_000);

afterAll(async () => {
  await session?.close();
  await server?.stop();
}, 60_000);

describe("messaging between two people", () => {
  it("types, replies, reacts, edits, deletes, mentions and searches, all live", async () => {
    if (!server) throw new Error("server not started");
    const a = await session!.openPage(server.baseUrl);
    const b = await session!.openPage(server.baseUrl);
    const alice = person("Alice");
    const bob = person("Bob");
    const tag = randomUUID().slice(0, 6);
    // What each screen showed when a step failed, to see why.
    onTestFailed(async () => {
      await mkdir(resultsDir, { recursive: true });
      await a.screenshot({ path: path.join(resultsDir, "messaging-failed-a.png") }).catch(() => undefined);
      await b.screenshot({ path: path.join(resultsDir, "messaging-failed-b.png") }).catch(() => undefined);
    });

    // A makes a server with a second channel and an invite; B joins through it.
    await a.goto("/sign-up");
    await fillSignUp(a, alice);
    await a.getByTestId("server-name").fill("Messaging Guild");
    await a.getByTestId("create-server-submit").click();
    await a.waitForURL(/\/channels\/\d+\/\d+$/);
    const [, serverId] = /\/channels\/(\d+)\//.exec(a.url()) ?? [];
    const created = await a.evaluate(async (id) => {
      const response = await fetch(`/api/v1/servers/${id}/channels`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ name: "random", type: "text" }),
      });
      return response.status;
    }, serverId);
    expect(created).toBe(201);
    await a.getByTestId("server-header").click();
    await a.getByTestId("menu-invite").click();
    const inviteLink = a.getByTestId("invite-link");
    await inviteLink.filter({ hasText: "/invite/" }).waitFor();
    const link = (await inviteLink.textContent())?.trim() ?? "";
    await a.keyboard.press("Escape");

    await b.goto(link);
    await b.getByTestId("invite-sign-up").click();
    await b.waitForURL(/\/sign-up\?next=/);
    await fillSignUp(b, bob);
    await b.waitForURL(/\/invite\//);
    await b.getByTestId("join-server").click();
    await b.waitForURL(/\/channels\/\d+\/\d+$/);
    await openChannel(b, "general");

    const hello = `Hello from Alice ${tag}`;
    await send(a, hello);
    await message(b, hello).waitFor();

    // Typing: B types without sending; A sees who.
    await b.getByTestId("composer").click();
    await b.getByTestId("composer").pressSequentially("thinking about it");
    await expect.poll(() => a.getByTestId("typing-text").innerText()).toBe(`${bob.name} is typing…`);
    await b.getByTestId("composer").fill("");

    // Reply: B answers A's message; both see the quote, and it jumps to the original.
    await act(b, hello, "action-reply");
    await b.getByTestId("reply-bar").waitFor();
    const answer = `Hi Alice, replying ${tag}`;
    await send(b, answer);
    await expect(b.getByTestId("reply-bar").count()).resolves.toBe(0);
    const replyOnA = message(a, answer);
    await replyOnA.getByTestId("reply-preview").filter({ hasText: hello }).waitFor();
    // The typing indicator ends with B's message, without waiting for it to expire.
    await expect.poll(() => a.getByTestId("typing-text").count()).toBe(0);
    await replyOnA.getByTestId("reply-jump").click();
    await expect.poll(() => message(a, hello).getAttribute("class")).toContain("animate-");

    // React: A reacts to B's reply with the picker; B sees the count live and adds theirs.
    await act(a, answer, "action-react");
    await a.getByTestId("emoji-search").fill("tada");
    await a.getByTestId("emoji-option").first().click();
    const tadaOn = (page: Page) => message(page, answer).locator('[data-testid="reaction"][data-emoji="🎉"]');
    await expect.poll(() => tadaOn(b).getByTestId("reaction-count").innerText()).toBe("1");
    expect(await tadaOn(b).getAttribute("data-me")).toBe("false");
    await tadaOn(b).click();
    await expect.poll(() => tadaOn(a).getByTestId("reaction-count").innerText()).toBe("2");
    await expect.poll(() => tadaOn(b).getAttribute("data-me")).toBe("true");
    expect(await tadaOn(a).getAttribute("data-me")).toBe("true");
    // Hovering shows who reacted.
    await tadaOn(b).hover();
    await expect.poll(() => b.getByTestId("reactors").innerText()).toContain(alice.name);

    // Edit: A changes the first message; B sees the new text marked edited.
    const edited = `Hello everyone, edited ${tag}`;
    await act(a, hello, "action-edit");
    await a.getByTestId("message-editor").fill(edited);
    await a.getByTestId("message-editor").press("Enter");
    await message(b, edited).getByTestId("edited-marker").waitFor();
    expect(await message(b, hello).count()).toBe(0);
    await message(b, answer).getByTestId("reply-preview").filter({ hasText: edited }).waitFor();

    // Delete: A sends and deletes a message; it disappears for B.
    const doomed = `This will be deleted ${tag}`;
    await send(a, doomed);
    await message(b, doomed).waitFor();
    await act(a, doomed, "action-delete");
    await a.getByTestId("confirm-delete").click();
    await expect.poll(() => message(b, doomed).count()).toBe(0);
    expect(await message(a, doomed).count()).toBe(0);

    // Offline: A's send waits as queued, then goes out once when the network is back.
    const queued = `Written offline ${tag}`;
    await a.context().setOffline(true);
    const composerA = a.getByTestId("composer");
    await composerA.click();
    await composerA.pressSequentially(queued);
    await composerA.press("Enter");
    await message(a, queued).and(a.locator('[data-status="queued"]')).waitFor();
    await a.context().setOffline(false);
    await message(a, queued).and(a.locator('[data-pending="false"]')).waitFor();
    await message(b, queued).waitFor();
    await expect.poll(() => message(b, queued).count()).toBe(1);

    // Mention: B moves to #random; A mentions B in #general via the autocomplete.
    await openChannel(b, "random");
    const composer = a.getByTestId("composer");
    await composer.click();
    await composer.pressSequentially("@Bob");
    await a.getByTestId("mention-option").filter({ hasText: bob.name }).first().waitFor();
    await composer.press("Enter");
    await composer.pressSequentially(`can you look at this ${tag}`);
    await composer.press("Enter");
    const ping = `can you look at this ${tag}`;
    // The token went out, and comes back drawn as the name.
    await expect.poll(() => message(a, ping).getByTestId("message-content").innerText()).toContain(`@${bob.name} ${ping}`);

    const generalRow = b.locator('[data-testid="channel-row"][data-channel-name="general"]');
    await expect.poll(() => generalRow.getByTestId("channel-mention-badge").innerText()).toBe("1");
    expect(await generalRow.getAttribute("data-unread")).toBe("true");
    await expect.poll(() => b.getByTestId("server-mention-badge").innerText()).toBe("1");
    await b.screenshot({ path: path.join(resultsDir, "messaging-b-badges.png") });

    // B reads it: highlighted for B, and both badges clear.
    await openChannel(b, "general");
    await expect.poll(() => message(b, ping).getAttribute("data-mentioned")).toBe("true");
    await expect.poll(() => b.getByTestId("channel-mention-badge").count()).toBe(0);
    await expect.poll(() => b.getByTestId("server-mention-badge").count()).toBe(0);

    await mkdir(resultsDir, { recursive: true });
    await a.mouse.move(0, 0);
    await a.screenshot({ path: path.join(resultsDir, "messaging-a.png") });
    await b.mouse.move(0, 0);
    await b.screenshot({ path: path.join(resultsDir, "messaging-b.png") });

    // Search: from #random, A finds the edited message and jumps to it in #general.
    await openChannel(a, "random");
    await a.getByTestId("search-input").fill(`edited ${tag}`);
    await a.getByTestId("search-input").press("Enter");
    const hit = a.getByTestId("search-result").first();
    await hit.getByTestId("search-highlight").first().waitFor();
    await a.screenshot({ path: path.join(resultsDir, "search.png") });
    await hit.click();
    await expect.poll(() => a.getByTestId("channel-title").innerText()).toBe("general");
    await expect(message(a, edited).isVisible()).resolves.toBe(true);

    expect(session!.pageErrors).toEqual([]);
  }, 240_000);
});
