import { clsx, type ClassValue } from "clsx";

/**
 * Joins class names (strings, conditionals, arrays, objects). It does not settle conflicts:
 * with two utilities for one property (`px-2` and `px-4`) both would apply, and the
 * stylesheet's order, not their order here, would decide. So a class list never holds two
 * for one property: states that exclude each other go in one ternary, and a component
 * leaves out its own default for a property its caller's `className` sets (`sets`).
 */
export function cn(...inputs: ClassValue[]): string {
  return clsx(inputs);
}

/** Utilities a caller's `className` may set in place of a component's default. */
export const utility = {
  height: /^h-/,
  paddingX: /^px-/,
  fontSize: /^text-(xs|sm|base|lg|\d*xl)$/,
  textColour: /^text-(?!(xs|sm|base|lg|\d*xl|left|center|right|justify|start|end|wrap|nowrap|balance|pretty|ellipsis|clip)$)/,
  background: /^bg-/,
  /** All four corners (`rounded-2xl`), not one side (`rounded-t-lg`). */
  radius: /^rounded(-[^-]+)?$/,
};

/** Whether `className` holds an unprefixed utility matching `pattern` (`hover:text-white` does not count for `text-`). */
export function sets(className: string | undefined, pattern: RegExp): boolean {
  return !!className && className.split(/\s+/).some((name) => pattern.test(name));
}
