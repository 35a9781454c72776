/**
 * The default file store: files under DATA_DIR/files, written to a temp name then renamed.
 * A full disk answers STORAGE_FULL and leaves no partial file.
 */
import { createReadStream, createWriteStream } from "node:fs";
import { access, constants, mkdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { pipeline } from "node:stream/promises";
import type { Readable } from "node:stream";
import { storageFullOr } from "./disk-full";
import type { ByteRange, FileStore, StoredFile } from "./types";

const SAFE_KEY = /^[a-zA-Z0-9][a-zA-Z0-9._/-]{0,255}$/;

export function createLocalStore(root: string): FileStore {
  const resolve = (key: string) => {
    if (!SAFE_KEY.test(key) || key.includes("..")) throw new Error(`unsafe storage key: ${key}`);
    return path.join(root, key);
  };
  return {
    kind: "local",
    async put(key: string, body: Readable) {
      const target = resolve(key);
      const temp = `${target}.${randomUUID()}.partial`;
      try {
        await mkdir(path.dirname(target), { recursive: true });
        await pipeline(body, createWriteStream(temp, { flags: "wx" }));
        await rename(temp, target);
      } catch (err) {
        // No partial file stays behind, whatever stopped the write.
        await rm(temp, { force: true });
        throw storageFullOr(err);
      }
    },
    async get(key: string, range?: ByteRange): Promise<StoredFile | null> {
      const file = resolve(key);
      try {
        const info = await stat(file);
        // A key that is only a prefix of others (`a/1`) is a directory here, not an object.
        if (!info.isFile()) return null;
        if (range) return { body: createReadStream(file, range), size: range.end - range.start + 1 };
        return { body: createReadStream(file), size: info.size };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw err;
      }
    },
    async delete(keys: string[]) {
      for (const key of keys) await rm(resolve(key), { force: true });
    },
    async ping() {
      await mkdir(root, { recursive: true });
      await access(root, constants.W_OK);
    },
    async close() {},
  };
}
