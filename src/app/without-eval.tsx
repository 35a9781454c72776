"use client";

import { z } from "zod";

// Zod compiles object schemas with `new Function` when it may; the probe alone is a
// violation of our script policy (no 'unsafe-eval'), reported on every page load.
z.config({ jitless: true });

/** Rendered once by the root layout so the setting above is loaded in the browser. */
export function WithoutEval() {
  return null;
}
