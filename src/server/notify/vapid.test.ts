import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { resolveVapidKeys, vapidSubject } from "./vapid";

describe("VAPID keys", () => {
  let dir = "";
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("are made at first start, kept private in DATA_DIR and read again later; configured ones win", async () => {
    dir = await mkdtemp(path.join(tmpdir(), "giga-vapid-"));
    const made = await resolveVapidKeys({}, dir);
    expect(made.publicKey).toMatch(/^[A-Za-z0-9_-]{87}$/);
    expect((await stat(path.join(dir, "vapid.json"))).mode & 0o777).toBe(0o600);
    expect(await resolveVapidKeys({}, dir)).toEqual(made);
    const configured = { VAPID_PUBLIC_KEY: "B".repeat(87), VAPID_PRIVATE_KEY: "p".repeat(43) };
    expect(await resolveVapidKeys(configured, dir)).toEqual({ publicKey: configured.VAPID_PUBLIC_KEY, privateKey: configured.VAPID_PRIVATE_KEY });
  });

  it("name a contact: the configured subject, else admin at the site's host", () => {
    expect(vapidSubject({ BASE_URL: "https://chat.example.org" })).toBe("mailto:admin@chat.example.org");
    expect(vapidSubject({ BASE_URL: "https://chat.example.org", VAPID_SUBJECT: "mailto:ops@example.org" })).toBe("mailto:ops@example.org");
  });
});
