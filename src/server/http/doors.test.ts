/**
 * The doors: sign-in attempt limits whatever the body's type, our profile rules on
 * better-auth's own endpoints, a cap on every request body before it is read, and the
 * browser protections on every API response.
 */
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Channel, SelfUser, Server } from "@/shared/api";
import { type TestServer, startTestServer } from "../testing/harness";

const PASSWORD = "correct horse battery";
const MB = 1024 * 1024;

type AuthError = { code?: string; message?: string };
type ApiErrorBody = { error: { code: string } };

/** A form post, as an HTML form or curl -d sends it. */
function formPost(url: string, fields: Record<string, string>) {
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
    redirect: "manual",
  });
}

/**
 * A streamed body without Content-Length (chunked), `total` bytes of a JSON string; says
 * how many bytes the server pulled before it answered.
 */
async function chunkedPost(url: string, total: number, headers: Record<string, string> = {}) {
  const chunk = new Uint8Array(64 * 1024).fill(0x61);
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('{"email":"a@example.test","password":"'));
    },
    pull(controller) {
      if (sent >= total) {
        controller.enqueue(new TextEncoder().encode('"}'));
        controller.close();
        return;
      }
      sent += chunk.length;
      controller.enqueue(chunk);
    },
  });
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body,
      duplex: "half",
    } as RequestInit);
    return { status: res.status, body: (await res.json().catch(() => null)) as unknown, sent };
  } catch {
    // The server answered and closed the connection while the body was still going.
    return { status: -1, body: null, sent };
  }
}

/** Sends only the head of a request (its Content-Length claims `length` bytes) and reads the answer. */
function headOnly(url: string, path: string, length: number): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => {
      socket.write(
        `POST ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n{"email":`,
      );
    });
    let answer = "";
    socket.on("data", (d) => {
      answer += d.toString();
      if (answer.includes("\r\n\r\n")) {
        socket.destroy();
        resolve(answer);
      }
    });
    socket.on("error", reject);
  });
}

