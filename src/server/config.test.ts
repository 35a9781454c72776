import { describe, expect, it } from "vitest";
import { ConfigError, assertStartable, parseConfig, trustedOrigins } from "./config";

describe("config", () => {
  it("has defaults that run on one machine", () => {
    const c = parseConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.DATA_DIR).toBe("./data");
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.BASE_URL).toBe("http://localhost:3000");
  });

  it("names the variable that is wrong", () => {
    expect(() => parseConfig({ PORT: "eighty" })).toThrow(ConfigError);
    expect(() => parseConfig({ PORT: "eighty" })).toThrow(/PORT/);
    expect(() => parseConfig({ DATABASE_URL: "not a url" })).toThrow(/DATABASE_URL/);
    expect(() => parseConfig({ BETTER_AUTH_SECRET: "short" })).toThrow(/BETTER_AUTH_SECRET/);
  });

  it("takes METRICS_TOKEN only when it is long enough to guess hard", () => {
    expect(parseConfig({}).METRICS_TOKEN).toBeUndefined();
    expect(() => parseConfig({ METRICS_TOKEN: "short" })).toThrow(/METRICS_TOKEN/);
    expect(parseConfig({ METRICS_TOKEN: "a".repeat(16) }).METRICS_TOKEN).toBe("a".repeat(16));
  });

  it("starts a process sharing Redis only with PostgreSQL and the keys set, saying everything that is missing at once", () => {
    const shared = {
      REDIS_URL: "redis://127.0.0.1:6379",
      DATABASE_URL: "postgres://db/giga",
      BETTER_AUTH_SECRET: "s".repeat(32),
      VAPID_PUBLIC_KEY: "p".repeat(87),
    };
    expect(() => assertStartable(shared)).not.toThrow();
    expect(() => assertStartable({ ...shared, REDIS_URL: undefined, DATABASE_URL: undefined, BETTER_AUTH_SECRET: undefined })).not.toThrow();
    expect(() => assertStartable({ ...shared, DATABASE_URL: undefined })).toThrow(/cannot share the embedded database; set DATABASE_URL to PostgreSQL/);
    expect(() => assertStartable({ ...shared, BETTER_AUTH_SECRET: undefined })).toThrow(/BETTER_AUTH_SECRET: a generated secret is per machine/);
    expect(() => assertStartable({ ...shared, VAPID_PUBLIC_KEY: undefined })).toThrow(/VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY/);
    let message = "";
    try {
      assertStartable({ REDIS_URL: shared.REDIS_URL, DATABASE_URL: undefined, BETTER_AUTH_SECRET: undefined, VAPID_PUBLIC_KEY: undefined });
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      message = (err as Error).message;
    }
    expect(message.split("\n").filter((l) => l.startsWith("  REDIS_URL"))).toHaveLength(3);
  });

  it("treats an empty variable as unset", () => {
    expect(parseConfig({ REDIS_URL: "" }).REDIS_URL).toBeUndefined();
    expect(parseConfig({ BETTER_AUTH_SECRET: "", PORT: "" }).PORT).toBe(3000);
  });

  it("reads limits as count/seconds, with Discord-like defaults", () => {
    const c = parseConfig({ LIMIT_EDITS: "3 / 10" });
    expect(c.LIMIT_EDITS).toEqual({ limit: 3, windowMs: 10_000 });
    expect(c.LIMIT_REACTIONS).toEqual({ limit: 10, windowMs: 5_000 });
    expect(c.LIMIT_SOCKET_EVENTS).toEqual({ limit: 120, windowMs: 60_000 });
    expect(() => parseConfig({ LIMIT_UPLOADS: "20 per minute" })).toThrow(/LIMIT_UPLOADS/);
    expect(() => parseConfig({ LIMIT_TYPING: "0/10" })).toThrow(/LIMIT_TYPING/);
  });

  it("trusts the loopback twin of a local base URL", () => {
    expect(trustedOrigins({ BASE_URL: "http://localhost:3000" }).sort()).toEqual([
      "http://127.0.0.1:3000",
      "http://localhost:3000",
    ]);
    expect(trustedOrigins({ BASE_URL: "https://chat.example.com" })).toEqual(["https://chat.example.com"]);
  });
});
