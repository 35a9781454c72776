import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SMTPServer } from "smtp-server";
import type { SelfUser } from "@/shared/api";
import { keyFromUri, totpCode } from "../auth/totp";
import { type TestClient, type TestServer, startTestServer } from "../testing/harness";
import { testDatabaseKinds } from "../testing/databases";
import { freePort } from "../testing/free-port";

const PASSWORD = "correct horse battery";
type Enabled = { totpURI: string; backupCodes: string[] };

/** A code from the next 30 s period: the one just used may not be accepted twice by apps. */
const codeFor = (uri: string, offsetMs = 0) => totpCode(keyFromUri(uri), Date.now() + offsetMs);

describe.each(testDatabaseKinds())("two-factor sign-in on %s", (kind) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  async function withTwoFactor(): Promise<{ person: TestClient; enabled: Enabled }> {
    const person = t.client();
    await person.signUp("Careful");
    expect((await person.post("/api/auth/two-factor/enable", { password: "wrong password!" })).status).toBe(400);
    const enabled = (await person.post<Enabled>("/api/auth/two-factor/enable", { password: PASSWORD })).body;
    expect(enabled.totpURI).toMatch(/^otpauth:\/\/totp\/Giga%20Chat:/);
    expect(enabled.backupCodes).toHaveLength(10);
    // Not on until a code from the app confirms the secret was scanned.
    expect((await person.get<SelfUser>("/api/v1/users/@me")).body.twoFactorEnabled).toBe(false);
    expect((await person.post("/api/auth/two-factor/verify-totp", { code: "000000" })).status).toBe(401);
    expect((await person.post("/api/auth/two-factor/verify-totp", { code: codeFor(enabled.totpURI) })).status).toBe(200);
    expect((await person.get<SelfUser>("/api/v1/users/@me")).body.twoFactorEnabled).toBe(true);
    return { person, enabled };
  }

  async function passwordStep(email: string): Promise<TestClient> {
    const c = t.client();
    const res = await c.post<{ twoFactorRedirect?: boolean }>("/api/auth/sign-in/email", { email, password: PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.twoFactorRedirect).toBe(true);
    // Half signed in is not signed in.
    expect((await c.get("/api/v1/users/@me")).status).toBe(401);
    return c;
  }

  it("asks for a code after the password, refuses a wrong one and accepts the app's", async () => {
    const { person, enabled } = await withTwoFactor();
    const email = person.user!.email;
    expect((await person.post("/api/auth/sign-out")).status).toBe(200);

    const c = await passwordStep(email);
    const wrong = await c.post<{ code?: string }>("/api/auth/two-factor/verify-totp", { code: "123456" });
    expect(wrong.status).toBe(401);
    expect((await c.get("/api/v1/users/@me")).status).toBe(401);
    expect((await c.post("/api/auth/two-factor/verify-totp", { code: codeFor(enabled.totpURI) })).status).toBe(200);
    expect((await c.get<SelfUser>("/api/v1/users/@me")).body.email).toBe(email);
  });

  it("accepts each backup code once", async () => {
    const { person, enabled } = await withTwoFactor();
    const email = person.user!.email;
    const [code] = enabled.backupCodes;

    const first = await passwordStep(email);
    expect((await first.post("/api/auth/two-factor/verify-backup-code", { code })).status).toBe(200);
    expect((await first.get("/api/v1/users/@me")).status).toBe(200);

    const second = await passwordStep(email);
    expect((await second.post("/api/auth/two-factor/verify-backup-code", { code })).status).toBe(401);
    expect((await second.get("/api/v1/users/@me")).status).toBe(401);
    expect((await second.post("/api/auth/two-factor/verify-backup-code", { code: enabled.backupCodes[1] })).status).toBe(200);
  });

  it("turning two-factor off asks for the password and a code", async () => {
    const { person, enabled } = await withTwoFactor();
    const noCode = await person.post<{ code: string }>("/api/auth/two-factor/disable", { password: PASSWORD });
    expect(noCode.status).toBe(400);
    expect(noCode.body.code).toBe("INVALID_CODE");
    expect((await person.post("/api/auth/two-factor/disable", { password: PASSWORD, code: "999999" })).status).toBe(400);
    expect((await person.post("/api/auth/two-factor/disable", { password: "wrong password!", code: codeFor(enabled.totpURI) })).status).toBe(400);
    expect((await person.get<SelfUser>("/api/v1/users/@me")).body.twoFactorEnabled).toBe(true);
    const off = await person.post("/api/auth/two-factor/disable", { password: PASSWORD, code: enabled.backupCodes[0] });
    expect(off.status).toBe(200);
    expect((await person.get<SelfUser>("/api/v1/users/@me")).body.twoFactorEnabled).toBe(false);
    const c = t.client();
    const res = await c.post<{ twoFactorRedirect?: boolean }>("/api/auth/sign-in/email", { email: person.user!.email, password: PASSWORD });
    expect(res.body.twoFactorRedirect).toBeUndefined();
    expect((await c.get("/api/v1/users/@me")).status).toBe(200);
  });

  it("deleting an account with two-factor on asks for a code too", async () => {
    const { person, enabled } = await withTwoFactor();
    const res = await person.request<{ error: { code: string } }>("DELETE", "/api/v1/users/@me", { password: PASSWORD, code: "000000" });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("INVALID_CODE");
    expect((await person.request("DELETE", "/api/v1/users/@me", { password: PASSWORD, code: codeFor(enabled.totpURI) })).status).toBe(204);
  });
});

