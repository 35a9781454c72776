// Writes a brotli (.br) and a gzip (.gz) copy beside every compressible file of Next's
// static output (.next/static, or the directory given), once at build time, so the server
// sends the copy a browser accepts as it is on disk (src/server/http/static-assets.ts).
// A copy that would not be smaller is not written. Run by `npm run build` after `next build`.
import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);
const compressible = new Set([".js", ".mjs", ".css", ".json", ".map", ".svg", ".txt", ".html", ".xml", ".wasm"]);
/** Below this, the headers outweigh what compression saves. */
const minBytes = 256;

async function* files(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else if (entry.isFile()) yield full;
  }
}

async function compressOne(file) {
  const bytes = await readFile(file);
  const [br, gz] = await Promise.all([
    brotli(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
        [constants.BROTLI_PARAM_MODE]: path.extname(file) === ".wasm" ? constants.BROTLI_MODE_GENERIC : constants.BROTLI_MODE_TEXT,
      },
    }),
    gzipAsync(bytes, { level: 9 }),
  ]);
  const written = { bytes: bytes.length, br: bytes.length, gz: bytes.length };
  if (br.length < bytes.length) {
    await writeFile(`${file}.br`, br);
    written.br = br.length;
  }
  if (gz.length < bytes.length) {
    await writeFile(`${file}.gz`, gz);
    written.gz = gz.length;
  }
  return written;
}

/** Compresses every file under `dir` worth it; returns the totals. */
export async function precompress(dir) {
  const todo = [];
  for await (const file of files(dir)) {
    if (!compressible.has(path.extname(file))) continue;
    if ((await stat(file)).size < minBytes) continue;
    todo.push(file);
  }
  const totals = { files: 0, bytes: 0, br: 0, gz: 0 };
  // A few at a time: zlib works on libuv's thread pool.
  const queue = [...todo];
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let file = queue.shift(); file; file = queue.shift()) {
        const w = await compressOne(file);
        totals.files++;
        totals.bytes += w.bytes;
        totals.br += w.br;
        totals.gz += w.gz;
      }
    }),
  );
  return totals;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dir = process.argv[2] ?? path.join(".next", "static");
  const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
  const t = await precompress(dir);
  console.log(`precompressed ${t.files} files in ${dir}: ${kb(t.bytes)} -> brotli ${kb(t.br)}, gzip ${kb(t.gz)}`);
}
