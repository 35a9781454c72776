import { describe, expect, it } from "vitest";
import { EDGE, menuPoint, placeAtPoint, placeNear } from "./placement";

const viewport = { width: 1280, height: 800 };
const anchor = (left: number, top: number, width = 40, height = 20) => ({ left, top, right: left + width, bottom: top + height });
const inside = (p: { left: number; top: number; maxHeight?: number }, size: { width: number; height: number }) =>
  p.left >= EDGE && p.top >= EDGE && p.left + size.width <= viewport.width - EDGE && p.top + Math.min(size.height, p.maxHeight ?? Infinity) <= viewport.height - EDGE;

describe("placeNear", () => {
  it("opens below when it fits, above when it does not", () => {
    expect(placeNear(anchor(100, 100), { width: 300, height: 200 }, viewport, "start")).toEqual({ left: 100, top: 126 });
    expect(placeNear(anchor(100, 700), { width: 300, height: 200 }, viewport, "start")).toEqual({ left: 100, top: 494 });
  });

  it("shifts sideways back into the window", () => {
    const size = { width: 384, height: 100 };
    const p = placeNear(anchor(1200, 100), size, viewport, "start");
    expect(p.left).toBe(1280 - EDGE - 384);
    expect(inside(p, size)).toBe(true);
  });

  it("when neither side holds it, stays inside by overlapping the anchor, or caps its height", () => {
    const tall = { width: 300, height: 500 };
    const p = placeNear(anchor(100, 390), tall, viewport, "start");
    expect(inside(p, tall)).toBe(true);
    const huge = { width: 300, height: 1000 };
    const q = placeNear(anchor(100, 390), huge, viewport, "start");
    expect(q).toMatchObject({ top: EDGE, maxHeight: 800 - 2 * EDGE });
    expect(inside(q, huge)).toBe(true);
  });
});

describe("placeAtPoint", () => {
  const menu = { width: 224, height: 300 };
  it("opens down and right of the pointer", () => {
    expect(placeAtPoint({ x: 100, y: 100 }, menu, viewport)).toEqual({ left: 100, top: 100 });
  });
  it("flips up and left near the bottom right corner", () => {
    expect(placeAtPoint({ x: 1200, y: 700 }, menu, viewport)).toEqual({ left: 1200 - 224, top: 700 - 300 });
  });
  it("on a small screen stays inside whatever the point", () => {
    const phone = { width: 390, height: 844 };
    const p = placeAtPoint({ x: 200, y: 420 }, { width: 224, height: 600 }, phone);
    expect(p.top + 600).toBeLessThanOrEqual(844 - EDGE);
    expect(p.left + 224).toBeLessThanOrEqual(390 - EDGE);
  });
});

describe("menuPoint", () => {
  const element = { getBoundingClientRect: () => ({ left: 100, top: 200 }) } as unknown as Element;
  it("is the pointer, or the element's corner for the keyboard's menu key", () => {
    expect(menuPoint({ clientX: 30, clientY: 40, currentTarget: element })).toEqual({ x: 30, y: 40 });
    expect(menuPoint({ clientX: 0, clientY: 0, currentTarget: element })).toEqual({ x: 116, y: 216 });
  });
});
