/**
 * The emoji images at /emoji/<code points>.svg, straight from the @twemoji/svg package, so
 * emoji look the same on every machine, with or without a colour-emoji font, and nothing
 * is fetched from a CDN. The package's directory is listed once at start: only a name in
 * that listing is ever read, and a request must look like lowercase hex code points
 * joined by "-" before it is even looked up, so no path can climb out of the directory.
 *
 * Twemoji's file names drop U+FE0F (the emoji variation selector) except in some ZWJ
 * sequences; a name is tried as asked, then without FE0F, then with FE0F after each part
 * that Twemoji keeps it for, so the browser may ask with the character's code points
 * either way.
 */
import { readFile, readdir } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createRequire } from "node:module";
import path from "node:path";

export const EMOJI_PREFIX = "/emoji/";

/** Up to 16 parts of 1–6 lowercase hex digits: the longest sequences (families, flags of regions) have 10. */
const namePattern = /^[0-9a-f]{1,6}(?:-[0-9a-f]{1,6}){0,15}$/;

export interface EmojiSet {
  dir: string;
  /** File name (without ".svg") by the name with every FE0F taken out. */
  byBareName: Map<string, string>;
}

export function twemojiDir(): string {
  const require = createRequire(import.meta.url);
  return path.dirname(require.resolve("@twemoji/svg/package.json"));
}

const bareName = (name: string) =>
  name
    .split("-")
    .filter((part) => part !== "fe0f")
    .join("-");

export async function loadEmojiSet(dir = twemojiDir()): Promise<EmojiSet> {
  const byBareName = new Map<string, string>();
  for (const file of await readdir(dir)) {
    if (!file.endsWith(".svg")) continue;
    const name = file.slice(0, -4);
    if (namePattern.test(name)) byBareName.set(bareName(name), name);
  }
  return { dir, byBareName };
}

/** The file name (without ".svg") for a requested name, or undefined: the forms with and without FE0F resolve alike. */
export function resolveEmojiName(set: EmojiSet, name: string): string | undefined {
  if (!namePattern.test(name)) return undefined;
  // Twemoji writes "23-20e3", not "0023-20e3".
  return set.byBareName.get(bareName(name.replace(/(^|-)0+(?=[0-9a-f])/g, "$1")));
}

const cacheForever = "public, max-age=31536000, immutable";

/** A request handler for /emoji/: true when it answered (every /emoji/ path is answered here, known or not). */
export function emojiAssetHandler(set: EmojiSet): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    const url = req.url ?? "";
    if (!url.startsWith(EMOJI_PREFIX)) return false;
    const notFound = (status = 404) => {
      res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" });
      res.end(status === 405 ? "Method not allowed" : "Not found");
      return true;
    };
    if (req.method !== "GET" && req.method !== "HEAD") return notFound(405);
    // The raw path, undecoded: an escape ("%2f", "%2e") never matches the pattern.
    const file = url.slice(EMOJI_PREFIX.length).split("?")[0]!;
    if (!file.endsWith(".svg")) return notFound();
    const name = resolveEmojiName(set, file.slice(0, -4));
    if (!name) return notFound();
    const etag = `"${name}"`;
    const headers = {
      "Content-Type": "image/svg+xml",
      "Cache-Control": cacheForever,
      ETag: etag,
      "X-Content-Type-Options": "nosniff",
      // An SVG opened on its own is a document: no script, no outside loads.
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    };
    if (req.headers["if-none-match"]?.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag)) {
      res.writeHead(304, headers).end();
      return true;
    }
    readFile(path.join(set.dir, `${name}.svg`)).then(
      (bytes) => {
        res.writeHead(200, { ...headers, "Content-Length": bytes.length });
        res.end(req.method === "HEAD" ? undefined : bytes);
      },
      () => {
        if (!res.headersSent) notFound();
      },
    );
    return true;
  };
}
