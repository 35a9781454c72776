/**
 * Runs queries one after another. Inside a transaction every query shares one
 * connection, and node-postgres deprecates overlapping queries on a connection (they
 * queue today and will throw in its next major version); PGlite runs one at a time anyway.
 */
export async function inSequence<T extends readonly unknown[]>(steps: { [K in keyof T]: () => Promise<T[K]> }): Promise<T> {
  const results: unknown[] = [];
  for (const step of steps) results.push(await step());
  return results as unknown as T;
}
