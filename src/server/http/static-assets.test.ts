/**
 * The build's static files: precompressed by the real build step (scripts/precompress.mjs,
 * run as the build runs it) and sent by the real handler over HTTP.
 */
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chooseEncoding, loadStaticAssets, staticAssetHandler } from "./static-assets";

const run = promisify(execFile);

describe("chooseEncoding", () => {
  const all = ["br", "gzip", "identity"] as const;
  it("prefers brotli, then gzip, as the browser allows", () => {
    expect(chooseEncoding("gzip, deflate, br, zstd", all)).toBe("br");
    expect(chooseEncoding("gzip, deflate", all)).toBe("gzip");
    expect(chooseEncoding("br;q=0.5, gzip", all)).toBe("gzip");
    expect(chooseEncoding("x-gzip", all)).toBe("gzip");
    expect(chooseEncoding("*", all)).toBe("br");
  });
  it("sends the file as it is when nothing compressed is accepted or there", () => {
    expect(chooseEncoding(undefined, all)).toBe("identity");
    expect(chooseEncoding("", all)).toBe("identity");
    expect(chooseEncoding("deflate", all)).toBe("identity");
    expect(chooseEncoding("br;q=0, gzip;q=0", all)).toBe("identity");
    expect(chooseEncoding("br, gzip", ["identity"])).toBe("identity");
    expect(chooseEncoding("br, gzip", ["gzip", "identity"])).toBe("gzip");
  });
  it("never picks identity over an accepted copy when identity is refused", () => {
    expect(chooseEncoding("gzip;q=0.1, identity;q=0", all)).toBe("gzip");
    expect(chooseEncoding("gzip;q=0.1, *;q=0", all)).toBe("gzip");
  });
});

describe("static assets", () => {
  let dir: string;
  let server: http.Server;
  let base: string;
  const chunk = Buffer.from(`(()=>{${"console.log('a hashed chunk of the build');".repeat(400)}})();\n`);
  const font = Buffer.from([0x77, 0x4f, 0x46, 0x32, ...Array.from({ length: 600 }, (_, i) => (i * 37) % 256)]);
  const fellThrough: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "giga-static-"));
    await mkdir(path.join(dir, "chunks"), { recursive: true });
    await mkdir(path.join(dir, "media"), { recursive: true });
    await writeFile(path.join(dir, "chunks", "0abc123.js"), chunk);
    await writeFile(path.join(dir, "chunks", "tiny.js"), "1");
    await writeFile(path.join(dir, "media", "font.woff2"), font);
    await writeFile(path.join(dir, "chunks", "stale.js"), chunk);
    const built = await run(process.execPath, ["scripts/precompress.mjs", dir]);
    expect(built.stdout).toMatch(/precompressed \d+ files/);
    // A copy older than its file: left from another build, never sent.
    await writeFile(path.join(dir, "chunks", "stale.js.gz"), "not this");
    const past = new Date(Date.now() - 60_000);
    await utimes(path.join(dir, "chunks", "stale.js.gz"), past, past);

    const handler = staticAssetHandler(await loadStaticAssets(dir));
    server = http.createServer((req, res) => {
      if (handler(req, res)) return;
      fellThrough.push(req.url ?? "");
      res.writeHead(404).end("next");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  /** A raw GET: node:http leaves the body as sent (fetch would decode it). */
  function get(url: string, headers: Record<string, string> = {}, method = "GET") {
    return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const req = http.request(base + url, { method, headers }, (res) => {
        const parts: Buffer[] = [];
        res.on("data", (c: Buffer) => parts.push(c));
        res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(parts) }));
      });
      req.on("error", reject);
      req.end();
    });
  }

  it("the build step wrote a brotli and a gzip copy of compressible files only", async () => {
    const js = path.join(dir, "chunks", "0abc123.js");
    expect((await stat(`${js}.br`)).size).toBeLessThan(chunk.length);
    expect(gunzipSync(await readFile(`${js}.gz`))).toEqual(chunk);
    await expect(stat(path.join(dir, "chunks", "tiny.js.br"))).rejects.toThrow();
    await expect(stat(path.join(dir, "media", "font.woff2.br"))).rejects.toThrow();
  });

  it("sends brotli when asked, gzip when asked, the file itself otherwise: the same bytes once decoded", async () => {
    const br = await get("/_next/static/chunks/0abc123.js", { "accept-encoding": "gzip, deflate, br" });
    expect(br.status).toBe(200);
    expect(br.headers["content-encoding"]).toBe("br");
    expect(Number(br.headers["content-length"])).toBe(br.body.length);
    expect(br.body.length).toBeLessThan(chunk.length / 10);
    expect(brotliDecompressSync(br.body)).toEqual(chunk);

    const gz = await get("/_next/static/chunks/0abc123.js", { "accept-encoding": "gzip" });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gz.body)).toEqual(chunk);

    const plain = await get("/_next/static/chunks/0abc123.js");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body).toEqual(chunk);

    for (const reply of [br, gz, plain]) {
      expect(reply.headers["content-type"]).toBe("application/javascript; charset=utf-8");
      expect(reply.headers.vary).toBe("Accept-Encoding");
      expect(reply.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
      expect(reply.headers["x-content-type-options"]).toBe("nosniff");
    }
    // Each copy has its own validator.
    expect(new Set([br, gz, plain].map((r) => r.headers.etag)).size).toBe(3);
  });

  it("answers a revalidation with 304 for the copy the browser holds", async () => {
    const first = await get("/_next/static/chunks/0abc123.js", { "accept-encoding": "br" });
    const again = await get("/_next/static/chunks/0abc123.js", { "accept-encoding": "br", "if-none-match": first.headers.etag! });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    const otherCopy = await get("/_next/static/chunks/0abc123.js", { "accept-encoding": "gzip", "if-none-match": first.headers.etag! });
    expect(otherCopy.status).toBe(200);
  });

  it("sends files not worth compressing as they are, and never a stale copy", async () => {
    const woff = await get("/_next/static/media/font.woff2", { "accept-encoding": "br, gzip" });
    expect(woff.headers["content-encoding"]).toBeUndefined();
    expect(woff.headers["content-type"]).toBe("font/woff2");
    expect(woff.body).toEqual(font);
    const stale = await get("/_next/static/chunks/stale.js", { "accept-encoding": "gzip" });
    expect(stale.headers["content-encoding"]).toBeUndefined();
    expect(stale.body).toEqual(chunk);
  });

  it("HEAD sends the headers alone", async () => {
    const head = await get("/_next/static/chunks/0abc123.js", { "accept-encoding": "br" }, "HEAD");
    expect(head.status).toBe(200);
    expect(head.headers["content-encoding"]).toBe("br");
    expect(head.body.length).toBe(0);
  });

  it("hands everything else to Next: unknown files, other paths and methods, climbing paths", async () => {
    fellThrough.length = 0;
    for (const url of ["/_next/static/chunks/missing.js", "/_next/static/../../etc/passwd", "/_next/static/%2e%2e/chunks/0abc123.js", "/_next/static/%E0%A4%A", "/channels/1/2"]) {
      expect((await get(url)).body.toString()).toBe("next");
    }
    expect((await get("/_next/static/chunks/0abc123.js", {}, "POST")).body.toString()).toBe("next");
    expect(fellThrough).toHaveLength(6);
  });
});
