/**
 * `GET /api/health`: 200 `{ok: true, database: "up"}` when the database answers a
 * `select 1` in time, else 503 `{ok: false, database: "down"}`, so a load balancer or an
 * orchestrator sees an outage (and the recovery) without reading logs.
 */
import { sql } from "drizzle-orm";
import type { Context } from "hono";
import type { Db } from "./client";

const HEALTH_TIMEOUT_MS = 5_000;

export async function databaseHealth(db: Db | undefined, timeoutMs = HEALTH_TIMEOUT_MS): Promise<"up" | "down"> {
  if (!db) return "down";
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("health check timed out")), timeoutMs);
  });
  try {
    await Promise.race([db.execute(sql`select 1`), late]);
    return "up";
  } catch {
    return "down";
  } finally {
    clearTimeout(timer);
  }
}

/** The route handler: the database's state, with 503 while it is down. */
export function healthRoute(services: { db: Db | undefined }) {
  return async (c: Context) => {
    const database = await databaseHealth(services.db);
    return c.json({ ok: database === "up", database }, database === "up" ? 200 : 503);
  };
}
