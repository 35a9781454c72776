/**
 * No lost messages: a person's browser misses 200 messages while cut off (network drop,
 * then a server restart in the middle) and ends with exactly those 200, in order, once each.
 * No lost changes: an edit, a delete, a reaction and a pin made while it was cut off show
 * once it is back, without a reload, and so does the pins list it had open.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Channel, Invite, Message, Server } from "@/shared/api";
import { TestClient } from "@/server/testing/harness";
import { type RunningServer, startServer } from "./server";
import { launchChromium } from "./browser";

const env = { SEND_BURST: "1000" }; // 200 messages in a few seconds from one person

let dataDir = "";
let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let sender: TestClient;
let channel: Channel;

async function restartOnSamePort() {
  const port = Number(new URL(server.baseUrl).port);
  expect(await server.stop()).toBe(0);
  server = await startServer({ dataDir, generatedSecret: true, port, env });
}

/** The texts of the `tag` messages on B's screen, in screen order. */
async function shown(tag: string): Promise<string[]> {
  const texts = await page.getByTestId("message-content").allInnerTexts();
  return texts.map((t) => t.trim()).filter((t) => t.startsWith(`${tag} `));
}

async function sendMany(tag: string, from: number, to: number) {
  for (let i = from; i < to; i++) {
    const res = await sender.post(`/api/v1/channels/${channel.id}/messages`, { content: `${tag} ${i}`, nonce: `${tag}-${i}` });
    expect(res.status).toBe(201);
  }
}

async function waitForAll(tag: string, count: number) {
  await expect
    .poll(async () => (await shown(tag)).length, { timeout: 30_000, interval: 250 })
    .toBe(count);
  expect(await shown(tag)).toEqual(Array.from({ length: count }, (_, i) => `${tag} ${i}`));
}

async function goOffline() {
  await context.setOffline(true);
  await page.getByRole("status").filter({ hasText: "Connection lost" }).waitFor({ state: "visible", timeout: 30_000 });
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "giga-chat-reconnect-"));
  server = await startServer({ dataDir, generatedSecret: true, env });
  sender = new TestClient(server.baseUrl, { origin: server.baseUrl });
  await sender.signUp("Sender");
  const guild = (await sender.post<Server>("/api/v1/servers", { name: "Reliable" })).body;
  [channel] = (await sender.get<Channel[]>(`/api/v1/servers/${guild.id}/channels`)).body as [Channel];
  const invite = (await sender.post<Invite>(`/api/v1/servers/${guild.id}/invites`, {})).body;
  const reader = new TestClient(server.baseUrl, { origin: server.baseUrl });
  await reader.signUp("Reader");
  await reader.post(`/api/v1/invites/${invite.code}`);

  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 760 } });
  await context.addCookies(
    reader.cookie.split("; ").map((pair) => {
      const [name, value] = pair.split("=", 2) as [string, string];
      return { name, value, url: server.baseUrl };
    }),
  );
  page = await context.newPage();
  page.setDefaultTimeout(30_000);
  await page.goto(`${server.baseUrl}/channels/${guild.id}/${channel.id}`);
  await page.getByTestId("composer").waitFor({ state: "visible" });
}, 300_000); // the first start runs the migrations; slow on a busy machine

afterAll(async () => {
  await context?.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}, 60_000);

/** B's copy of one message. */
const shownMessage = (id: string) => page.locator(`[data-testid=message][data-message-id="${id}"]`);

describe("no lost messages", () => {
  it("catches up on 200 messages sent while the network was down", async () => {
    await goOffline();
    await sendMany("drop", 0, 200);
    await context.setOffline(false);
    await waitForAll("drop", 200);
  });

  it("catches up on 200 messages across a server restart", async () => {
    await goOffline();
    await sendMany("restart", 0, 100);
    await restartOnSamePort(); // same port and data: the sender's session still works
    await sendMany("restart", 100, 200);
    await context.setOffline(false);
    await waitForAll("restart", 200);
  });

  it("shows an edit, a delete, a reaction and a pin made while the network was down, without a reload", async () => {
    const sent: Message[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await sender.post<Message>(`/api/v1/channels/${channel.id}/messages`, { content: `change ${i}`, nonce: `change-${i}` });
      expect(res.status).toBe(201);
      sent.push(res.body);
    }
    const [edited, deleted, reacted, pinned] = sent as [Message, Message, Message, Message];
    await waitForAll("change", 4);
    // The pins list, fetched once (nothing pinned yet) and kept open.
    await page.getByTestId("pins-button").click();
    const pins = page.getByTestId("pins");
    await pins.getByText("does not have any pinned messages").waitFor({ state: "visible" });
    await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));

    await goOffline();
    const base = `/api/v1/channels/${channel.id}/messages`;
    expect((await sender.request("PATCH", `${base}/${edited.id}`, { content: "change 0 edited" })).status).toBe(200);
    expect((await sender.request("DELETE", `${base}/${deleted.id}`)).status).toBe(204);
    expect((await sender.request("PUT", `${base}/${reacted.id}/reactions/${encodeURIComponent("👍")}/@me`)).status).toBe(204);
    expect((await sender.request("PUT", `/api/v1/channels/${channel.id}/pins/${pinned.id}`)).status).toBe(204);
    await context.setOffline(false);

    await expect.poll(() => shownMessage(edited.id).getByTestId("message-content").innerText(), { timeout: 30_000 }).toContain("change 0 edited");
    await shownMessage(deleted.id).waitFor({ state: "detached" });
    await expect.poll(() => shownMessage(reacted.id).getByTestId("reaction").getAttribute("aria-label")).toBe("👍 1");
    await expect.poll(() => shownMessage(pinned.id).getAttribute("data-pinned")).toBe("true");
    await pins.getByTestId("pinned-message").filter({ hasText: "change 3" }).waitFor({ state: "visible" });
    const texts = await shown("change");
    expect(texts).toHaveLength(3);
    expect(texts[0]).toMatch(/^change 0 edited/);
    expect(texts.slice(1)).toEqual(["change 2", "change 3"]);
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    await page.screenshot({ path: path.join(process.cwd(), "test-results", "reconnect-catch-up.png") });
  });
});
