/**
 * Ids are snowflake-style decimal strings that sort by time. Comparing by length first
 * and then as text orders them like the numbers they are, without BigInt parsing.
 */
export function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}
