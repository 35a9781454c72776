/**
 * The appearance input schema (zod); the values, types and cookie format are in
 * appearance-values.ts, which the browser's first screen imports without zod.
 */
import { z } from "zod";
import { fontSizes, messageDisplays, themes, type FontSize } from "./appearance-values";

export * from "./appearance-values";

export const updateAppearanceInput = z
  .strictObject({
    theme: z.enum(themes),
    messageDisplay: z.enum(messageDisplays),
    fontSize: z
      .number()
      .int()
      .refine((n): n is FontSize => (fontSizes as readonly number[]).includes(n), `must be one of ${fontSizes.join(", ")}`),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, "nothing to change");

export type UpdateAppearanceInput = z.input<typeof updateAppearanceInput>;

