"use client";

import type { Attachment } from "@/shared/api";
import { limits } from "@/shared/limits";
import { api } from "../api";
import { describeUploadError, precheckFile, tooManyFilesMessage } from "../lib/attachments";
import { newNonce } from "../lib/nonce";
import { NO_UPLOADS, openUploads, useUploads } from "../stores/uploads";

/** Live requests and their ends, kept outside the store: neither is state to render. */
const controllers = new Map<string, AbortController>();
const settled = new Map<string, Promise<void>>();

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === "AbortError";
}

function start(channelId: string, key: string, file: File): void {
  const controller = new AbortController();
  controllers.set(key, controller);
  const store = useUploads.getState();
  const run = api
    .uploadAttachment(channelId, file, {
      signal: controller.signal,
      onProgress: (sent) => useUploads.getState().patch(channelId, key, { sent }),
    })
    .then(
      (attachment) => store.patch(channelId, key, { status: "done", sent: file.size, attachment }),
      (error: unknown) => {
        if (isAbort(error)) store.remove(channelId, [key]);
        else store.patch(channelId, key, { status: "failed", error: describeUploadError(error) });
      },
    )
    .finally(() => {
      controllers.delete(key);
      settled.delete(key);
    });
  settled.set(key, run);
}

/**
 * Adds files as tiles and starts uploading them. Files that cannot go (over the size
 * limit, past the tenth of a message, empty) get a tile that says why instead.
 */
export function addUploads(channelId: string, files: readonly File[]): void {
  let open = openUploads(useUploads.getState().byChannel[channelId] ?? NO_UPLOADS).length;
  for (const file of files) {
    const key = newNonce();
    const problem = open >= limits.attachmentsPerMessage ? tooManyFilesMessage : precheckFile(file);
    const previewUrl = !problem && file.type.startsWith("image/") ? URL.createObjectURL(file) : undefined;
    useUploads.getState().add({
      key,
      channelId,
      name: file.name || "file",
      size: file.size,
      type: file.type,
      previewUrl,
      sent: 0,
      status: problem ? "failed" : "uploading",
      error: problem,
      claimed: false,
    });
    if (problem) continue;
    open += 1;
    start(channelId, key, file);
  }
}

/** The × on a tile: stops the upload if it is still going, and forgets the file. */
export function cancelUpload(channelId: string, key: string): void {
  const controller = controllers.get(key);
  if (controller) controller.abort();
  else useUploads.getState().remove(channelId, [key]);
}

/** Forgets every tile of a channel (leaving it for good, signing out). */
export function cancelAllUploads(channelId: string): void {
  for (const item of useUploads.getState().byChannel[channelId] ?? NO_UPLOADS) cancelUpload(channelId, item.key);
}

/** Marks the open tiles as taken by the message being sent; a later message will not take them again. */
function claimOpen(channelId: string): string[] {
  const keys = openUploads(useUploads.getState().byChannel[channelId] ?? NO_UPLOADS).map((item) => item.key);
  for (const key of keys) useUploads.getState().patch(channelId, key, { claimed: true });
  return keys;
}

/** Hands over the finished uploads and drops their tiles; failed ones stay to be read. */
function take(channelId: string, keys: readonly string[]): Attachment[] {
  const items = (useUploads.getState().byChannel[channelId] ?? NO_UPLOADS).filter((item) => keys.includes(item.key));
  const done = items.filter((item) => item.status === "done" && item.attachment);
  useUploads.getState().remove(channelId, done.map((item) => item.key));
  for (const item of items) if (item.status === "failed") useUploads.getState().patch(channelId, item.key, { claimed: false });
  return done.flatMap((item) => (item.attachment ? [item.attachment] : []));
}

async function collect(channelId: string, keys: readonly string[]): Promise<Attachment[]> {
  await Promise.all(keys.map((key) => settled.get(key)));
  return take(channelId, keys);
}

const chains = new Map<string, Promise<void>>();

/**
 * Sends a message with the channel's open uploads once they are finished. Messages go
 * out in the order they were written: one waiting for its files holds back the ones
 * after it. With nothing to wait for, `send` runs at once (the message shows at once).
 */
export function sendWithUploads(channelId: string, send: (attachments: Attachment[]) => void): void {
  const keys = claimOpen(channelId);
  const ahead = chains.get(channelId);
  const ready = keys.every((key) => !settled.has(key));
  if (!ahead && ready) {
    send(take(channelId, keys));
    return;
  }
  const run = (ahead ?? Promise.resolve()).then(() => collect(channelId, keys)).then(send);
  const tail = run.catch(() => undefined).finally(() => {
    if (chains.get(channelId) === tail) chains.delete(channelId);
  });
  chains.set(channelId, tail);
}
