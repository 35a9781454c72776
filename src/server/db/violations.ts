/** Which database errors mean a unique index refused a row (PostgreSQL's 23505, also when wrapped by the driver). */
export function isUniqueViolation(err: unknown): boolean {
  for (let e = err as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === "23505") return true;
  }
  return false;
}
