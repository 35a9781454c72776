"use client";

import { useCallback, useEffect, useMemo, useRef, type MouseEvent, type TouchEvent } from "react";
import { pressMoved } from "../lib/gestures";

/** Discord's hold time. */
const defaultDelay = 500;

/**
 * A press held on a touch screen (what a right click or a hover is on a desktop). Spread the
 * returned handlers on the element. The tap that ends a long press does not click, and the
 * browser's own long-press menu is kept away.
 */
export function useLongPress(onLongPress: (element: HTMLElement) => void, { delay = defaultDelay, enabled = true } = {}) {
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const start = useRef<{ x: number; y: number } | null>(null);
  const fired = useRef(false);
  const latest = useRef(onLongPress);
  useEffect(() => {
    latest.current = onLongPress;
  });

  const cancel = useCallback(() => {
    clearTimeout(timer.current);
    start.current = null;
  }, []);
  useEffect(() => cancel, [cancel]);

  return useMemo(
    () => ({
      onTouchStart(event: TouchEvent<HTMLElement>) {
        cancel();
        fired.current = false;
        const touch = event.touches[0];
        if (!enabled || event.touches.length !== 1 || !touch) return;
        start.current = { x: touch.clientX, y: touch.clientY };
        const element = event.currentTarget;
        timer.current = setTimeout(() => {
          fired.current = true;
          start.current = null;
          latest.current(element);
        }, delay);
      },
      onTouchMove(event: TouchEvent<HTMLElement>) {
        const touch = event.touches[0];
        if (!start.current || !touch) return;
        if (pressMoved(start.current, { x: touch.clientX, y: touch.clientY })) cancel();
      },
      onTouchEnd(event: TouchEvent<HTMLElement>) {
        cancel();
        // No click (and no focus on what was under the finger) after the menu opened.
        if (fired.current && event.cancelable) event.preventDefault();
      },
      onTouchCancel: cancel,
      onContextMenu(event: MouseEvent<HTMLElement>) {
        // Android fires its own long-press menu on the same hold.
        if (fired.current || start.current) event.preventDefault();
      },
    }),
    [cancel, delay, enabled],
  );
}
