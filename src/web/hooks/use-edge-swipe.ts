"use client";

import { useEffect, useRef } from "react";
import { swipeIntent, swipeMayStart } from "../lib/gestures";
import { isPhone } from "./use-breakpoint";

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
      const at = { x: touch.clientX, y: touch.clientY };
      if (swipeMayStart(at, latest.current.open)) start = at;
    };
    // While the page scrolls the browser may drop moves, so the lift is judged as a last move.
    const onMove = (event: TouchEvent) => {
      const touch = event.type === "touchend" ? event.changedTouches[0] : event.touches[0];
      if (!start || !touch) return;
      const intent = swipeIntent(start, { x: touch.clientX, y: touch.clientY }, latest.current.open);
      if (intent === "wait") return;
      start = null;
      if (intent === "open") latest.current.onOpen();
      if (intent === "close") latest.current.onClose();
    };
    const onEnd = (event: TouchEvent) => {
      if (event.type === "touchend") onMove(event);
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