describe("the sign-in lockout counts every body type", () => {
  let t: TestServer;
  beforeAll(async () => {
    const env = { AUTH_IP_LIMIT: "1000", AUTH_ACCOUNT_LIMIT: "1", AUTH_WINDOW_SECONDS: "600" };
    t = await startTestServer("pglite", { realAttemptLimits: true, env });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("counts form-encoded sign-ins against the account like JSON ones", async () => {
    const victim = t.client();
    await victim.signUp("Form Target");
    const email = victim.user!.email;
    const guess = await formPost(`${t.url}/api/auth/sign-in/email`, { email: email.toUpperCase(), password: "a wrong guess" });
    expect(guess.status).toBe(401);
    const limited = await t.client().post<AuthError>("/api/auth/sign-in/email", { email, password: PASSWORD });
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe("RATE_LIMITED");
    const form = await formPost(`${t.url}/api/auth/sign-in/email`, { email, password: PASSWORD });
    expect(form.status).toBe(429);
  });

  it("counts the email better-auth reads when a form names it twice", async () => {
    const victim = t.client();
    await victim.signUp("Twice Target");
    const email = victim.user!.email;
    const decoy = () => `decoy.${Math.random().toString(36).slice(2)}@example.test`;
    const body = `email=${encodeURIComponent(decoy())}&email=${encodeURIComponent(email)}&password=a+wrong+guess`;
    const res = await fetch(`${t.url}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body,
    });
    expect(res.status).toBe(401);
    expect((await t.client().post("/api/auth/sign-in/email", { email, password: PASSWORD })).status).toBe(429);
  });

  it("refuses body types better-auth would not read, before counting them as nobody", async () => {
    const res = await fetch(`${t.url}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: JSON.stringify({ email: "x@example.test", password: PASSWORD }),
    });
    expect(res.status).toBe(415);
    expect(((await res.json()) as AuthError).code).toBe("UNSUPPORTED_MEDIA_TYPE");
  });
});

describe("better-auth's endpoints keep our profile rules", () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer("pglite");
  });
  afterAll(async () => {
    await t?.close();
  });

  const signUp = (fields: Record<string, unknown>) =>
    t.client().post<AuthError>("/api/auth/sign-up/email", {
      email: `rules.${Math.random().toString(36).slice(2)}@example.test`,
      password: PASSWORD,
      name: "Fine Name",
      ...fields,
    });

  it("sign-up refuses a name that is too long or blank", async () => {
    for (const name of ["x".repeat(100_000), "x".repeat(65), "   ", ""]) {
      const res = await signUp({ name });
      expect(res.status, JSON.stringify(name.slice(0, 10))).toBe(400);
      expect(res.body.code).toBe("VALIDATION_FAILED");
    }
    expect((await signUp({ name: "  Trimmed  " })).status).toBe(200);
  });

  it("sign-up refuses any image: avatars are uploaded, never linked", async () => {
    for (const image of ["https://evil.example/pixel.png", "javascript:alert(1)", "/api/v1/avatars/x/1", "data:image/png;base64,AA=="]) {
      const res = await signUp({ image });
      expect(res.status, image).toBe(400);
      expect(res.body.code).toBe("VALIDATION_FAILED");
    }
  });

  it("update-user refuses a bad name and a foreign image, and keeps a good name", async () => {
    const person = t.client();
    await person.signUp("Updater");
    for (const body of [{ name: "y".repeat(100_000) }, { name: " " }, { name: 42 }, { image: "https://tracker.example/p.gif" }, { image: "javascript:alert(1)" }]) {
      const res = await person.post<AuthError>("/api/auth/update-user", body);
      expect(res.status, JSON.stringify(body).slice(0, 40)).toBe(400);
      expect(res.body.code).toBe("VALIDATION_FAILED");
    }
    const me = (await person.get<SelfUser>("/api/v1/users/@me")).body;
    expect(me.name).toBe("Updater");
    expect(me.image).toBeNull();
    expect((await person.post("/api/auth/update-user", { name: "  Renamed " })).status).toBe(200);
    expect((await person.get<SelfUser>("/api/v1/users/@me")).body.name).toBe("Renamed");
  });

  it("an account made by a provider keeps a clean name and no foreign image", async () => {
    const ctx = await t.server.services.auth.$context;
    const provider = { method: "oauth", oauth: { providerId: "oidc" } };
    const created = await ctx.internalAdapter.createUser({
      email: `provider.${Math.random().toString(36).slice(2)}@example.test`,
      name: `  ${"z".repeat(200)}\u0000  `,
      image: "https://avatars.example/tracker.png",
      emailVerified: true,
    }, provider);
    expect(created.image ?? null).toBeNull();
    expect(created.name).toBe("z".repeat(64));
    const blank = await ctx.internalAdapter.createUser({
      email: `blank.${Math.random().toString(36).slice(2)}@example.test`,
      name: "   ",
      emailVerified: true,
    }, provider);
    expect(blank.name).toBe(blank.email.split("@")[0]);
    const updated = await ctx.internalAdapter.updateUser(created.id, { image: "https://avatars.example/again.png", name: "Kept" });
    expect(updated?.image ?? null).toBeNull();
    expect(updated?.name).toBe("Kept");
    const unnamed = await ctx.internalAdapter.updateUser(created.id, { name: " \u0007 " });
    expect(unnamed?.name).toBe("Kept");
  });
});

