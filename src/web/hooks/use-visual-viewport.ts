"use client";

import { useEffect } from "react";

/**
 * Keeps the app (and so the composer at its bottom) above an on-screen keyboard. Browsers
 * that shrink only the visual viewport when the keyboard opens (iOS Safari, Chrome without
 * `interactive-widget=resizes-content`) leave `100dvh` as tall as before; the visible height
 * goes into `--app-height` instead, which the shell uses when it is set.
 */
export function useVisualViewportHeight() {
  useEffect(() => {
    const viewport = window.visualViewport;
    if (!viewport) return;
    const root = document.documentElement;
    const update = () => {
      // A pinch zoom also shrinks the visual viewport; only a keyboard leaves the scale at 1.
      const covered = viewport.scale === 1 && window.innerHeight - viewport.height > 1;
      if (covered) {
        root.style.setProperty("--app-height", `${Math.round(viewport.height)}px`);
        // iOS scrolls the page up to show the focused field; the shell already fits.
        if (viewport.offsetTop > 0) window.scrollTo(0, 0);
      } else {
        root.style.removeProperty("--app-height");
      }
    };
    update();
    viewport.addEventListener("resize", update);
    viewport.addEventListener("scroll", update);
    return () => {
      viewport.removeEventListener("resize", update);
      viewport.removeEventListener("scroll", update);
      root.style.removeProperty("--app-height");
    };
  }, []);
}
