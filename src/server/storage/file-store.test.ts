import { createHash } from "node:crypto";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalStore } from "./local";
import { type S3StoreOptions, createS3Store } from "./s3";
import type { FileStore } from "./types";
import { startS3Standin } from "../testing/s3-standin";

const MiB = 1024 * 1024;
const BUCKET = "giga-chat-test";

/** Deterministic pseudo-random bytes made chunk by chunk, never all in memory at once. */
function generated(size: number, seed = "seed"): { body: Readable; sha256: Promise<string> } {
  const hash = createHash("sha256");
  let sent = 0;
  let block = createHash("sha256").update(seed).digest();
  let resolveHash!: (hex: string) => void;
  const sha256 = new Promise<string>((r) => (resolveHash = r));
  const body = new Readable({
    read() {
      if (sent >= size) {
        resolveHash(hash.digest("hex"));
        this.push(null);
        return;
      }
      const n = Math.min(64 * 1024 + 7, size - sent);
      const chunk = Buffer.alloc(n);
      for (let off = 0; off < n; off += block.length) {
        block = createHash("sha256").update(block).digest();
        block.copy(chunk, off, 0, Math.min(block.length, n - off));
      }
      sent += n;
      hash.update(chunk);
      this.push(chunk);
    },
  });
  return { body, sha256 };
}

/** A body that gives `before` bytes and then fails, as an upload cut off midway would. */
function breaksAfter(before: number): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= before) {
        this.destroy(new Error("source broke midway"));
        return;
      }
      const n = Math.min(64 * 1024, before - sent);
      sent += n;
      this.push(Buffer.alloc(n, 0x61));
    },
  });
}

async function digest(body: Readable): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const chunk of body) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest("hex"), bytes };
}

async function readText(store: FileStore, key: string): Promise<string | null> {
  const file = await store.get(key);
  if (!file) return null;
  const parts: Buffer[] = [];
  for await (const chunk of file.body) parts.push(chunk as Buffer);
  return Buffer.concat(parts).toString("utf8");
}

async function putText(store: FileStore, key: string, text: string): Promise<void> {
  const bytes = Buffer.from(text, "utf8");
  await store.put(key, Readable.from([bytes]), { contentType: "text/plain", size: bytes.length });
}

interface Driver {
  store: FileStore;
  stop(): Promise<void>;
}