describe("request bodies are capped before they are read", () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer("pglite");
  });
  afterAll(async () => {
    await t?.close();
  });

  it("answers 413 to a chunked sign-in body past 1 MB and stops reading it", async () => {
    const res = await chunkedPost(`${t.url}/api/auth/sign-in/email`, 64 * MB);
    if (res.status !== -1) {
      expect(res.status).toBe(413);
      expect((res.body as AuthError).code).toBe("PAYLOAD_TOO_LARGE");
    }
    // The rest of the body is never read: the connection closes instead.
    expect(res.sent).toBeLessThan(32 * MB);
  });

  it("answers 413 from the Content-Length alone, before the body arrives", async () => {
    const answer = await headOnly(t.url, "/api/auth/sign-in/email", 200 * MB);
    expect(answer).toMatch(/^HTTP\/1\.1 413/);
    const v1 = await headOnly(t.url, "/api/v1/servers", 2 * MB);
    expect(v1).toMatch(/^HTTP\/1\.1 413/);
  });

  it("caps our own JSON routes in our error shape, and lets a body under the cap through", async () => {
    const person = t.client();
    await person.signUp("Big Sender");
    const big = await person.post<ApiErrorBody>("/api/v1/servers", { name: "x", padding: "p".repeat(2 * MB) });
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe("PAYLOAD_TOO_LARGE");
    const chunked = await chunkedPost(`${t.url}/api/v1/servers`, 4 * MB, { cookie: person.cookie });
    if (chunked.status !== -1) {
      expect(chunked.status).toBe(413);
      expect((chunked.body as ApiErrorBody).error.code).toBe("PAYLOAD_TOO_LARGE");
    }
    const fine = await person.post<Server>("/api/v1/servers", { name: "Under the cap" });
    expect(fine.status).toBe(201);
  });

  it("caps an OAuth callback's posted fields at 8 KB, so its redirect stays an address a browser can follow", async () => {
    // better-auth turns a posted callback into a redirect carrying every field; 70 KB of
    // `code` made a Location header no client would take (found by the fuzzer).
    const person = t.client();
    const big = await person.post<AuthError>("/api/auth/callback/oidc", { code: "x".repeat(70_000), state: "s" });
    expect(big.status).toBe(413);
    expect(big.body.code).toBe("PAYLOAD_TOO_LARGE");
    const small = await fetch(`${t.url}/api/auth/callback/oidc`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ code: "x".repeat(2_000), state: "s" }),
      redirect: "manual",
    });
    expect(small.status).toBe(302);
    expect((small.headers.get("location") ?? "").length).toBeLessThan(8 * 1024);
  });

  it("leaves uploads their own limit", async () => {
    const person = t.client();
    await person.signUp("Uploader");
    const server = (await person.post<Server>("/api/v1/servers", { name: "Files" })).body;
    const [general] = (await person.get<Channel[]>(`/api/v1/servers/${server.id}/channels`)).body;
    const bytes = new Uint8Array(3 * MB).map((_, i) => (i * 7919) % 251);
    const res = await person.upload(`/api/v1/channels/${general!.id}/attachments`, "notes.bin", bytes);
    expect(res.status).toBe(201);
  });
});

describe("browser protections on API responses", () => {
  let plain: TestServer;
  let secure: TestServer;
  beforeAll(async () => {
    [plain, secure] = await Promise.all([
      startTestServer("pglite"),
      startTestServer("pglite", { env: { BASE_URL: "https://chat.example.test" } }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([plain?.close(), secure?.close()]);
  });

  it("sends CSP, frame, referrer, permissions and nosniff headers on every answer", async () => {
    for (const path of ["/api/health", "/api/v1/users/@me", "/api/auth/get-session", "/api/nothing-here"]) {
      const res = await fetch(plain.url + path);
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp).toContain("default-src 'none'");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
      expect(res.headers.get("permissions-policy")).toContain("camera=(self)");
      expect(res.headers.get("permissions-policy")).toContain("display-capture=(self)");
      expect(res.headers.get("strict-transport-security")).toBeNull();
    }
  });

  it("behind https adds HSTS and names the session cookie __Host-", async () => {
    expect((await fetch(secure.url + "/api/health")).headers.get("strict-transport-security")).toMatch(/max-age=\d{7,}/);
    const res = await fetch(secure.url + "/api/auth/sign-up/email", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: `host.${Date.now()}@example.test`, password: PASSWORD, name: "Secure" }),
    });
    expect(res.status).toBe(200);
    const cookies = res.headers.getSetCookie();
    const sessionCookie = cookies.find((c) => c.includes("session_token="));
    expect(sessionCookie).toMatch(/^__Host-/);
    expect(sessionCookie).toMatch(/; Secure/i);
    expect(sessionCookie).toMatch(/; Path=\//i);
    expect(sessionCookie).not.toMatch(/; Domain=/i);
    // The cookie still signs the person in.
    const cookie = cookies.map((c) => c.split(";")[0]).join("; ");
    const me = await fetch(secure.url + "/api/v1/users/@me", { headers: { cookie } });
    expect(me.status).toBe(200);
  });
});
