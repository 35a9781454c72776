"use client";

import { useSyncExternalStore } from "react";

/** Tailwind's `md`: below it the app is laid out for a phone. */
const phoneQuery = "(max-width: 767.98px)";
/** Tailwind's `lg`. */
const belowLargeQuery = "(max-width: 1023.98px)";

/** For event handlers: is the screen a phone's right now? */
export function isPhone(): boolean {
  return typeof window !== "undefined" && window.matchMedia(phoneQuery).matches;
}

/** Below Tailwind's `lg`, where a conversation's member column is hidden until asked for. */
export function isBelowLarge(): boolean {
  return typeof window !== "undefined" && window.matchMedia(belowLargeQuery).matches;
}

const subscribeTo = (query: string) => (onChange: () => void) => {
  const list = window.matchMedia(query);
  list.addEventListener("change", onChange);
  return () => list.removeEventListener("change", onChange);
};
const subscribePhone = subscribeTo(phoneQuery);
const subscribeBelowLarge = subscribeTo(belowLargeQuery);

/**
 * For behaviour only (layout is CSS). The server renders as if wide, and so does the first
 * client render, so hydration never mismatches; the real answer follows at once.
 */
export function useIsPhone(): boolean {
  return useSyncExternalStore(subscribePhone, isPhone, () => false);
}

export function useIsBelowLarge(): boolean {
  return useSyncExternalStore(subscribeBelowLarge, isBelowLarge, () => false);
}
