/**
 * The input gate's building blocks, used by every schema that reads a request or a socket
 * event: ids (decimal strings on the wire: 64-bit values do not fit a JSON number), user
 * ids, bitfields and text. Each refuses what the database cannot take (an id past the
 * bigint column, a NUL in text) as a validation error, so bad input never reaches it.
 */
import { z } from "zod";

const INT64_MAX = 0x7fffffffffffffffn;
/** Zod runs every check, even after the pattern failed: the range test reads only digits. */
const withinInt64 = (s: string) => !/^\d+$/.test(s) || BigInt(s) <= INT64_MAX;

/** A snowflake id: 1 to 19 decimal digits, no sign, within PostgreSQL's bigint. */
export const snowflake = z
  .string()
  .regex(/^\d{1,19}$/, "must be a numeric id")
  .refine(withinInt64, "is out of range");

/** The older name of `snowflake`. */
export const idSchema = snowflake;

/** A person's id (better-auth's: short opaque letters and digits). */
export const userIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "must be a user id");

/** A permission bitfield in JSON: a decimal string (64 bits do not fit a JS number); bit 63 is unused. */
export const bitfieldSchema = z
  .string()
  .regex(/^\d{1,19}$/, "must be a decimal bitfield")
  .refine(withinInt64, "is out of range");

/** C0 and C1 control characters and DEL; PostgreSQL refuses NUL in text outright. */
const CONTROL = /\p{Cc}/u;
const CONTROL_BUT_LINES = /[^\P{Cc}\n\t]/u;
const CONTROL_BUT_CRLF = /[^\P{Cc}\n\r\t]/u;

export interface TextOptions {
  min?: number;
  max: number;
  /** Trim spaces around (names); the length limits apply to the trimmed text. */
  trim?: boolean;
  /** Keep line feeds and tabs (message content); `crlf` also carriage returns (SDP). */
  lines?: boolean | "crlf";
}

/**
 * Text from a person: no control characters (except line feeds and tabs where `lines`
 * says so), bounded length. Every text field of the API goes through here.
 */
export function text({ min = 0, max, trim = false, lines = false }: TextOptions) {
  const forbidden = lines === "crlf" ? CONTROL_BUT_CRLF : lines ? CONTROL_BUT_LINES : CONTROL;
  const base = trim ? z.string().trim() : z.string();
  return base
    .min(min, min === 1 ? "must not be empty" : `at least ${min} characters`)
    .max(max, `at most ${max} characters`)
    .refine((s) => !forbidden.test(s), "must not contain control characters");
}
