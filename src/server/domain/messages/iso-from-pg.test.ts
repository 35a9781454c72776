/** The history page reads times as PostgreSQL writes them; each form becomes the ISO time a driver would give. */
import { describe, expect, it } from "vitest";
import { isoFromPg } from "./present";

describe("isoFromPg", () => {
  it.each([
    ["2026-12-05 22:05:50.83757+00", "2026-12-05T22:05:50.837Z"],
    ["2026-12-05 22:05:50.123456+00", "2026-12-05T22:05:50.123Z"],
    ["2026-12-05 22:05:50.1+00", "2026-12-05T22:05:50.100Z"],
    ["2026-12-05 22:05:50.0009+00", "2026-12-05T22:05:50.000Z"],
    ["2026-12-05 22:05:50+00", "2026-12-05T22:05:50.000Z"],
    ["2026-12-05 23:05:50.5+01", "2026-12-05T22:05:50.500Z"],
    ["2026-12-06 03:35:50.25+05:30", "2026-12-05T22:05:50.250Z"],
    ["2026-12-05 17:05:50-05", "2026-12-05T22:05:50.000Z"],
  ])("%s", (text, iso) => {
    expect(isoFromPg(text)).toBe(iso);
  });
});
