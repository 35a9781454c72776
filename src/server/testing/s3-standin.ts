/**
 * A real S3-compatible server on 127.0.0.1 for tests: s3rver (S3's API on the local disk),
 * with one bucket. It fails loudly when it cannot start: S3 must not quietly go untested.
 */
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

/** The part of s3rver (an S3 stand-in on the local disk, CommonJS, untyped) used here. */
interface S3rverServer {
  run(): Promise<{ port: number }>;
  close(): Promise<void>;
  store: { putObject(object: { content: Buffer | Readable }): Promise<unknown> };
}
type S3rverClass = new (opts: {
  address: string;
  port: number;
  directory: string;
  silent: boolean;
  configureBuckets: { name: string }[];
}) => S3rverServer;

/**
 * s3rver writes a PUT's body straight into the object's file, so a request cut off midway
 * leaves half an object that it then serves. S3 (and MinIO, Garage...) never show an object
 * before its PUT completes; this receives the body into a side file first to behave the same.
 */
function atomicPuts(server: S3rverServer, dir: string) {
  const store = server.store;
  const putObject = store.putObject.bind(store);
  store.putObject = async (object) => {
    if (Buffer.isBuffer(object.content)) return putObject(object);
    const incoming = path.join(dir, `incoming-${randomUUID()}`);
    try {
      await pipeline(object.content, createWriteStream(incoming));
      object.content = createReadStream(incoming);
      return await putObject(object);
    } finally {
      await rm(incoming, { force: true });
    }
  };
}

export interface S3Standin {
  endpoint: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  stop(): Promise<void>;
}

export async function startS3Standin(bucket: string): Promise<S3Standin> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "giga-chat-s3rver-"));
  let server: S3rverServer;
  let port: number;
  try {
    const S3rver = createRequire(import.meta.url)("s3rver") as S3rverClass;
    server = new S3rver({ address: "127.0.0.1", port: 0, directory: dir, silent: true, configureBuckets: [{ name: bucket }] });
    atomicPuts(server, dir);
    ({ port } = await server.run());
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`could not start the s3rver S3 stand-in: ${String(err)}`, { cause: err });
  }
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    // s3rver's fixed development credentials.
    accessKeyId: "S3RVER",
    secretAccessKey: "S3RVER",
    async stop() {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
