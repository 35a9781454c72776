"use client";

import type { Attachment } from "@/shared/api";
import { useToasts } from "../stores/toasts";

/**
 * The upload code (requests, progress, checks, the send queue) loads with the first file
 * picked, pasted or dropped. Until then there is nothing to upload, so a message goes at
 * once; while it loads, calls wait for it in the order they were made.
 */
type Engine = typeof import("./use-upload-attachments");

let engine: Engine | undefined;
let loading: Promise<Engine> | undefined;

function load(): Promise<Engine> {
  loading ??= import("./use-upload-attachments").then(
    (loaded) => (engine = loaded),
    (error: unknown) => {
      loading = undefined; // the next file tries again
      throw error;
    },
  );
  return loading;
}

/** See `addUploads` in use-upload-attachments.ts. */
export function addUploads(channelId: string, files: readonly File[]): void {
  if (engine) engine.addUploads(channelId, files);
  else
    void load().then(
      (loaded) => loaded.addUploads(channelId, files),
      () => {
        const what = files.length === 1 ? `"${files[0]!.name}"` : `${files.length} files`;
        useToasts.getState().show(`Could not get ready to upload ${what}: check your connection and add it again.`);
      },
    );
}

/** See `sendWithUploads` in use-upload-attachments.ts. */
export function sendWithUploads(channelId: string, send: (attachments: Attachment[]) => void): void {
  if (engine) engine.sendWithUploads(channelId, send);
  else if (loading) void loading.then((loaded) => loaded.sendWithUploads(channelId, send), () => send([]));
  else send([]);
}
