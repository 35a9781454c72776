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
    /** Where the finger was last seen: a cancelled touch (the browser took it for a scroll) is judged there. */
    let last: { x: number; y: number } | null = null;
    const onStart = (event: TouchEvent) => {
      const touch = event.touches[0];
      start = null;
      last = null;
      if (event.touches.length !== 1 || !touch || !isPhone()) return;
      const at = { x: touch.clientX, y: touch.clientY };
      if (swipeMayStart(at, latest.current.open)) start = at;
    };
    // While the page scrolls the browser may drop moves or cancel the touch, so the lift (or
    // the cancel) is judged as a last move.
    const onMove = (event: TouchEvent) => {
      const touch = event.type === "touchmove" ? event.touches[0] : event.changedTouches[0];
      const at = touch ? { x: touch.clientX, y: touch.clientY } : last;
      if (!start || !at) return;
      if (event.type === "touchmove") last = at;
      // A cancel's own position is not always the finger's: the last move seen is.
      const judged = event.type === "touchcancel" && last ? last : at;
      const intent = swipeIntent(start, judged, latest.current.open);
      if (intent === "wait") return;
      start = null;
      if (intent === "open") latest.current.onOpen();
      if (intent === "close") latest.current.onClose();
    };
    const onEnd = (event: TouchEvent) => {
      onMove(event);
      start = null;
      last = null;
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
