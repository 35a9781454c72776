/** A JSON column as it arrives: parsed by node-postgres and PGlite, as text from some drivers (null stays null). */
export const jsonColumn = <T>(v: T | string): T => (typeof v === "string" ? (JSON.parse(v) as T) : v);
