"use client";

import { zodWithoutEval } from "@/web/lib/zod-without-eval";

// Zod compiles object schemas with `new Function` when it may; the probe alone is a
// violation of our script policy (no 'unsafe-eval'), reported on every page load.
// Set before any schema is built, without loading zod itself: the first screen has no
// zod (its code loads with the forms that use the shared schemas).
zodWithoutEval();

/** Rendered once by the root layout so the setting above is loaded in the browser. */
export function WithoutEval() {
  return null;
}
