/**
 * S3-compatible object storage (AWS S3, MinIO, Garage, ...) with the AWS SDK v3.
 * `forcePathStyle` for servers that do not do virtual-hosted buckets.
 */
import { Transform, type Readable, type TransformCallback, pipeline } from "node:stream";
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import type { FileStore, StoredFile } from "./types";

export interface S3StoreOptions {
  endpoint?: string;
  region: string;
  bucket: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle: boolean;
  /** Where the SDK's own warnings go (a pino logger fits); the console when not given. */
  logger?: S3ClientConfig["logger"];
}

/** DeleteObjects takes at most this many keys per request. */
const DELETE_BATCH = 1000;

/**
 * Passes bytes through and fails when there are more or fewer than announced: the request
 * says Content-Length up front, and a short body would otherwise leave it waiting forever.
 */
class ExactLength extends Transform {
  private seen = 0;
  constructor(private readonly expected: number) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
    this.seen += chunk.length;
    if (this.seen > this.expected) done(new Error(`body is longer than its declared size ${this.expected}`));
    else done(null, chunk);
  }
  override _flush(done: TransformCallback) {
    if (this.seen !== this.expected) done(new Error(`body ended after ${this.seen} of ${this.expected} bytes`));
    else done();
  }
}

function isNotFound(err: unknown): boolean {
  // A missing bucket is a 404 too, but that is a broken configuration, not a missing file.
  if (!(err instanceof S3ServiceException) || err.name === "NoSuchBucket") return false;
  return err.name === "NoSuchKey" || err.name === "NotFound" || err.$metadata.httpStatusCode === 404;
}

export function createS3Store(opts: S3StoreOptions): FileStore {
  const client = new S3Client({
    endpoint: opts.endpoint,
    region: opts.region,
    forcePathStyle: opts.forcePathStyle,
    // Without explicit keys the SDK's default chain applies (environment, instance role...).
    credentials:
      opts.accessKeyId && opts.secretAccessKey
        ? { accessKeyId: opts.accessKeyId, secretAccessKey: opts.secretAccessKey }
        : undefined,
    // Checksums only where the API demands them: the default (CRC32 trailers in aws-chunked
    // bodies) is not understood by every S3-compatible server.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    logger: opts.logger,
  });
  const Bucket = opts.bucket;

  return {
    kind: "s3",
    async put(key, body, { contentType, size }) {
      // The SDK pipes a stream body into the request without watching it for errors, so a
      // failing source aborts the request here rather than leaving it waiting for bytes; S3
      // keeps nothing from a PUT that did not complete.
      const abort = new AbortController();
      let bodyError: unknown;
      const checked = new ExactLength(size);
      pipeline(body, checked, (err) => {
        if (err) {
          bodyError ??= err;
          abort.abort(err);
        }
      });
      try {
        await client.send(
          new PutObjectCommand({ Bucket, Key: key, Body: checked, ContentLength: size, ContentType: contentType }),
          { abortSignal: abort.signal },
        );
      } catch (err) {
        if (!checked.destroyed) checked.destroy();
        throw bodyError ?? err;
      }
    },

    async get(key, range): Promise<StoredFile | null> {
      try {
        const Range = range ? `bytes=${range.start}-${range.end}` : undefined;
        const res = await client.send(new GetObjectCommand({ Bucket, Key: key, Range }));
        return { body: res.Body as Readable, size: res.ContentLength ?? 0 };
      } catch (err) {
        if (isNotFound(err)) return null;
        throw err;
      }
    },

    async delete(keys) {
      for (let i = 0; i < keys.length; i += DELETE_BATCH) {
        const batch = keys.slice(i, i + DELETE_BATCH);
        const res = await client.send(
          new DeleteObjectsCommand({ Bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true } }),
        );
        // Missing keys count as deleted in S3; anything reported here is a real failure.
        const failed = res.Errors ?? [];
        if (failed.length > 0) {
          const first = failed[0]!;
          throw new Error(
            `could not delete ${failed.length} of ${batch.length} objects (${first.Key}: ${first.Code} ${first.Message ?? ""})`.trim(),
          );
        }
      }
    },

    async ping(pingOpts) {
      await client.send(new HeadBucketCommand({ Bucket }), { abortSignal: pingOpts?.signal });
    },

    async close() {
      client.destroy();
    },
  };
}
