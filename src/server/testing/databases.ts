/**
 * Test databases: PGlite always; PostgreSQL too when TEST_DATABASE_URL is set. Each call
 * makes a database of its own (a PGlite from the template dump, or a fresh PostgreSQL
 * database that is dropped afterwards), so test files never collide.
 */
import fs from "node:fs/promises";
import { inject } from "vitest";
import { type Database, createPglite, fromPglite } from "../db/client";
import { createScratchPostgres } from "../db/scratch";

export type DatabaseKind = "pglite" | "postgres";

export interface TestDatabase extends Database {
  /** Closes and, for PostgreSQL, drops the database. */
  destroy(): Promise<void>;
}

export function testDatabaseKinds(): DatabaseKind[] {
  return process.env.TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];
}

/**
 * One kind only, PostgreSQL when given: for files whose subject is media signalling, not
 * SQL (the queries they pass through run on both kinds in the API and authorization tests).
 */
export function mediaTestDatabaseKinds(): DatabaseKind[] {
  return [testDatabaseKinds().at(-1)!];
}

export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === "pglite") {
    const dump = await fs.readFile(inject("pgliteTemplate"));
    const client = await createPglite({ loadDataDir: new Blob([dump]) });
    const database = fromPglite(client);
    return { ...database, destroy: () => database.close() };
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error("TEST_DATABASE_URL is not set");
  return createScratchPostgres(adminUrl, { prefix: "giga_test", poolSize: 5 });
}
