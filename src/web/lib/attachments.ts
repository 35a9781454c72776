import type { Attachment } from "@/shared/api";
import { limits } from "@/shared/limits";
import { isApiError } from "../api";
import { describeError } from "./errors";
import { formatBytes } from "./format-bytes";

export interface Box {
  width: number;
  height: number;
}

/** Discord's largest inline image. */
export const previewMax: Box = { width: 400, height: 300 };

/**
 * The box an image takes in the chat before it loads, so nothing below it jumps: its own
 * size scaled down (never up) to fit `max`, aspect kept. Unknown sizes get a square.
 */
export function previewBox(width: number | null, height: number | null, max: Box = previewMax): Box {
  if (!width || !height || width <= 0 || height <= 0) return { width: max.height, height: max.height };
  const scale = Math.min(1, max.width / width, max.height / height);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** GIF and WebP may be animated and the thumbnail is a still: show the original so they move. */
export function mayBeAnimated(contentType: string): boolean {
  return contentType === "image/gif" || contentType === "image/webp";
}

/** What the chat shows inline for an image: the thumbnail when it is enough. */
export function inlineImageUrl(attachment: Pick<Attachment, "contentType" | "url" | "thumbnailUrl">): string {
  if (mayBeAnimated(attachment.contentType) || !attachment.thumbnailUrl) return attachment.url;
  return attachment.thumbnailUrl;
}

/** Why a file cannot be uploaded before trying, or undefined when it may be. */
export function precheckFile(file: { size: number }, maxBytes: number = limits.uploadMaxBytesDefault): string | undefined {
  if (file.size > maxBytes) return `This file is ${formatBytes(file.size)}; the largest file you can upload is ${formatBytes(maxBytes)}.`;
  if (file.size === 0) return "This file is empty.";
  return undefined;
}

export const tooManyFilesMessage = `You can attach up to ${limits.attachmentsPerMessage} files to one message.`;

/** Server refusals of an upload, in words. */
export function describeUploadError(error: unknown): string {
  if (isApiError(error, "FILE_TOO_LARGE") || isApiError(error, "PAYLOAD_TOO_LARGE")) {
    return "This file is larger than this server accepts.";
  }
  if (isApiError(error, "FILE_NOT_ALLOWED")) return "This type of file is not allowed here.";
  if (isApiError(error, "IMAGE_TOO_LARGE")) {
    return `This image is too large: at most ${Math.round(limits.imageMaxPixels / 1_000_000)} megapixels.`;
  }
  return describeError(error);
}

/** A square size the server keeps (`?size=`), the smallest sharp at `shown` CSS pixels on a 2x screen. */
export function squareSize(shown: number): 64 | 128 | 256 | 512 {
  const wanted = shown * 2;
  if (wanted <= 64) return 64;
  if (wanted <= 128) return 128;
  if (wanted <= 256) return 256;
  return 512;
}

/** An avatar or server icon URL at the square size for `shown` pixels. */
export function sizedImageUrl(url: string, shown: number): string {
  return `${url}${url.includes("?") ? "&" : "?"}size=${squareSize(shown)}`;
}

/** Pictures the server turns into avatars and server icons. */
export const squareImageTypes = ["image/png", "image/jpeg", "image/gif", "image/webp"];

/** Why a picked avatar or icon cannot be used, before uploading it. */
export function precheckSquareImage(file: { size: number; type: string }): string | undefined {
  if (file.type && !squareImageTypes.includes(file.type)) return "Choose a picture: PNG, JPEG, GIF or WebP.";
  if (file.size > limits.avatarMaxBytes) {
    return `This picture is ${formatBytes(file.size)}; the largest you can use is ${formatBytes(limits.avatarMaxBytes)}.`;
  }
  return undefined;
}
