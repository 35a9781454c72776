/**
 * Social sign-in end to end: a real OpenID Connect provider on 127.0.0.1, the "Continue
 * with" button in Chromium, the provider's login and consent pages, and back into the
 * app as a new person carrying the provider's email and name. The Google and GitHub
 * buttons take the same path (better-auth's generic OAuth plugin) with their endpoints.
 * A provider account whose email matches an existing, unverified account is not linked
 * to it: the page says to sign in and link it from settings instead.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { randomUUID } from "node:crypto";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SelfUser } from "@/shared/api";
import { type RunningOidcProvider, startOidcProvider } from "./fixtures/oidc-provider";
import { BrowserSession } from "./browser";
import { type RunningServer, freePort, startServer } from "./server";

const tag = randomUUID().slice(0, 8);
const newcomer = { login: `ada-${tag}`, email: `ada-${tag}@idp.example.test`, name: "Ada From The IdP" };
const existing = { login: `bob-${tag}`, email: `bob-${tag}@example.test`, name: "Bob At The IdP" };

let provider: RunningOidcProvider | undefined;
let server: RunningServer | undefined;
let session: BrowserSession | undefined;

beforeAll(async () => {
  const appPort = await freePort();
  provider = await startOidcProvider({
    port: await freePort(),
    redirectUri: `http://127.0.0.1:${appPort}/api/auth/callback/oidc`,
    accounts: {
      [newcomer.login]: { email: newcomer.email, name: newcomer.name, emailVerified: true },
      [existing.login]: { email: existing.email, name: existing.name, emailVerified: true },
    },
  });
  server = await startServer({
    port: appPort,
    env: {
      OIDC_DISCOVERY_URL: provider.discoveryUrl,
      OIDC_CLIENT_ID: provider.clientId,
      OIDC_CLIENT_SECRET: provider.clientSecret,
      OIDC_NAME: "Example SSO",
    },
  });
  session = await BrowserSession.start();
}, 120_000);

afterAll(async () => {
  await session?.close();
  await server?.stop();
  await provider?.stop();
}, 60_000);

/** Clicks the SSO button and goes through the provider's login and consent pages. */
async function signInAtProvider(page: Page, login: string) {
  await page.goto("/sign-in");
  await page.getByTestId("social-oidc").click();
  await page.waitForURL((url) => url.origin === provider!.issuer);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("anything");
  await page.locator('button[type="submit"]').click();
  // Consent ("Continue"), the first time this client asks for these scopes.
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((url) => url.origin === server!.baseUrl);
}

describe("sign-in with an OpenID Connect provider", () => {
  it("shows the configured provider's button and lands a new person in the app", async () => {
    const page = await session!.openPage(server!.baseUrl);
    await page.goto("/sign-in");
    await page.getByTestId("social-oidc").waitFor();
    expect(await page.getByTestId("social-oidc").innerText()).toContain("Continue with Example SSO");
    // Only what the operator configured is offered.
    expect(await page.getByTestId("social-google").count()).toBe(0);
    expect(await page.getByTestId("social-github").count()).toBe(0);

    await signInAtProvider(page, newcomer.login);
    await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
    const me = await page.evaluate(async () => {
      const res = await fetch("/api/v1/users/@me");
      return (await res.json()) as SelfUser;
    });
    expect(me).toMatchObject({ email: newcomer.email, name: newcomer.name, emailVerified: true, hasPassword: false });
    expect(me.username).toMatch(/^ada_from_the_idp/);

    const resultsDir = path.join(process.cwd(), "test-results");
    await mkdir(resultsDir, { recursive: true });
    await page.screenshot({ path: path.join(resultsDir, "oidc-signed-in.png") });

    // Signing in again through the provider finds the same person.
    await page.context().clearCookies({ domain: "127.0.0.1" });
    await signInAtProvider(page, newcomer.login).catch(async () => {
      // The provider remembers the consent, so there may be no second page to click.
    });
    await page.waitForURL((url) => url.origin === server!.baseUrl && !url.pathname.startsWith("/sign-in"));
    const again = await page.evaluate(async () => (await (await fetch("/api/v1/users/@me")).json()) as SelfUser);
    expect(again.id).toBe(me.id);
    expect(session!.pageErrors).toEqual([]);
  });

  it("does not join a provider account to an existing account whose email was never proven", async () => {
    // Someone registered this address with a password but never confirmed it.
    const signUp = await fetch(`${server!.baseUrl}/api/auth/sign-up/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: server!.baseUrl },
      body: JSON.stringify({ email: existing.email, password: "a password of theirs", name: "Bob Local" }),
    });
    expect(signUp.status).toBe(200);

    const page = await session!.openPage(server!.baseUrl);
    await signInAtProvider(page, existing.login);
    await page.waitForURL((url) => url.pathname.startsWith("/sign-in") && url.searchParams.has("error"));
    await page.getByText("An account with this email already exists").waitFor();
    expect((await page.evaluate(() => fetch("/api/v1/users/@me").then((r) => r.status)))).toBe(401);
  });
});
