/**
 * JSON lists (history pages, member lists, search hits) go out gzipped to a client that
 * accepts it. Only GET answers of 1 KB and more: the others are one object of a few
 * hundred bytes, where compressing costs more than it saves.
 *
 * hono's own compress middleware pipes every answer through a web CompressionStream:
 * on a history page that stream machinery cost more than the page's query. Here the
 * body is read once and gzipped by zlib in one synchronous call (about 50 µs for a page
 * of 50 messages; a hop to the thread pool cost more than it spared), and the
 * answer goes out as one buffer with its length.
 */
import { gzipSync } from "node:zlib";
import type { MiddlewareHandler } from "hono";
import { chooseEncoding } from "./static-assets";

const THRESHOLD_BYTES = 1024;
const noTransform = /(?:^|,)\s*no-transform\s*(?:,|$)/i;

export function gzipJson(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (c.req.method !== "GET") return;
    const res = c.res;
    const type = res.headers.get("content-type");
    if (!type?.startsWith("application/json") || res.headers.has("content-encoding") || noTransform.test(res.headers.get("cache-control") ?? "")) return;
    const vary = res.headers.get("vary");
    if (!vary) res.headers.set("vary", "Accept-Encoding");
    else if (vary !== "*" && !/\baccept-encoding\b/i.test(vary)) res.headers.set("vary", `${vary}, Accept-Encoding`);
    if (chooseEncoding(c.req.header("accept-encoding"), ["identity", "gzip"]) !== "gzip" || !res.body) return;
    const body = Buffer.from(await res.arrayBuffer());
    const headers = new Headers(res.headers);
    let out: Buffer = body;
    if (body.length >= THRESHOLD_BYTES) {
      out = gzipSync(body);
      headers.set("content-encoding", "gzip");
    }
    headers.set("content-length", String(out.length));
    // Set afresh, not over the old answer: hono's setter would rebuild it around a stream.
    // Its headers (security, request id) came along above.
    c.res = undefined;
    c.res = new Response(out as Uint8Array<ArrayBuffer>, { status: res.status, headers });
  };
}