async function localDriver(): Promise<Driver> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "giga-chat-files-"));
  const store = createLocalStore(dir);
  return {
    store,
    async stop() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function s3Driver(): Promise<Driver & { options: S3StoreOptions }> {
  const standin = await startS3Standin(BUCKET);
  const options: S3StoreOptions = {
    endpoint: standin.endpoint,
    region: "us-east-1",
    bucket: BUCKET,
    accessKeyId: standin.accessKeyId,
    secretAccessKey: standin.secretAccessKey,
    forcePathStyle: true,
  };
  const store = createS3Store(options);
  return {
    store,
    options,
    async stop() {
      await store.close();
      await standin.stop();
    },
  };
}

describe.each([
  { kind: "local", start: localDriver },
  { kind: "s3", start: s3Driver },
])("file store contract: $kind", ({ kind, start }) => {
  let driver: Driver;
  let store: FileStore;
  beforeAll(async () => {
    driver = await start();
    store = driver.store;
  });
  afterAll(async () => {
    await driver?.stop();
  });

  it("is the driver asked for", () => {
    expect(store.kind).toBe(kind);
  });

  it("answers the readiness check when it can be reached", async () => {
    await expect(store.ping()).resolves.toBeUndefined();
  });

  it("gives back the same bytes and size as were put, streamed both ways", async () => {
    const size = 6 * MiB + 12_345;
    const source = generated(size);
    await store.put("a/1001/original", source.body, { contentType: "application/octet-stream", size });
    const file = await store.get("a/1001/original");
    expect(file).not.toBeNull();
    expect(file!.size).toBe(size);
    const read = await digest(file!.body);
    expect(read.bytes).toBe(size);
    expect(read.sha256).toBe(await source.sha256);
  });

  it("stores an empty object", async () => {
    await store.put("a/1002/empty", Readable.from([]), { contentType: "text/plain", size: 0 });
    const file = await store.get("a/1002/empty");
    expect(file?.size).toBe(0);
    expect((await digest(file!.body)).bytes).toBe(0);
  });

  it("answers null for a key that was never put", async () => {
    expect(await store.get("a/404/original")).toBeNull();
    expect(await store.get("never-written")).toBeNull();
  });

  it("keeps keys with slashes apart, including ones that share a prefix", async () => {
    await putText(store, "a/2001/original", "the original");
    await putText(store, "a/2001/thumb.webp", "the thumbnail");
    await putText(store, "a/20011/original", "another file");
    await putText(store, "b/x/y/z/deep.bin", "deep down");
    expect(await readText(store, "a/2001/original")).toBe("the original");
    expect(await readText(store, "a/2001/thumb.webp")).toBe("the thumbnail");
    expect(await readText(store, "a/20011/original")).toBe("another file");
    expect(await readText(store, "b/x/y/z/deep.bin")).toBe("deep down");
    expect(await store.get("a/2001")).toBeNull();
  });

  it("replaces an object put again under the same key", async () => {
    await putText(store, "a/2501/original", "first");
    await putText(store, "a/2501/original", "second, longer");
    expect(await readText(store, "a/2501/original")).toBe("second, longer");
  });

  it("deletes what it is told to, and missing keys are no error", async () => {
    await putText(store, "a/3001/original", "one");
    await putText(store, "a/3001/thumb.webp", "two");
    await putText(store, "a/3002/original", "kept");
    await store.delete(["a/3001/original", "a/3001/thumb.webp", "a/3999/never-existed"]);
    expect(await store.get("a/3001/original")).toBeNull();
    expect(await store.get("a/3001/thumb.webp")).toBeNull();
    expect(await readText(store, "a/3002/original")).toBe("kept");
    await store.delete(["a/3001/original"]);
    await store.delete([]);
  });

  it("deletes more keys than one request takes", async () => {
    const keys = Array.from({ length: 1003 }, (_, i) => `bulk/${i}`);
    await putText(store, "bulk/0", "first");
    await putText(store, "bulk/1002", "last");
    await store.delete(keys);
    expect(await store.get("bulk/0")).toBeNull();
    expect(await store.get("bulk/1002")).toBeNull();
  });

  it("leaves nothing readable when the body fails midway", async () => {
    const size = 4 * MiB;
    await expect(
      store.put("a/4001/original", breaksAfter(MiB + 100), { contentType: "application/octet-stream", size }),
    ).rejects.toThrow("source broke midway");
    expect(await store.get("a/4001/original")).toBeNull();
    // The store still works afterwards.
    await putText(store, "a/4002/original", "fine");
    expect(await readText(store, "a/4002/original")).toBe("fine");
  });
});

describe("S3 file store", () => {
  let driver: Awaited<ReturnType<typeof s3Driver>>;
  beforeAll(async () => {
    driver = await s3Driver();
  });
  afterAll(async () => {
    await driver?.stop();
  });

  it("fails, rather than waits, when the body is not the size it was announced as", async () => {
    const { store } = driver;
    const short = Buffer.alloc(1000, 0x62);
    await expect(store.put("a/6001/original", Readable.from([short]), { contentType: "text/plain", size: 5000 })).rejects.toThrow(
      "body ended after 1000 of 5000 bytes",
    );
    expect(await store.get("a/6001/original")).toBeNull();
    const long = generated(3 * MiB);
    await expect(store.put("a/6002/original", long.body, { contentType: "text/plain", size: MiB })).rejects.toThrow(
      "longer than its declared size",
    );
  });

  it("says so when the bucket does not exist instead of answering null", async () => {
    const other = createS3Store({ ...driver.options, bucket: "no-such-bucket" });
    try {
      await expect(other.get("a/1/original")).rejects.toMatchObject({ name: "NoSuchBucket" });
    } finally {
      await other.close();
    }
  });
});

describe("local file store", () => {
  let dir: string;
  let store: FileStore;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "giga-chat-files-"));
    store = createLocalStore(dir);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("refuses keys that could leave its directory", async () => {
    for (const key of ["../x", "a/../../x", "/etc/passwd", "a/..", ".hidden", "a\\b", ""]) {
      await expect(putText(store, key, "no"), key).rejects.toThrow("unsafe storage key");
      await expect(store.get(key), key).rejects.toThrow("unsafe storage key");
      await expect(store.delete([key]), key).rejects.toThrow("unsafe storage key");
    }
  });

  it("leaves no partial file behind after a failed write", async () => {
    await expect(
      store.put("a/5001/original", breaksAfter(MiB), { contentType: "application/octet-stream", size: 2 * MiB }),
    ).rejects.toThrow("source broke midway");
    expect(await readdir(path.join(dir, "a/5001"))).toEqual([]);
  });
});

describe("file store readiness check, when the store cannot be used", () => {
  it("local: fails when its directory cannot be made", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "giga-chat-files-"));
    try {
      await writeFile(path.join(dir, "a-file"), "x");
      await expect(createLocalStore(path.join(dir, "a-file", "files")).ping()).rejects.toThrow();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("s3: fails when the bucket is not there, and when nothing answers", async () => {
    const standin = await startS3Standin(BUCKET);
    const options = {
      endpoint: standin.endpoint,
      region: "us-east-1",
      accessKeyId: standin.accessKeyId,
      secretAccessKey: standin.secretAccessKey,
      forcePathStyle: true,
    };
    const missing = createS3Store({ ...options, bucket: "no-such-bucket" });
    try {
      await expect(missing.ping()).rejects.toThrow();
    } finally {
      await missing.close();
      await standin.stop();
    }
    const gone = createS3Store({ ...options, bucket: BUCKET });
    try {
      await expect(gone.ping({ signal: AbortSignal.timeout(5_000) })).rejects.toThrow();
    } finally {
      await gone.close();
    }
  });
});
