/**
 * The first middleware of every API request: its id (a safe x-request-id from the client
 * or proxy, else a new one), echoed in the response header; the services with a child
 * logger that writes that id on every line, so handlers keep logging through
 * `services.log`; and, once answered, the response counted for /metrics by route
 * pattern (never the raw path, whose ids would make the label set unbounded).
 */
import type { MiddlewareHandler } from "hono";
import { routePath } from "hono/route";
import { REQUEST_ID_HEADER, acceptRequestId } from "../ops/request-id";
import type { Services } from "../services";
import type { AppEnv } from "./middleware";

export function requestContext(services: Services): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const requestId = acceptRequestId(c.req.header(REQUEST_ID_HEADER));
    const log = services.log.child({ requestId });
    c.set("requestId", requestId);
    c.set("services", { ...services, log });
    const started = performance.now();
    await next();
    // `c.header` on an answer already made rebuilds it around its body as a stream, so the
    // answer goes out through the web-stream path (a measured cost of every API answer).
    // Setting it on the answer's headers in place was cheaper, but with it the
    // notifications E2E lost or doubled live events in every full run tried (three of
    // three; none of three without): kept as it was until that is understood.
    c.header(REQUEST_ID_HEADER, requestId);
    // The last route that matched: a handler's pattern, or a middleware's (`/api/v1/*`) when none did.
    const route = routePath(c, -1) || "unmatched";
    services.metrics.httpResponse(c.req.method, route, c.res.status);
    log.debug({ method: c.req.method, route, status: c.res.status, ms: Math.round(performance.now() - started) }, "request");
  };
}
