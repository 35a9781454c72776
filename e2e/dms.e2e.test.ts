/**
 * Direct messages in the browser. A, B and C share a server. A opens B's profile card
 * and sends a direct message; B sees the unread badge on the home button and the
 * conversation in the DM list, opens it and answers; A starts a group with B and C and
 * all three talk.
 */
import path from "node:path";
import { randomUUID } from "node:crypto";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { joinThroughInvite, ownerWithInvite, person, uiTimeout } from "./browser";
import { e2eFixture } from "./fixture";

const e2e = e2eFixture();
const { resultsDir } = e2e;

async function send(page: Page, text: string) {
  const composer = page.getByTestId("composer");
  await composer.click();
  await composer.pressSequentially(text);
  await composer.press("Enter");
}

const messageWith = (page: Page, text: string) => page.getByTestId("message").filter({ hasText: text });

describe("direct messages", () => {
  it("a DM from a profile card, the unread badge, and a group of three", async (ctx) => {
    const open = () => e2e.session.openPage(e2e.server.baseUrl);
    const [a, b, c] = [await open(), await open(), await open()];
    const [ann, ben, cy] = [person("Ann"), person("Ben"), person("Cy")];
    ctx.onTestFailed(async () => {
      for (const [label, page] of [["a", a], ["b", b], ["c", c]] as const) {
        await page.screenshot({ path: path.join(resultsDir, `dms-failed-${label}.png`) }).catch(() => undefined);
      }
    });

    const link = await ownerWithInvite(a, ann, "DM Guild");
    await joinThroughInvite(b, link, ben);
    await joinThroughInvite(c, link, cy);

    // A opens B's profile from the member list and sends a message.
    await a.getByTestId("member").filter({ hasText: ben.name }).click();
    await a.getByTestId("profile-card").waitFor();
    await a.getByTestId("profile-message").click();
    await a.waitForURL(/\/channels\/me\/\d+$/);
    const dmUrl = a.url();
    await a.getByTestId("dm-title").filter({ hasText: ben.name }).waitFor();
    const hello = `psst ${randomUUID().slice(0, 6)}`;
    await send(a, hello);
    await messageWith(a, hello).and(a.locator('[data-pending="false"]')).waitFor();

    // B, still in the server, sees the badge on the home button; opens the conversation.
    await b.getByTestId("home-unread").filter({ hasText: "1" }).waitFor();
    await b.screenshot({ path: path.join(resultsDir, "dms-home-badge.png") });
    await b.getByTestId("home-button").click();
    const item = b.getByTestId("dm-item").filter({ hasText: ann.name });
    await item.getByTestId("dm-unread").waitFor();
    await item.getByTestId("dm-link").click();
    await messageWith(b, hello).waitFor();
    const answer = `hey ${randomUUID().slice(0, 6)}`;
    await send(b, answer);
    await messageWith(a, answer).waitFor();
    await expect.poll(() => b.getByTestId("home-unread").count(), { timeout: uiTimeout }).toBe(0);

    // A starts a group with B and C; all three talk.
    await a.getByTestId("new-group").click();
    const picker = a.getByTestId("group-picker");
    await picker.waitFor();
    await picker.getByLabel(ben.name, { exact: true }).check();
    await picker.getByLabel(cy.name, { exact: true }).check();
    await a.getByTestId("group-create").click();
    await expect.poll(() => a.url(), { timeout: uiTimeout }).not.toBe(dmUrl);
    const groupUrl = a.url();
    // The group's own view (not the previous conversation's) before typing.
    await a.getByTestId("dm-title").filter({ hasText: ben.name }).filter({ hasText: cy.name }).waitFor();
    const fromA = `group hello ${randomUUID().slice(0, 6)}`;
    await send(a, fromA);
    for (const [page, name] of [[b, ben], [c, cy]] as const) {
      await page.getByTestId("home-button").click();
      const group = page.getByTestId("dm-item").filter({ hasText: ann.name }).filter({ hasText: name === ben ? cy.name : ben.name });
      await group.getByTestId("dm-link").click();
      await expect.poll(() => page.url(), { timeout: uiTimeout }).toBe(groupUrl);
      await messageWith(page, fromA).waitFor();
    }
    const fromB = `from ben ${randomUUID().slice(0, 6)}`;
    const fromC = `from cy ${randomUUID().slice(0, 6)}`;
    await send(b, fromB);
    await send(c, fromC);
    for (const page of [a, b, c]) {
      await messageWith(page, fromB).waitFor();
      await messageWith(page, fromC).waitFor();
      expect(await messageWith(page, fromA).count()).toBe(1);
    }
    await a.screenshot({ path: path.join(resultsDir, "dms-group.png") });
    expect(e2e.session.pageErrors).toEqual([]);
  });
});
