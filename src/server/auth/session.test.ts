import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { session } from "../db/schema";
import { type TestServer, startTestServer } from "../testing/harness";
import { testDatabaseKinds } from "../testing/databases";
import { SESSION_EXPIRES_IN } from "./index";
import { verifySignedToken } from "./session";

describe("verifySignedToken", () => {
  it("accepts only the token signed with our secret", async () => {
    const { createHmac } = await import("node:crypto");
    const sign = (token: string, secret: string) =>
      encodeURIComponent(`${token}.${createHmac("sha256", secret).update(token).digest("base64")}`);
    expect(verifySignedToken(sign("abc", "s3cret"), "s3cret")).toBe("abc");
    expect(verifySignedToken(sign("abc", "other"), "s3cret")).toBeNull();
    expect(verifySignedToken(sign("abc", "s3cret").replace("abc", "abd"), "s3cret")).toBeNull();
    expect(verifySignedToken("no-signature", "s3cret")).toBeNull();
    expect(verifySignedToken("%E0%A4%A", "s3cret")).toBeNull();
  });
});

describe.each(testDatabaseKinds())("session resolution on %s", (kind) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("ends at once when the session is revoked or expired, and slides a stale one forward", async () => {
    const c = t.client();
    const me = await c.signUp();
    expect((await c.get("/api/v1/users/@me")).status).toBe(200);
    const db = t.database.db;
    const [row] = await db.select().from(session).where(eq(session.userId, me.id));

    // Due for the sliding refresh (its expiry was set two days ago): better-auth extends it.
    const stale = new Date(Date.now() + (SESSION_EXPIRES_IN - 2 * 24 * 3600) * 1000);
    await db.update(session).set({ expiresAt: stale }).where(eq(session.id, row!.id));
    expect((await c.get("/api/v1/users/@me")).status).toBe(200);
    const [refreshed] = await db.select().from(session).where(eq(session.id, row!.id));
    expect(new Date(refreshed!.expiresAt).getTime()).toBeGreaterThan(stale.getTime());

    await db.update(session).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(session.id, row!.id));
    expect((await c.get("/api/v1/users/@me")).status).toBe(401);
    await expect(c.socket()).rejects.toThrow("UNAUTHORIZED");

    await db.update(session).set({ expiresAt: new Date(Date.now() + 3600_000) }).where(eq(session.id, row!.id));
    expect((await c.get("/api/v1/users/@me")).status).toBe(200);
    await db.delete(session).where(eq(session.id, row!.id));
    expect((await c.get("/api/v1/users/@me")).status).toBe(401);
  });
});
