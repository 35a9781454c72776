"use client";

import { useSyncExternalStore } from "react";

/** Tailwind's `md`: below it the app is laid out for a phone. */
const phoneQuery = "(max-width: 767.98px)";

/** For event handlers: is the screen a phone's right now? */
export function isPhone(): boolean {
  return typeof window !== "undefined" && window.matchMedia(phoneQuery).matches;
}

/** Below Tailwind's `lg`, where a conversation's member column is hidden until asked for. */
export function isBelowLarge(): boolean {
  return typeof window !== "undefined" && window.matchMedia("(max-width: 1023.98px)").matches;
}

function subscribe(onChange: () => void) {
  const list = window.matchMedia(phoneQuery);
  list.addEventListener("change", onChange);
  return () => list.removeEventListener("change", onChange);
}

/**
 * For behaviour only (layout is CSS). The server renders as if wide, and so does the first
 * client render, so hydration never mismatches; the real answer follows at once.
 */
export function useIsPhone(): boolean {
  return useSyncExternalStore(subscribe, isPhone, () => false);
}
