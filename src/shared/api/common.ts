/** Ids and bitfields: decimal strings on the wire (64-bit values do not fit a JSON number). */
import { z } from "zod";

export const idSchema = z.string().regex(/^\d{1,20}$/, "must be a numeric id");

/** A permission bitfield in JSON: a decimal string (64 bits do not fit a JS number). */
export const bitfieldSchema = z.string().regex(/^\d{1,20}$/, "must be a decimal bitfield");
