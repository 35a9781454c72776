/**
 * Accounts in the browser: a person sets a username, turns on two-factor by scanning
 * (reading) the secret and typing the app's code, keeps the backup codes, and then signs
 * in on a second device with password + code (a wrong code is refused). From the first
 * device's sessions list they sign the second one out, and its open window is sent to
 * the sign-in page at once.
 */
import path from "node:path";
import { randomUUID } from "node:crypto";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { SelfUser } from "@/shared/api";
import { base32Decode, totpCode } from "../src/server/auth/totp";
import { fillSignUp, person } from "./browser";
import { e2eFixture } from "./fixture";

const e2e = e2eFixture();
const { resultsDir } = e2e;

const me = (page: Page) => page.evaluate(async () => (await (await fetch("/api/v1/users/@me")).json()) as SelfUser);

/** A code from the period after the one the confirmation used, as a phone would show later. */
async function freshCode(key: Buffer, after?: string): Promise<string> {
  let code = totpCode(key);
  while (code === after) {
    await new Promise((r) => setTimeout(r, 1000));
    code = totpCode(key);
  }
  return code;
}

describe("account security in the browser", () => {
  it("username, two-factor on, sign-in with a code elsewhere, and revoking that device", async () => {
    const ada = person("Ada");
    const first = await e2e.session.openPage(e2e.server.baseUrl);
    await first.goto("/sign-up");
    await fillSignUp(first, ada);
    // A first server, from the home screen's first-server card.
    await first.getByTestId("create-server-submit").click();
    await first.waitForURL(/\/channels\/\d+\/\d+$/);
    await first.getByTestId("user-settings-open").click();

    // Profile: a username, checked as it is typed.
    const username = `ada.${randomUUID().slice(0, 6)}`;
    await first.getByTestId("settings-tab-profile").click();
    await first.getByTestId("username-input").fill("Ada..Bad");
    await first.getByTestId("username-status").getByText(/lowercase|periods/).waitFor();
    await first.getByTestId("username-input").fill(username);
    await first.getByTestId("username-status").getByText("Available").waitFor();
    await first.getByTestId("save-bar-save").click();
    await first.getByTestId("save-bar").waitFor({ state: "detached" });
    expect((await me(first)).username).toBe(username);

    // Security: turn two-factor on.
    await first.getByTestId("settings-tab-security").click();
    await first.getByTestId("enable-2fa").click();
    await first.getByTestId("2fa-password").fill(ada.password);
    await first.getByTestId("2fa-password-submit").click();
    const secret = (await first.getByTestId("totp-secret").innerText()).replace(/\s/g, "");
    const key = base32Decode(secret);
    await first.getByTestId("totp-confirm-code").fill("000000");
    await first.getByTestId("totp-confirm-submit").click();
    await first.getByTestId("form-error").waitFor();
    const used = totpCode(key);
    await first.getByTestId("totp-confirm-code").fill(used);
    await first.getByTestId("totp-confirm-submit").click();
    await first.getByTestId("backup-codes").waitFor();
    expect(await first.getByTestId("backup-code").count()).toBe(10);
    await first.screenshot({ path: path.join(resultsDir, "accounts-backup-codes.png") });
    await first.getByTestId("backup-codes-done").click();
    expect((await me(first)).twoFactorEnabled).toBe(true);

    // A second device: password, then a code; a wrong one is refused.
    const second = await e2e.session.openPage(e2e.server.baseUrl);
    await second.goto("/sign-in");
    await second.getByLabel("Email").fill(ada.email);
    await second.getByLabel("Password").fill(ada.password);
    await second.getByTestId("sign-in-submit").click();
    await second.getByTestId("two-factor-step").waitFor();
    await second.getByTestId("two-factor-code").fill("123456");
    await second.getByTestId("two-factor-submit").click();
    await second.getByText("That code didn't work").waitFor();
    await second.screenshot({ path: path.join(resultsDir, "accounts-two-factor-step.png") });
    expect(await second.evaluate(() => fetch("/api/v1/users/@me").then((r) => r.status))).toBe(401);
    await second.getByTestId("two-factor-code").fill(await freshCode(key, used));
    await second.getByTestId("two-factor-submit").click();
    await second.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
    await second.getByTestId("user-settings-open").waitFor();

    // The first device sees two sessions (on opening the page again) and signs the
    // second out; its window notices.
    await first.getByTestId("settings-tab-my-account").click();
    await first.getByTestId("settings-tab-security").click();
    await first.getByTestId("session").nth(1).waitFor();
    await first.screenshot({ path: path.join(resultsDir, "accounts-security.png"), fullPage: true });
    await first.getByTestId("revoke-session").first().click();
    await second.waitForURL((url) => url.pathname.startsWith("/sign-in"));
    expect(await second.evaluate(() => fetch("/api/v1/users/@me").then((r) => r.status))).toBe(401);
    expect((await me(first)).email).toBe(ada.email);
    expect(e2e.session.pageErrors).toEqual([]);
  });
});
