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
import { keyFromUri, totpCode } from "../src/server/auth/totp";
import { BrowserSession, fillSignUp, person } from "./browser";
import { type RunningServer, freePort, startServer } from "./server";

const tag = randomUUID().slice(0, 8);
const newcomer = { login: `ada-${tag}`, email: `ada-${tag}@idp.example.test`, name: "Ada From The IdP" };
const existing = { login: `bob-${tag}`, email: `bob-${tag}@example.test`, name: "Bob At The IdP" };
const careful = person("Carol");
const carolLogin = `carol-${tag}`;

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
      [carolLogin]: { email: careful.email, name: "Carol At The IdP", emailVerified: true },
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

  it("asks a person with two-factor on for a code after the provider, too", async () => {
    const page = await session!.openPage(server!.baseUrl);
    await page.goto("/sign-up");
    await fillSignUp(page, careful);
    await page.waitForURL((url) => !url.pathname.startsWith("/sign-up"));
    const post = (path: string, body: unknown) =>
      page.evaluate(
        async ([p, b]) => {
          const res = await fetch(p as string, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(b) });
          return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> | null };
        },
        [path, body] as const,
      );
    const enabled = await post("/api/auth/two-factor/enable", { password: careful.password });
    const uri = enabled.body!.totpURI as string;
    expect((await post("/api/auth/two-factor/verify-totp", { code: totpCode(keyFromUri(uri)) })).status).toBe(200);

    // Link the provider account (same email) while signed in.
    const link = await post("/api/auth/link-social", { provider: "oidc", callbackURL: "/" });
    await page.goto(link.body!.url as string);
    await page.locator('input[name="login"]').fill(carolLogin);
    await page.locator('input[name="password"]').fill("anything");
    await page.locator('button[type="submit"]').click();
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((url) => url.origin === server!.baseUrl);
    expect((await post("/api/auth/sign-out", {})).status).toBe(200);

    // Through the provider again (it remembers this browser): the app asks for the code.
    await page.goto("/sign-in");
    await page.getByTestId("social-oidc").click();
    await page.waitForURL((url) => url.origin === server!.baseUrl && url.searchParams.get("twoFactor") === "1");
    await page.getByTestId("two-factor-step").waitFor();
    expect(await page.evaluate(() => fetch("/api/v1/users/@me").then((r) => r.status))).toBe(401);
    await page.getByTestId("two-factor-code").fill(totpCode(keyFromUri(uri)));
    await page.getByTestId("two-factor-submit").click();
    await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
    const me = await page.evaluate(async () => (await (await fetch("/api/v1/users/@me")).json()) as SelfUser);
    expect(me.email).toBe(careful.email);
  });
});
