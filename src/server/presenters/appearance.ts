import { decodeAppearance, encodeAppearance, type Appearance, type FontSize, type MessageDisplay, type Theme } from "@/shared/api";
import type { userAppearance } from "../db/schema";

/** The row's text columns are checked by the table; the decode narrows their types (and drops nothing). */
export function presentAppearance(row: typeof userAppearance.$inferSelect): Appearance {
  const shaped = { theme: row.theme as Theme, messageDisplay: row.messageDisplay as MessageDisplay, fontSize: row.fontSize as FontSize };
  return decodeAppearance(encodeAppearance(shaped));
}
