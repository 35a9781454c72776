import { describe, expect, it } from "vitest";
import { edgeWidth, pressMoved, swipeDistance, swipeIntent, swipeMayStart } from "./gestures";

describe("drawer swipe", () => {
  it("starts only at the left edge while the drawer is in, anywhere while it is out", () => {
    expect(swipeMayStart({ x: 4, y: 300 }, false)).toBe(true);
    expect(swipeMayStart({ x: edgeWidth + 1, y: 300 }, false)).toBe(false);
    expect(swipeMayStart({ x: 200, y: 300 }, true)).toBe(true);
  });

  it("opens on a move to the right past the distance, closes on one to the left", () => {
    const start = { x: 5, y: 400 };
    expect(swipeIntent(start, { x: 5 + swipeDistance + 1, y: 404 }, false)).toBe("open");
    expect(swipeIntent(start, { x: 5 + swipeDistance - 1, y: 404 }, false)).toBe("wait");
    expect(swipeIntent({ x: 250, y: 400 }, { x: 250 - swipeDistance - 1, y: 398 }, true)).toBe("close");
    // The wrong direction for the state does nothing.
    expect(swipeIntent({ x: 250, y: 400 }, { x: 120, y: 400 }, false)).toBe("wait");
    expect(swipeIntent(start, { x: 200, y: 400 }, true)).toBe("wait");
  });

  it("gives way to a vertical scroll", () => {
    expect(swipeIntent({ x: 5, y: 400 }, { x: 30, y: 460 }, false)).toBe("scroll");
    expect(swipeIntent({ x: 5, y: 400 }, { x: 8, y: 405 }, false)).toBe("wait");
  });
});

describe("long press", () => {
  it("survives a wobble but not a scroll", () => {
    expect(pressMoved({ x: 100, y: 100 }, { x: 104, y: 106 })).toBe(false);
    expect(pressMoved({ x: 100, y: 100 }, { x: 100, y: 115 })).toBe(true);
  });
});
