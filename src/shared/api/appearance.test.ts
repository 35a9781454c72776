import { describe, expect, it } from "vitest";
import { decodeAppearance, defaultAppearance, encodeAppearance, updateAppearanceInput } from "./appearance";

describe("appearance cookie", () => {
  it("round-trips every value", () => {
    const a = { theme: "system", messageDisplay: "compact", fontSize: 24 } as const;
    expect(encodeAppearance(a)).toBe("system.compact.24");
    expect(decodeAppearance(encodeAppearance(a))).toEqual(a);
  });

  it("falls back part by part on whatever else the cookie holds", () => {
    expect(decodeAppearance(undefined)).toEqual(defaultAppearance);
    expect(decodeAppearance("")).toEqual(defaultAppearance);
    expect(decodeAppearance("light.wide.13")).toEqual({ theme: "light", messageDisplay: "cozy", fontSize: 16 });
    expect(decodeAppearance("<script>.compact.20")).toEqual({ theme: "dark", messageDisplay: "compact", fontSize: 20 });
  });
});

describe("updateAppearanceInput", () => {
  it("takes any part, refuses unknown fields, values off the scale and an empty change", () => {
    expect(updateAppearanceInput.parse({ fontSize: 18 })).toEqual({ fontSize: 18 });
    for (const bad of [{}, { fontSize: 17 }, { theme: "Dark" }, { theme: "dark", extra: 1 }]) {
      expect(updateAppearanceInput.safeParse(bad).success).toBe(false);
    }
  });
});
