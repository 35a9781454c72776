"use client";

import { useEffect, useState } from "react";
import { returnFocus } from "../lib/focus";

/**
 * For a floating layer (menu, popover, settings page) that exists only while open: the
 * element that had focus when it opened gets it back when it closes. Read while the layer
 * first renders, before an `autoFocus` inside it moves the focus.
 */
export function useReturnFocus(): void {
  const [opener] = useState(() => (typeof document === "undefined" ? null : document.activeElement));
  useEffect(() => () => returnFocus(opener), [opener]);
}
