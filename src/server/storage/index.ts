/** Picks the file store from the configuration: S3 when its settings are there, else disk. */
import path from "node:path";
import type { Logger } from "pino";
import type { Config } from "../config";
import { createLocalStore } from "./local";
import { createS3Store } from "./s3";
import type { FileStore } from "./types";

export type { FileStore, StoredFile } from "./types";

export function createFileStore(config: Config, log?: Logger): FileStore {
  if (config.S3_BUCKET) {
    return createS3Store({
      endpoint: config.S3_ENDPOINT,
      region: config.S3_REGION,
      bucket: config.S3_BUCKET,
      accessKeyId: config.S3_ACCESS_KEY_ID,
      secretAccessKey: config.S3_SECRET_ACCESS_KEY,
      forcePathStyle: config.S3_FORCE_PATH_STYLE,
      logger: log && {
        debug: () => {},
        info: () => {},
        warn: (...args: unknown[]) => log.warn({ args }, "s3"),
        error: (...args: unknown[]) => log.error({ args }, "s3"),
      },
    });
  }
  return createLocalStore(path.resolve(config.DATA_DIR, "files"));
}
