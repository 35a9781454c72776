/**
 * Appearance: theme, message display and chat font size, stored on the account so every
 * device follows. The server also keeps a copy in a cookie (`gc_appearance`), read when
 * it renders a page, so the first paint already has the right theme (no flash).
 *
 * Only plain values here, no zod: the browser's first screen imports this file, and zod
 * weighs about 30 KB gzipped. The input schema is in appearance.ts.
 */
export const themes = ["dark", "light", "system"] as const;
export const messageDisplays = ["cozy", "compact"] as const;
/** Discord's chat font scale, in CSS pixels at the root. */
export const fontSizes = [12, 14, 15, 16, 18, 20, 24] as const;

export type Theme = (typeof themes)[number];
export type MessageDisplay = (typeof messageDisplays)[number];
export type FontSize = (typeof fontSizes)[number];

export interface Appearance {
  theme: Theme;
  messageDisplay: MessageDisplay;
  fontSize: FontSize;
}

export const defaultAppearance: Appearance = Object.freeze({ theme: "dark", messageDisplay: "cozy", fontSize: 16 });

export const APPEARANCE_COOKIE = "gc_appearance";
/** A year: the cookie is only a copy, refreshed by every read of the appearance. */
export const APPEARANCE_COOKIE_MAX_AGE = 60 * 60 * 24 * 365;

/** `light.compact.16`: short, and needs no escaping in a cookie. */
export function encodeAppearance(a: Appearance): string {
  return `${a.theme}.${a.messageDisplay}.${a.fontSize}`;
}

/** Whatever the cookie holds (old, edited by hand): each part falls back to the default on its own. */
export function decodeAppearance(value: string | undefined | null): Appearance {
  const [theme, display, size] = (value ?? "").split(".");
  const fontSize = Number(size);
  return {
    theme: (themes as readonly string[]).includes(theme ?? "") ? (theme as Theme) : defaultAppearance.theme,
    messageDisplay: (messageDisplays as readonly string[]).includes(display ?? "")
      ? (display as MessageDisplay)
      : defaultAppearance.messageDisplay,
    fontSize: (fontSizes as readonly number[]).includes(fontSize) ? (fontSize as FontSize) : defaultAppearance.fontSize,
  };
}

/** The browser bar's colour for each theme (the rail's colour); "system" follows the OS. */
export const themeColors = { dark: "#1e1f22", light: "#e3e5e8" } as const;
