import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig, trustedOrigins } from "./config";

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
