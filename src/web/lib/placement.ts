/**
 * Where a floating panel goes so it stays inside the window: below its anchor or above
 * when there is no room (flip), pushed sideways back in (shift), and capped in height
 * when neither side holds it. Pure, so the arithmetic is unit-tested.
 */

export interface Size {
  width: number;
  height: number;
}

export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface Placement {
  left: number;
  top: number;
  /** Set when the panel is taller than the room it has: it scrolls inside this height. */
  maxHeight?: number;
}

/** Kept free around the window's edge. */
export const EDGE = 8;

function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(value, max));
}

/** One axis: after `start` when it fits, else before `end` when that fits, else shifted in (and capped). */
function axis(size: number, start: number, end: number, room: number): { at: number; max?: number } {
  if (start + size <= room - EDGE) return { at: start };
  if (end - size >= EDGE) return { at: end - size };
  if (size <= room - 2 * EDGE) return { at: room - EDGE - size };
  return { at: EDGE, max: room - 2 * EDGE };
}

/** Below (or above) an anchor such as a button, aligned to its start or end edge. */
export function placeNear(anchor: Rect, size: Size, viewport: Size, align: "start" | "end" = "end", gap = 6): Placement {
  const vertical = axis(size.height, anchor.bottom + gap, anchor.top - gap, viewport.height);
  const wanted = align === "end" ? anchor.right - size.width : anchor.left;
  const left = clamp(wanted, EDGE, Math.max(EDGE, viewport.width - EDGE - size.width));
  return { left, top: vertical.at, ...(vertical.max !== undefined && { maxHeight: vertical.max }) };
}

/** At a point such as the pointer of a right click: down and right of it, flipped near the edges. */
export function placeAtPoint(point: { x: number; y: number }, size: Size, viewport: Size): Placement {
  const vertical = axis(size.height, point.y, point.y, viewport.height);
  const horizontal = axis(size.width, point.x, point.x, viewport.width);
  return { left: horizontal.at, top: vertical.at, ...(vertical.max !== undefined && { maxHeight: vertical.max }) };
}

/**
 * Where a context menu opens: the pointer, or for the keyboard's menu key (which reports
 * no pointer) the element's top left corner.
 */
export function menuPoint(event: { clientX: number; clientY: number; currentTarget: Element }): { x: number; y: number } {
  if (event.clientX !== 0 || event.clientY !== 0) return { x: event.clientX, y: event.clientY };
  const box = event.currentTarget.getBoundingClientRect();
  return { x: box.left + 16, y: box.top + 16 };
}