describe.each(testDatabaseKinds())("an install without mail on %s", (kind) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("tells the browser mail does not leave the machine, and an unconfirmed address blocks nothing", async () => {
    const person = t.client();
    await person.signUp("Unmailed");
    expect((await t.client().get<{ emailDelivery: boolean }>("/api/v1/auth/providers")).body.emailDelivery).toBe(false);
    const me = (await person.get<SelfUser>("/api/v1/users/@me")).body;
    expect(me.emailVerified).toBe(false);
    // Signing in again, making a server and talking all work with the address unconfirmed.
    const again = t.client();
    expect((await again.post("/api/auth/sign-in/email", { email: me.email, password: PASSWORD })).status).toBe(200);
    const server = await again.post<{ id: string }>("/api/v1/servers", { name: "Unconfirmed" });
    expect(server.status).toBe(201);
    const channels = (await again.get<{ id: string }[]>(`/api/v1/servers/${server.body.id}/channels`)).body;
    expect((await again.post(`/api/v1/channels/${channels[0]!.id}/messages`, { content: "hello" })).status).toBe(201);
  });
});

describe("sign-in attempt limits", () => {
  let t: TestServer;
  beforeAll(async () => {
    const env = { AUTH_IP_LIMIT: "8", AUTH_ACCOUNT_LIMIT: "3", AUTH_WINDOW_SECONDS: "600" };
    t = await startTestServer("pglite", { realAttemptLimits: true, env });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("limits attempts per account, then per IP, with a clear error", async () => {
    const victim = t.client();
    await victim.signUp("Target");
    const email = victim.user!.email;
    const attempt = (address: string, password: string) => t.client().post<{ code?: string; message?: string }>("/api/auth/sign-in/email", { email: address, password });
    for (let i = 0; i < 3; i++) expect((await attempt(email, `guess number ${i}`)).status).toBe(401);
    const limited = await attempt(email, PASSWORD);
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe("RATE_LIMITED");
    expect(limited.body.message).toMatch(/Too many sign-in attempts\. Try again in 10 minutes\./);
    // Another account from the same address still gets through, until the address is limited.
    const other = t.client();
    await other.signUp("Bystander");
    for (let i = 0; i < 3; i++) expect((await attempt(other.user!.email, `wrong ${i}!!`)).status).toBe(401);
    const third = t.client();
    await third.signUp("Third");
    expect((await attempt(third.user!.email, PASSWORD)).status).toBe(200); // the address's 8th attempt
    const ipLimited = await attempt(third.user!.email, PASSWORD); // its account's 2nd

    expect(ipLimited.status).toBe(429);
    expect(ipLimited.body.code).toBe("RATE_LIMITED");
  });
});

describe("client addresses behind a proxy", () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer("pglite", { realAttemptLimits: true, env: { TRUST_PROXY: "true", AUTH_IP_LIMIT: "2" } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("counts attempts per forwarded address, records it on the session, and ignores a forged header", async () => {
    const person = t.client();
    await person.signUp("Proxied");
    const from = (ip: string, password: string, extra: Record<string, string> = {}) =>
      t.client().request<{ code?: string }>(
        "POST",
        "/api/auth/sign-in/email",
        { email: person.user!.email, password },
        { "x-forwarded-for": ip, ...extra },
      );
    expect((await from("203.0.113.1", "wrong guess one")).status).toBe(401);
    expect((await from("203.0.113.1", "wrong guess two")).status).toBe(401);
    expect((await from("203.0.113.1", PASSWORD)).status).toBe(429);
    // Claiming to be another address in our internal header changes nothing.
    expect((await from("203.0.113.1", PASSWORD, { "x-giga-client-ip": "198.51.100.9" })).status).toBe(429);
    // Another address is counted on its own.
    const elsewhere = t.client();
    const res = await elsewhere.request("POST", "/api/auth/sign-in/email", { email: person.user!.email, password: PASSWORD }, { "x-forwarded-for": "198.51.100.7" });
    expect(res.status).toBe(200);
    const sessions = (await elsewhere.get<{ current: boolean; ipAddress: string | null }[]>("/api/v1/users/@me/sessions")).body;
    expect(sessions.find((s) => s.current)?.ipAddress).toBe("198.51.100.7");
  });
});

/** A free port on 127.0.0.1 for the SMTP stand-in. */

describe("email through SMTP", () => {
  let t: TestServer;
  let smtp: SMTPServer;
  const inbox: { to: string; body: string }[] = [];

  beforeAll(async () => {
    // A real SMTP server on this machine stands in for the operator's mail relay.
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      onData(stream, session, callback) {
        let body = "";
        stream.on("data", (chunk: Buffer) => (body += chunk.toString()));
        stream.on("end", () => {
          for (const to of session.envelope.rcptTo) inbox.push({ to: to.address, body });
          callback();
        });
      },
    });
    const port = await freePort();
    await new Promise<void>((r) => smtp.listen(port, "127.0.0.1", r));
    t = await startTestServer("pglite", { env: { SMTP_URL: `smtp://127.0.0.1:${port}`, SMTP_FROM: "Giga Chat <chat@example.test>" } });
  });
  afterAll(async () => {
    await t?.close();
    await new Promise<void>((r) => (smtp ? smtp.close(() => r()) : r()));
  });

  const linkIn = (body: string) => {
    const unfolded = body.replace(/=\r?\n/g, "").replace(/=3D/g, "=");
    return /(http:\/\/\S+)/.exec(unfolded)?.[1];
  };

  it("sends the verification link at sign-up, and a reset link that sets a new password and ends old sessions", async () => {
    const person = t.client();
    await person.signUp("Mailable");
    const email = person.user!.email;
    expect((await person.get<{ emailDelivery: boolean }>("/api/v1/auth/providers")).body.emailDelivery).toBe(true);

    const deadline = Date.now() + 5000;
    while (!inbox.some((m) => m.to === email) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const verification = inbox.find((m) => m.to === email && /Confirm your email/.test(m.body));
    const verifyLink = linkIn(verification!.body)!;
    expect(verifyLink).toContain("/api/auth/verify-email?token=");
    expect((await t.client().get(new URL(verifyLink).pathname + new URL(verifyLink).search)).status).toBeLessThan(400);
    expect((await person.get<SelfUser>("/api/v1/users/@me")).body.emailVerified).toBe(true);

    const anonymous = t.client();
    const asked = await anonymous.post("/api/auth/request-password-reset", { email, redirectTo: "/reset-password" });
    expect(asked.status).toBe(200);
    const until = Date.now() + 5000;
    while (!inbox.some((m) => m.to === email && /Reset your/.test(m.body)) && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    const resetMail = inbox.find((m) => m.to === email && /Reset your/.test(m.body))!;
    const resetLink = new URL(linkIn(resetMail.body)!);
    // better-auth's link checks the token, then sends the browser to our page with it.
    const landing = await anonymous.request("GET", resetLink.pathname + resetLink.search);
    expect(landing.status).toBe(302);
    const token = new URL(landing.headers.get("location")!, t.url).searchParams.get("token")!;
    expect(token).toBeTruthy();
    expect((await anonymous.post("/api/auth/reset-password", { token, newPassword: "a brand new password" })).status).toBe(200);
    expect((await anonymous.post("/api/auth/reset-password", { token, newPassword: "and once more please" })).status).toBe(400);

    expect((await person.get("/api/v1/users/@me")).status).toBe(401);
    expect((await t.client().post("/api/auth/sign-in/email", { email, password: PASSWORD })).status).toBe(401);
    expect((await t.client().post("/api/auth/sign-in/email", { email, password: "a brand new password" })).status).toBe(200);
    // Asking for a reset of an unknown address looks the same from outside.
    expect((await anonymous.post("/api/auth/request-password-reset", { email: "nobody@example.test" })).status).toBe(200);
  });
});
