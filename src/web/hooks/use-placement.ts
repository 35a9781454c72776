"use client";

import { useLayoutEffect, useState, type RefObject } from "react";
import type { Placement, Size } from "../lib/placement";

const same = (a: Placement | undefined, b: Placement) => !!a && a.left === b.left && a.top === b.top && a.maxHeight === b.maxHeight;

/**
 * Places a floating element with `place(size, viewport)` once measured, and again whenever
 * its size changes (content that loads after it opened grows it). Undefined until measured.
 */
export function usePlacement(ref: RefObject<HTMLElement | null>, place: (size: Size, viewport: Size) => Placement): Placement | undefined {
  const [placement, setPlacement] = useState<Placement>();
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const update = () => {
      // The content's own height, not the capped box: a cap set earlier must not stick.
      const size = { width: element.offsetWidth, height: element.scrollHeight };
      const next = place(size, { width: window.innerWidth, height: window.innerHeight });
      setPlacement((was) => (same(was, next) ? was : next));
    };
    update();
    const observer = new ResizeObserver(update);
    observer.observe(element);
    for (const child of element.children) observer.observe(child);
    return () => observer.disconnect();
  }, [ref, place]);
  return placement;
}
