/**
 * The browser side of the doors: the app works under its Content-Security-Policy (no
 * violation from signing up to chatting), an injected inline handler is refused, and a
 * `next=` that the browser would turn into another site keeps the person on ours.
 */
import path from "node:path";
import { randomUUID } from "node:crypto";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { fillSignUp, person, uiTimeout } from "./browser";
import { e2eFixture } from "./fixture";

const world = e2eFixture();

/** Every CSP violation the page reports, as the browser's console and its DOM event tell it. */
async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error" && /Content Security Policy/i.test(msg.text())) violations.push(msg.text());
  });
  await page.exposeFunction("reportCspViolation", (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { reportCspViolation(t: string): void }).reportCspViolation(`${e.violatedDirective}: ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`);
    });
  });
  return violations;
}

describe("browser protections", () => {
  it("signs up through a hostile next=, chats under the CSP with no violation, and refuses injected script", async () => {
    const { server, session, resultsDir } = world;
    const page = await session.openPage(server.baseUrl);
    const violations = await watchCsp(page);

    const response = await page.goto("/sign-up?next=%2F%09%2Fevil.example");
    const csp = response!.headers()["content-security-policy"] ?? "";
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(csp).toContain("frame-ancestors 'none'");

    // The tab would make /\t/evil.example into //evil.example: the person stays here.
    await fillSignUp(page, person("Csp"));
    await page.getByTestId("server-name").waitFor();
    expect(new URL(page.url()).origin).toBe(server.baseUrl);

    await page.getByTestId("server-name").fill("Policy Guild");
    await page.getByTestId("create-server-submit").click();
    await page.waitForURL(/\/channels\/\d+\/\d+$/);
    const hello = `Under the policy ${randomUUID().slice(0, 6)}`;
    const composer = page.getByTestId("composer");
    await composer.click();
    await composer.pressSequentially(hello);
    await composer.press("Enter");
    await page.getByTestId("message").filter({ hasText: hello }).and(page.locator('[data-pending="false"]')).waitFor();
    await page.getByTestId("server-header").click();
    await page.getByTestId("menu-invite").click();
    await page.getByTestId("invite-link").filter({ hasText: "/invite/" }).waitFor();
    await page.keyboard.press("Escape");
    await page.screenshot({ path: path.join(resultsDir, "doors-signed-in.png") });
    expect(violations).toEqual([]);
    expect(session.pageErrors).toEqual([]);

    // Markup that slips in cannot run: an inline handler is refused and reported.
    const ran = await page.evaluate(async () => {
      document.body.insertAdjacentHTML("beforeend", '<img src="data:," onerror="window.__injected = 1" onload="window.__injected = 1">');
      await new Promise((r) => setTimeout(r, 200));
      return (window as unknown as { __injected?: number }).__injected ?? 0;
    });
    expect(ran).toBe(0);
    await expect.poll(() => violations.length, { timeout: uiTimeout }).toBeGreaterThan(0);
  }, 180_000);
});
