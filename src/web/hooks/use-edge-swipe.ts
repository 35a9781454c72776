"use client";

import { useEffect, useRef } from "react";
import { isPhone } from "./use-breakpoint";

/** How close to the left edge a swipe must start to pull the drawer out. */
const edge = 24;
/** How far a finger must travel sideways before it counts as a swipe. */
const distance = 48;

export interface EdgeSwipeOptions {
  open: boolean;
  onOpen: () => void;
  onClose: () => void;
}

/**
 * On phones: a swipe to the right that starts at the left edge opens the drawer, a swipe
 * to the left anywhere closes it again. A mostly vertical move is a scroll and is left alone.
 */
export function useEdgeSwipe(options: EdgeSwipeOptions) {
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });

  useEffect(() => {
    let start: { x: number; y: number } | null = null;
    const onStart = (event: TouchEvent) => {
      const touch = event.touches[0];
      start = null;
      if (event.touches.length !== 1 || !touch || !isPhone()) return;
      if (!latest.current.open && touch.clientX > edge) return;
      start = { x: touch.clientX, y: touch.clientY };
    };
    const onMove = (event: TouchEvent) => {
      const touch = event.touches[0];
      if (!start || !touch) return;
      const dx = touch.clientX - start.x;
      const dy = touch.clientY - start.y;
      if (Math.abs(dy) > Math.abs(dx)) {
        if (Math.abs(dy) > 10) start = null;
        return;
      }
      if (!latest.current.open && dx > distance) {
        start = null;
        latest.current.onOpen();
      } else if (latest.current.open && dx < -distance) {
        start = null;
        latest.current.onClose();
      }
    };
    const onEnd = () => {
      start = null;
    };
    document.addEventListener("touchstart", onStart, { passive: true });
    document.addEventListener("touchmove", onMove, { passive: true });
    document.addEventListener("touchend", onEnd);
    document.addEventListener("touchcancel", onEnd);
    return () => {
      document.removeEventListener("touchstart", onStart);
      document.removeEventListener("touchmove", onMove);
      document.removeEventListener("touchend", onEnd);
      document.removeEventListener("touchcancel", onEnd);
    };
  }, []);
}
