import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Appearance } from "@/shared/api";
import { type TestServer, collect, startTestServer, waitFor } from "../testing/harness";
import { testDatabaseKinds } from "../testing/databases";

type ErrorBody = { error: { code: string } };
const PATH = "/api/v1/users/@me/appearance";

describe.each(testDatabaseKinds())("appearance on %s", (kind) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("starts at the defaults, changes only what is given, and keeps a cookie copy", async () => {
    const a = t.client();
    await a.signUp("Ada");
    const first = await a.get<Appearance>(PATH);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ theme: "dark", messageDisplay: "cozy", fontSize: 16 });
    expect(first.headers.getSetCookie().join("\n")).toMatch(/gc_appearance=dark\.cozy\.16;.*Path=\//);

    const light = await a.request<Appearance>("PATCH", PATH, { theme: "light" });
    expect(light.status).toBe(200);
    expect(light.body).toEqual({ theme: "light", messageDisplay: "cozy", fontSize: 16 });
    const cookie = light.headers.getSetCookie().find((c) => c.startsWith("gc_appearance="));
    expect(cookie).toMatch(/^gc_appearance=light\.cozy\.16;/);
    expect(cookie).toMatch(/Max-Age=31536000/);
    expect(cookie).toMatch(/SameSite=Lax/);

    const compact = await a.request<Appearance>("PATCH", PATH, { messageDisplay: "compact", fontSize: 20 });
    expect(compact.body).toEqual({ theme: "light", messageDisplay: "compact", fontSize: 20 });
    expect((await a.get<Appearance>(PATH)).body).toEqual(compact.body);
    expect(a.cookie).toContain("gc_appearance=light.compact.20");
  });

  it("refuses the signed-out, bad values and unknown fields with stable codes", async () => {
    const anonymous = t.client();
    const get = await anonymous.get<ErrorBody>(PATH);
    expect(get.status).toBe(401);
    expect(get.body.error.code).toBe("UNAUTHORIZED");
    expect((await anonymous.request<ErrorBody>("PATCH", PATH, { theme: "light" })).status).toBe(401);

    const a = t.client();
    await a.signUp("Grace");
    for (const body of [{}, { theme: "blue" }, { messageDisplay: "tiny" }, { fontSize: 13 }, { fontSize: "16" }, { fontSize: 16.5 }, { theme: "light", zoom: 2 }]) {
      const res = await a.request<ErrorBody>("PATCH", PATH, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION_FAILED");
    }
    expect((await a.get<Appearance>(PATH)).body.theme).toBe("dark");
  });

  it("tells the person's other devices, and nobody else", async () => {
    const a = t.client();
    await a.signUp("Linus");
    const b = t.client();
    await b.signUp("Margaret");
    const otherDevice = await a.socket();
    const stranger = await b.socket();
    const mine = collect(otherDevice, "user.appearance.updated");
    const theirs = collect(stranger, "user.appearance.updated");

    await a.request("PATCH", PATH, { theme: "system" });
    await waitFor(() => mine.length === 1);
    expect(mine[0]).toEqual({ theme: "system", messageDisplay: "cozy", fontSize: 16 });
    // The other person changes theirs too: each hears only their own.
    await b.request("PATCH", PATH, { theme: "light" });
    await waitFor(() => theirs.length === 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(mine).toHaveLength(1);
    expect(theirs).toEqual([{ theme: "light", messageDisplay: "cozy", fontSize: 16 }]);
  });
});
