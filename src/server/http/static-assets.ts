/**
 * Next's build output under /_next/static/, sent by us instead of Next: every file there
 * is named by its content hash or sits under the build id, so browsers keep it for a year
 * without asking again, and `scripts/precompress.mjs` wrote a brotli (.br) and a gzip
 * (.gz) copy of each compressible file beside it at build time. The copy the browser
 * accepts (`Accept-Encoding`) goes out as it is on disk: no compression per request, and
 * brotli, which Next does not offer. A path we do not know falls through to Next.
 */
import { createReadStream, type Stats } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";

export const STATIC_PREFIX = "/_next/static/";

export type ContentCoding = "br" | "gzip" | "identity";

interface Variant {
  file: string;
  size: number;
  etag: string;
}

interface Asset {
  type: string;
  variants: Partial<Record<ContentCoding, Variant>>;
}

const types: Record<string, string> = {
  ".js": "application/javascript; charset=utf-8",
  ".mjs": "application/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".html": "text/html; charset=utf-8",
  ".xml": "application/xml",
  ".svg": "image/svg+xml",
  ".wasm": "application/wasm",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".ttf": "font/ttf",
  ".otf": "font/otf",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".ico": "image/x-icon",
};

const suffixes: Array<[ContentCoding, string]> = [
  ["br", ".br"],
  ["gzip", ".gz"],
];

/**
 * Which of the `available` codings to send for an Accept-Encoding header (RFC 9110
 * §12.5.3): the highest q wins, brotli before gzip at equal q; identity is acceptable
 * unless refused (`identity;q=0`, or `*;q=0` without naming it), and when nothing is,
 * identity is sent anyway rather than a 406.
 */
export function chooseEncoding(header: string | undefined, available: readonly ContentCoding[]): ContentCoding {
  const q = new Map<string, number>();
  for (const part of (header ?? "").split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    if (!name) continue;
    let weight = 1;
    for (const param of params) {
      const [key, value] = param.trim().split("=");
      if (key === "q") weight = Number(value);
    }
    q.set(name, Number.isFinite(weight) ? Math.min(1, Math.max(0, weight)) : 0);
  }
  const weightOf = (coding: ContentCoding): number => {
    if (q.has(coding)) return q.get(coding)!;
    if (coding === "gzip" && q.has("x-gzip")) return q.get("x-gzip")!;
    if (q.has("*")) return q.get("*")!;
    return coding === "identity" ? 1 : 0;
  };
  let best: ContentCoding = "identity";
  let bestQ = available.includes("identity") ? weightOf("identity") : -1;
  for (const coding of ["br", "gzip"] as const) {
    if (!available.includes(coding)) continue;
    const w = weightOf(coding);
    // Strictly better than what we have; at equal q a compressed copy beats identity.
    if (w > 0 && (w > bestQ || (w === bestQ && best === "identity"))) {
      best = coding;
      bestQ = w;
    }
  }
  return best;
}

function etagOf(stats: Stats, coding: ContentCoding): string {
  return `"${stats.size.toString(16)}-${Math.floor(stats.mtimeMs).toString(16)}${coding === "identity" ? "" : `-${coding}`}"`;
}

async function* walk(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (entry.isFile()) yield full;
  }
}

/** Reads the directory's listing once: the build output does not change while the server runs. */
export async function loadStaticAssets(dir: string): Promise<Map<string, Asset>> {
  const assets = new Map<string, Asset>();
  const found = new Map<string, Stats>();
  try {
    for await (const file of walk(dir)) found.set(file, await stat(file));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return assets;
    throw err;
  }
  for (const [file, stats] of found) {
    if (file.endsWith(".br") || file.endsWith(".gz")) continue;
    const variants: Asset["variants"] = { identity: { file, size: stats.size, etag: etagOf(stats, "identity") } };
    for (const [coding, suffix] of suffixes) {
      const copy = found.get(file + suffix);
      // A copy older than its file is left from another build: never send it.
      if (copy && copy.mtimeMs >= stats.mtimeMs) variants[coding] = { file: file + suffix, size: copy.size, etag: etagOf(stats, coding) };
    }
    const key = path.relative(dir, file).split(path.sep).join("/");
    assets.set(key, { type: types[path.extname(file).toLowerCase()] ?? "application/octet-stream", variants });
  }
  return assets;
}

/** A request handler for /_next/static/: true when it answered, false to hand the request on. */
export type StaticHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

export function staticAssetHandler(assets: Map<string, Asset>): StaticHandler {
  return (req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") return false;
    const url = req.url ?? "";
    if (!url.startsWith(STATIC_PREFIX)) return false;
    let key: string;
    try {
      key = decodeURIComponent(url.slice(STATIC_PREFIX.length).split("?")[0]!);
    } catch {
      return false;
    }
    // Only names read from the directory match, so no path can climb out of it.
    const asset = assets.get(key);
    if (!asset) return false;
    const available = Object.keys(asset.variants) as ContentCoding[];
    const coding = chooseEncoding(req.headers["accept-encoding"], available);
    const variant = asset.variants[coding] ?? asset.variants.identity!;
    const headers: Record<string, string | number> = {
      "Content-Type": asset.type,
      "Cache-Control": "public, max-age=31536000, immutable",
      ETag: variant.etag,
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
    };
    if (available.length > 1) headers.Vary = "Accept-Encoding";
    if (coding !== "identity") headers["Content-Encoding"] = coding;
    const ifNoneMatch = req.headers["if-none-match"];
    if (ifNoneMatch && ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === variant.etag)) {
      res.writeHead(304, headers).end();
      return true;
    }
    headers["Content-Length"] = variant.size;
    res.writeHead(200, headers);
    if (req.method === "HEAD") {
      res.end();
      return true;
    }
    const stream = createReadStream(variant.file);
    stream.on("error", () => res.destroy());
    stream.pipe(res);
    return true;
  };
}
