/**
 * The "confirm your email" bar: never on an install without mail (the link only reaches
 * the server's log), and with mail (a local SMTP stand-in) shown, its Resend sending a
 * real email.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BrowserSession, fillSignUp, person } from "./browser";
import { sharedServer } from "./fixture";
import { type RunningServer, freePort, startServer } from "./server";

/** Where the pictures go; SHOTS_DIR puts them elsewhere. */
const shots = process.env.SHOTS_DIR ?? path.join(process.cwd(), "test-results");
let session: BrowserSession | undefined;

beforeAll(async () => {
  session = await BrowserSession.start();
  await mkdir(shots, { recursive: true });
}, 120_000);
afterAll(async () => {
  await session?.close();
});

async function signUpAndCreate(baseUrl: string, label: string) {
  const page = await session!.openPage(baseUrl);
  const who = person(label);
  await page.goto("/sign-up");
  await fillSignUp(page, who);
  await page.getByTestId("server-name").fill(`${label} Guild`);
  await page.getByTestId("create-server-submit").click();
  await page.waitForURL(/\/channels\/\d+\/\d+$/);
  await page.getByTestId("composer").waitFor();
  return { page, who };
}

describe("without mail", () => {
  it("nobody is asked to confirm an address no email can reach", async () => {
    const server = sharedServer();
    const { page } = await signUpAndCreate(server.baseUrl, "Nomail");
    // The app knows mail is off once it asked; the bar must not come after that either.
    const providers = await page.evaluate(async () => (await (await fetch("/api/v1/auth/providers")).json()) as { emailDelivery: boolean });
    expect(providers.emailDelivery).toBe(false);
    await page.waitForTimeout(1500);
    expect(await page.getByTestId("verify-email-banner").count()).toBe(0);
    await page.screenshot({ path: `${shots}/no-mail-no-banner.png` });
  });
});

describe("with mail", () => {
  const inbox: { to: string; body: string }[] = [];
  let smtp: SMTPServer | undefined;
  let server: RunningServer | undefined;
  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      onData(stream, envelope, callback) {
        let body = "";
        stream.on("data", (chunk: Buffer) => (body += chunk.toString()));
        stream.on("end", () => {
          for (const to of envelope.envelope.rcptTo) inbox.push({ to: to.address, body });
          callback();
        });
      },
    });
    const port = await freePort();
    await new Promise<void>((r) => smtp!.listen(port, "127.0.0.1", r));
    server = await startServer({ env: { SMTP_URL: `smtp://127.0.0.1:${port}`, SMTP_FROM: "Giga Chat <chat@example.test>" } });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await new Promise<void>((r) => (smtp ? smtp.close(() => r()) : r()));
  }, 60_000);

  it("shows the bar, and Resend sends another email", async () => {
    const { page, who } = await signUpAndCreate(server!.baseUrl, "Mailed");
    const banner = page.getByTestId("verify-email-banner");
    await banner.waitFor();
    const before = inbox.filter((m) => m.to === who.email).length;
    await page.getByTestId("verify-email-resend").click();
    await page.getByTestId("verify-email-sent").waitFor();
    await expect.poll(() => inbox.filter((m) => m.to === who.email).length).toBeGreaterThan(before);
    await page.screenshot({ path: `${shots}/mail-banner-sent.png` });
  });
});
