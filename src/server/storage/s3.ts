/**
 * S3-compatible object storage (AWS S3, MinIO, Garage, ...) with the AWS SDK v3.
 * `forcePathStyle` for servers that do not do virtual-hosted buckets.
 */
import type { FileStore } from "./types";

export interface S3StoreOptions {
  endpoint?: string;
  region: string;
  bucket: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle: boolean;
}

export function createS3Store(opts: S3StoreOptions): FileStore {
  throw new Error(`S3 file store is not available yet (bucket ${opts.bucket})`);
}
