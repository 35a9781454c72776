/** Picks the file store from the configuration: S3 when its settings are there, else disk. */
import path from "node:path";
import type { Logger } from "pino";
import type { Config } from "../config";
import { createLocalStore } from "./local";
import type { S3StoreOptions } from "./s3";
import type { FileStore } from "./types";

export type { FileStore, StoredFile } from "./types";

export function createFileStore(config: Config, log?: Logger): FileStore {
  if (config.S3_BUCKET) {
    return lazyS3Store({
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

/**
 * The S3 store, with the AWS SDK loaded at its first use (the readiness probe, soon after
 * start) rather than before the server listens: the SDK takes 100-200 ms to load.
 */
function lazyS3Store(opts: S3StoreOptions): FileStore {
  let loaded: Promise<FileStore> | undefined;
  const store = () => (loaded ??= import("./s3").then(({ createS3Store }) => createS3Store(opts)));
  return {
    kind: "s3",
    put: async (...args) => (await store()).put(...args),
    get: async (...args) => (await store()).get(...args),
    delete: async (...args) => (await store()).delete(...args),
    ping: async (...args) => (await store()).ping(...args),
    close: async () => {
      if (loaded) await (await loaded).close();
    },
  };
}
