/**
 * The arithmetic of the phone's touch gestures, kept apart from the DOM so it can be
 * tested: where a drawer swipe may start, when a move is a swipe, a scroll or neither, and
 * when a held finger has moved too far to be a long press.
 */

export interface Point {
  x: number;
  y: number;
}

/** How close to the left edge a swipe must start to pull the drawer out. */
export const edgeWidth = 24;
/** How far a finger must travel sideways before it counts as a swipe. */
export const swipeDistance = 48;
/** A long press survives a finger's small wobble, not a scroll. */
export const pressTolerance = 10;

/** Whether a touch starting here may become a drawer swipe. */
export function swipeMayStart(at: Point, drawerOpen: boolean): boolean {
  return drawerOpen || at.x <= edgeWidth;
}

/**
 * What a finger's move from `start` to `now` means for the drawer: open or close it, give
 * up because it is a vertical scroll, or wait for more.
 */
export function swipeIntent(start: Point, now: Point, drawerOpen: boolean): "open" | "close" | "scroll" | "wait" {
  const dx = now.x - start.x;
  const dy = now.y - start.y;
  if (Math.abs(dy) > Math.abs(dx)) return Math.abs(dy) > pressTolerance ? "scroll" : "wait";
  if (!drawerOpen && dx > swipeDistance) return "open";
  if (drawerOpen && dx < -swipeDistance) return "close";
  return "wait";
}

/** Whether a held finger has moved far enough that it is not a long press any more. */
export function pressMoved(start: Point, now: Point): boolean {
  return Math.hypot(now.x - start.x, now.y - start.y) > pressTolerance;
}
