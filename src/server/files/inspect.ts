/**
 * What a file really is, from its bytes (never its name or the browser's word), and the
 * image work: refusing decompression bombs from the header alone, re-encoding to drop
 * EXIF (GPS included) while keeping animation, and a small WebP thumbnail.
 */
import { open } from "node:fs/promises";
import type Sharp from "sharp";
import { limits } from "@/shared/limits";
import { errors } from "../errors";

// sharp (with its native library) and file-type load at the first upload, not at start.
let sharpLoaded: Promise<typeof Sharp> | undefined;
const loadSharp = () => (sharpLoaded ??= import("sharp").then((m) => m.default));

/** Images we decode and show inline. SVG is deliberately not one: it can carry script. */
const RASTER = new Set(["image/png", "image/jpeg", "image/gif", "image/webp", "image/avif"]);

export function isRasterImage(contentType: string): boolean {
  return RASTER.has(contentType);
}

async function looksLikeText(file: string): Promise<boolean> {
  const handle = await open(file, "r");
  try {
    const buffer = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const sample = buffer.subarray(0, bytesRead);
    if (sample.includes(0)) return false;
    // Valid UTF-8 (a cut multi-byte character at the end of the sample is fine).
    return !new TextDecoder("utf-8", { fatal: false }).decode(sample).slice(0, -1).includes("\ufffd");
  } finally {
    await handle.close();
  }
}

/** The content type from the bytes; unknown binary is application/octet-stream. */
export async function detectType(file: string): Promise<string> {
  const { fileTypeFromFile } = await import("file-type");
  const found = await fileTypeFromFile(file);
  if (found) return found.mime;
  return (await looksLikeText(file)) ? "text/plain" : "application/octet-stream";
}

export const imageTooLarge = () =>
  errors.imageTooLarge(limits.imageMaxPixels / 1_000_000);

export interface ImageInfo {
  width: number;
  height: number;
  animated: boolean;
}

/** Reads only the header: a 20,000 × 20,000 image is refused without being decoded. */
export async function imageInfo(file: string): Promise<ImageInfo> {
  const sharp = await loadSharp();
  let meta: Sharp.Metadata;
  try {
    meta = await sharp(file, { animated: true, limitInputPixels: false }).metadata();
  } catch {
    throw errors.fileNotAllowed("The image could not be read.");
  }
  const width = meta.width ?? 0;
  const height = meta.pageHeight ?? meta.height ?? 0;
  const frames = meta.pages ?? 1;
  if (!width || !height || width * height > limits.imageMaxPixels || width * height * frames > limits.imageMaxPixels * 4) {
    throw imageTooLarge();
  }
  // EXIF orientations 5–8 swap the sides once applied.
  const swap = (meta.orientation ?? 1) >= 5;
  return { width: swap ? height : width, height: swap ? width : height, animated: frames > 1 };
}

async function pipelineFor(file: string, animated: boolean) {
  const sharp = await loadSharp();
  return sharp(file, { animated, limitInputPixels: limits.imageMaxPixels * 4 });
}

/** The image again, same format, orientation applied, with no metadata (EXIF, GPS, XMP). */
export async function stripImage(file: string, contentType: string, animated: boolean, output: string): Promise<void> {
  // Orientation is applied to still images; animations keep their frames as they are.
  const image = animated ? await pipelineFor(file, true) : (await pipelineFor(file, false)).rotate();
  const encoded =
    contentType === "image/jpeg"
      ? image.jpeg({ quality: 90, mozjpeg: true })
      : contentType === "image/png"
        ? image.png()
        : contentType === "image/gif"
          ? image.gif()
          : contentType === "image/webp"
            ? image.webp({ quality: 90 })
            : image.avif({ quality: 60 });
  await encoded.toFile(output);
}

/** A WebP preview inside 400 × 300 (first frame of an animation). */
export async function thumbnail(file: string, output: string): Promise<void> {
  await (await pipelineFor(file, false)).resize(400, 300, { fit: "inside", withoutEnlargement: true }).webp({ quality: 80 }).toFile(output);
}

/** Square crops for avatars and server icons, largest first. */
export const SQUARE_SIZES = [512, 256, 128, 64] as const;

export async function squareCrops(file: string, outputFor: (size: number) => string): Promise<void> {
  for (const size of SQUARE_SIZES) {
    await (await pipelineFor(file, false)).rotate().resize(size, size, { fit: "cover", position: "attention" }).webp({ quality: 85 }).toFile(outputFor(size));
  }
}
