/**
 * The operator's routes: `/api/health` (alive), `/api/ready` (can serve now) and
 * `/metrics` (Prometheus, behind a bearer token). None of them needs a session.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { Hono } from "hono";
import { AppError } from "../errors";
import type { AppEnv } from "../http/middleware";
import type { Metrics } from "./metrics";
import { type Readiness, checkReadiness } from "./readiness";

const startedAt = Date.now();

/** Same-length digests, so the comparison takes as long whatever the guess. */
function sameToken(given: string, expected: string): boolean {
  const digest = (v: string) => createHash("sha256").update(v).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

export function opsRoutes(deps: { readiness: Readiness; metrics: Metrics; metricsToken: string | undefined; leading: () => boolean }) {
  return new Hono<AppEnv>()
    // `leader`: whether this process runs the cluster's background work now (cluster/leader.ts).
    .get("/api/health", (c) => c.json({ status: "ok", ok: true, uptimeSeconds: Math.round((Date.now() - startedAt) / 1000), leader: deps.leading() }))
    .get("/api/ready", async (c) => {
      const report = await checkReadiness(deps.readiness);
      c.header("cache-control", "no-store");
      return c.json(report, report.status === "ready" ? 200 : 503);
    })
    .get("/metrics", async (c) => {
      const token = deps.metricsToken;
      if (!token) throw new AppError(404, "NOT_FOUND", "No such route.");
      const given = /^Bearer (.+)$/i.exec(c.req.header("authorization") ?? "")?.[1];
      if (!given || !sameToken(given, token)) {
        throw new AppError(401, "UNAUTHORIZED", "The metrics need the bearer token set in METRICS_TOKEN.", undefined, {
          "WWW-Authenticate": 'Bearer realm="metrics"',
        });
      }
      const { contentType, body } = await deps.metrics.scrape();
      return c.body(body, 200, { "content-type": contentType, "cache-control": "no-store" });
    });
}
