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
    // Set before the handler runs, so the answer hono makes carries it from the start. Set on
    // an answer already made, `c.header` rebuilds it around its body as a stream and the
    // answer goes out through the web-stream path (measured: about a third of the app's CPU
    // for a send); only an answer made elsewhere (a raw Response) still lacks it after.
    c.header(REQUEST_ID_HEADER, requestId);
    const started = performance.now();
    await next();
    if (!c.res.headers.has(REQUEST_ID_HEADER)) c.header(REQUEST_ID_HEADER, requestId);
    // The last route that matched: a handler's pattern, or a middleware's (`/api/v1/*`) when none did.
    const route = routePath(c, -1) || "unmatched";
    services.metrics.httpResponse(c.req.method, route, c.res.status);
    log.debug({ method: c.req.method, route, status: c.res.status, ms: Math.round(performance.now() - started) }, "request");
  };
}
