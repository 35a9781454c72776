/**
 * Where file bytes live. One interface, two drivers: the local disk under DATA_DIR
 * (default) and S3-compatible object storage (AWS, MinIO, Garage...) when configured.
 * Keys are ours (`a/<id>/original`, `a/<id>/thumb.webp`...), never a client's file name.
 */
import type { Readable } from "node:stream";

export interface StoredFile {
  body: Readable;
  /** Bytes in `body` (the range's length when a range was asked for). */
  size: number;
}

/** Inclusive byte offsets, already checked against the object's size. */
export interface ByteRange {
  start: number;
  end: number;
}

export interface FileStore {
  readonly kind: "local" | "s3";
  /** Writes a whole object; `body` is streamed, never held in memory by the store. */
  put(key: string, body: Readable, opts: { contentType: string; size: number }): Promise<void>;
  /** Null when there is no such object. With a range, only those bytes (video seeking). */
  get(key: string, range?: ByteRange): Promise<StoredFile | null>;
  /** Removes objects; missing ones are not an error. */
  delete(keys: string[]): Promise<void>;
  /** A cheap check that the store can be reached (readiness): the directory is writable, the bucket answers. Rejects when not. */
  ping(opts?: { signal?: AbortSignal }): Promise<void>;
  close(): Promise<void>;
}
