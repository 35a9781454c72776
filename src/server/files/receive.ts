/**
 * Receives one multipart upload (field `file`) as a stream onto a temp file, counting
 * bytes as they come: nothing is ever held whole in memory, and a file over the limit is
 * cut off and refused as soon as it passes it.
 */
import { type WriteStream, createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import busboy from "busboy";
import { AppError, errors } from "../errors";
import { isDiskFull } from "../storage/disk-full";

export interface ReceivedFile {
  path: string;
  /** The name the browser gave; only ever used as a label, never as a path or type. */
  filename: string;
  size: number;
  /** Removes the temp file (call when done, whatever happened). */
  discard(): Promise<void>;
}

function megabytes(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

export function tooLarge(maxBytes: number): AppError {
  return errors.fileTooLarge(megabytes(maxBytes));
}

/** A file name safe to show and to put in a header: no path, no control characters. */
export function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const clean = [...base]
    .filter((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f && ch !== '"')
    .join("")
    .trim()
    .slice(0, 200);
  return clean || "file";
}

/**
 * An upload not read yet: the route hands this to a command instead of the request, so
 * the command checks permissions before a byte is read and sets the size limit itself.
 */
export type ReceiveUpload = (opts: { maxBytes: number; tmpDir: string }) => Promise<ReceivedFile>;

/** The request's body as an upload, read only when (and if) the command asks for it. */
export function uploadFrom(request: Request): ReceiveUpload {
  return (opts) => receiveFile(request, opts);
}

export async function receiveFile(request: Request, opts: { maxBytes: number; tmpDir: string }): Promise<ReceivedFile> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.startsWith("multipart/form-data") || !request.body) {
    throw errors.badRequest("Send the file as multipart/form-data in a field named `file`.");
  }
  const declared = Number(request.headers.get("content-length") ?? "0");
  // A body far over the limit is refused before reading it (multipart adds a little).
  if (declared > opts.maxBytes + 64 * 1024) throw tooLarge(opts.maxBytes);
  await mkdir(opts.tmpDir, { recursive: true });
  const target = path.join(opts.tmpDir, `upload-${randomUUID()}`);
  const discard = () => rm(target, { force: true });

  const parser = busboy({ headers: { "content-type": contentType }, limits: { files: 1, fileSize: opts.maxBytes, fields: 5 } });
  const body = Readable.fromWeb(request.body as import("node:stream/web").ReadableStream);
  let filename: string | null = null;
  let size = 0;
  let overLimit = false;
  let out: WriteStream | null = null;
  let writeError: unknown = null;
  let written: Promise<void> = Promise.resolve();

  parser.on("file", (field, stream, info) => {
    if (field !== "file" || filename !== null) {
      stream.resume();
      return;
    }
    filename = cleanFilename(info.filename ?? "file");
    stream.on("data", (chunk: Buffer) => (size += chunk.length));
    stream.on("limit", () => (overLimit = true));
    const file = createWriteStream(target);
    out = file;
    written = new Promise((resolve) => {
      file.on("error", (err) => {
        // The disk is full (or failing): stop writing, but read the rest of the request
        // (bounded by the size limit) so the client gets the answer, not a reset.
        writeError = err;
        stream.unpipe(file);
        stream.resume();
      });
      // After the last write or after an error: the file is closed either way.
      file.on("close", () => resolve());
    });
    stream.pipe(file);
  });
  const refuse = async (error: unknown): Promise<never> => {
    (out as WriteStream | null)?.destroy();
    await discard();
    throw error;
  };
  try {
    await pipeline(body, parser);
    await written;
  } catch (err) {
    if (!writeError) {
      await refuse(
        overLimit ? tooLarge(opts.maxBytes) : err instanceof AppError ? err : errors.badRequest("The upload was interrupted or is not valid multipart."),
      );
    }
  }
  // A full disk is STORAGE_FULL; any other failure to write is ours (500), not the client's.
  if (writeError) await refuse(isDiskFull(writeError) ? errors.storageFull() : writeError);
  if (overLimit) await refuse(tooLarge(opts.maxBytes));
  if (filename === null) return refuse(errors.badRequest("No file: send it in a multipart field named `file`."));
  if (size === 0) await refuse(errors.fileNotAllowed("The file is empty."));
  return { path: target, filename, size, discard };
}
