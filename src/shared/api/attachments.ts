/** Files attached to messages. */

/** How the chat shows a file: inline picture, player, or a card with a download. */
export type AttachmentKind = "image" | "video" | "audio" | "file";

export interface Attachment {
  id: string;
  filename: string;
  /** Detected from the bytes, never taken from the name or the browser. */
  contentType: string;
  size: number;
  kind: AttachmentKind;
  /** Pixel size for images (and the reserved box before they load); null otherwise. */
  width: number | null;
  height: number | null;
  /** Served by the app after the same check as the message: `/api/v1/attachments/<id>/<name>`. */
  url: string;
  /** A small WebP preview for images; null otherwise. */
  thumbnailUrl: string | null;
}
