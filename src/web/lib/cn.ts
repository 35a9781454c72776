import { clsx, type ClassValue } from "clsx";
import { twMerge } from "tailwind-merge";

export function cn(...inputs: ClassValue[]): string {
  return twMerge(clsx(inputs));
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
