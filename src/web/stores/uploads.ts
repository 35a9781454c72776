/**
 * Files picked for the next message, per channel, shown as tiles above the composer.
 * Each starts uploading as soon as it is added; the message takes the finished ones.
 */
import { create } from "zustand";
import type { Attachment } from "@/shared/api";

export interface UploadItem {
  key: string;
  channelId: string;
  name: string;
  size: number;
  /** What the browser guessed from the name, for the tile's icon only; the server detects the real type. */
  type: string;
  /** An object URL of a picked image for the tile; revoked when the tile goes. */
  previewUrl?: string;
  /** Bytes sent so far. */
  sent: number;
  status: "uploading" | "done" | "failed";
  attachment?: Attachment;
  error?: string;
  /** Taken by a message that waits for it to finish; it leaves with that message. */
  claimed: boolean;
}

interface UploadsState {
  byChannel: Record<string, UploadItem[]>;
  add: (item: UploadItem) => void;
  patch: (channelId: string, key: string, change: Partial<UploadItem>) => void;
  remove: (channelId: string, keys: readonly string[]) => void;
}

export const useUploads = create<UploadsState>()((set) => {
  const update = (channelId: string, change: (items: UploadItem[]) => UploadItem[]) =>
    set((state) => ({ byChannel: { ...state.byChannel, [channelId]: change(state.byChannel[channelId] ?? []) } }));
  return {
    byChannel: {},
    add: (item) => update(item.channelId, (items) => [...items, item]),
    patch: (channelId, key, change) =>
      update(channelId, (items) => items.map((item) => (item.key === key ? { ...item, ...change } : item))),
    remove: (channelId, keys) =>
      update(channelId, (items) => {
        for (const item of items) if (keys.includes(item.key) && item.previewUrl) URL.revokeObjectURL(item.previewUrl);
        return items.filter((item) => !keys.includes(item.key));
      }),
  };
});

/** Stable fallback so a selector on a channel without uploads does not re-render on every change. */
export const NO_UPLOADS: UploadItem[] = [];

/** Tiles a new message would take: neither failed nor already taken by a message on its way. */
export function openUploads(items: readonly UploadItem[]): UploadItem[] {
  return items.filter((item) => !item.claimed && item.status !== "failed");
}
