/**
 * Puts an appearance on the page: the same attributes the server writes into the first
 * HTML (see app/layout.tsx), so a change made later looks exactly like a fresh load.
 */
import { APPEARANCE_COOKIE, APPEARANCE_COOKIE_MAX_AGE, encodeAppearance, themeColors, type Appearance, type Theme } from "@/shared/api/appearance-values";

/** The attributes and style of `<html>` for an appearance; used by the server render and the browser alike. */
export function htmlAppearance(a: Appearance) {
  return {
    "data-theme": a.theme,
    "data-density": a.messageDisplay,
    style: { "--chat-font-size": `${a.fontSize}px` } as Record<string, string>,
  };
}

function resolved(theme: Theme): "dark" | "light" {
  if (theme !== "system") return theme;
  return window.matchMedia("(prefers-color-scheme: light)").matches ? "light" : "dark";
}

export function applyAppearance(a: Appearance, root: HTMLElement = document.documentElement): void {
  const attrs = htmlAppearance(a);
  root.dataset.theme = attrs["data-theme"];
  root.dataset.density = attrs["data-density"];
  for (const [name, value] of Object.entries(attrs.style)) root.style.setProperty(name, value);
  // The browser bar: a meta with a media query keeps its own scheme when following the system.
  for (const meta of document.querySelectorAll<HTMLMetaElement>('meta[name="theme-color"]')) {
    const scheme = a.theme === "system" && meta.media ? (meta.media.includes("light") ? "light" : "dark") : resolved(a.theme);
    meta.content = themeColors[scheme];
  }
}

/**
 * This device's copy for the next page load. The server writes it on every read and change
 * of the appearance; a change heard from another device is written here.
 */
export function rememberAppearance(a: Appearance): void {
  const secure = window.location.protocol === "https:" ? "; secure" : "";
  document.cookie = `${APPEARANCE_COOKIE}=${encodeAppearance(a)}; path=/; max-age=${APPEARANCE_COOKIE_MAX_AGE}; samesite=lax${secure}`;
}
