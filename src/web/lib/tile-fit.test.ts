import { describe, expect, it } from "vitest";
import { fitTiles } from "./tile-fit";

describe("fitTiles", () => {
  it("puts two tiles side by side in a wide, short box", () => {
    expect(fitTiles(2, 900, 240)).toEqual({ columns: 2, tileWidth: 426 });
  });
  it("stacks them in a narrow, tall box (a phone)", () => {
    expect(fitTiles(2, 370, 500).columns).toBe(1);
  });
  it("never makes a tile taller than the box", () => {
    const { columns, tileWidth } = fitTiles(3, 1000, 300);
    const rows = Math.ceil(3 / columns);
    expect(rows * ((tileWidth * 9) / 16) + (rows - 1) * 12).toBeLessThanOrEqual(300);
  });
});
