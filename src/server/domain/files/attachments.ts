/**
 * Attachments: upload (stream to a temp file, detect the type from the bytes, make
 * images safe), link to a message, serve with the message's permission check, and free
 * the bytes of deleted messages, deleted servers and never-sent uploads after a grace period.
 */
import { createReadStream } from "node:fs";
import { rm, stat } from "node:fs/promises";
import path from "node:path";
import { and, eq, inArray, isNull, lt, lte, or } from "drizzle-orm";
import type { Attachment } from "@/shared/api";
import { Permission } from "@/shared/permissions";
import type { Tx } from "../../db/client";
import { newId } from "../../db/snowflake";
import { attachments, messages } from "../../db/schema";
import { errors } from "../../errors";
import { detectType, imageInfo, isRasterImage, stripImage, thumbnail } from "../../files/inspect";
import type { ReceiveUpload } from "../../files/receive";
import { requireChannelAccess, requirePermission } from "../../policies/access";
import { attachmentKind, presentAttachment } from "../../presenters";
import type { Services } from "../../services";
import { storageFullOr } from "../../storage/disk-full";
import type { ByteRange } from "../../storage/types";
import { defineCommand, defineQuery } from "../context";

export function tmpDirOf(services: Pick<Services, "config">): string {
  return path.resolve(services.config.DATA_DIR, "tmp");
}

/**
 * Stores one upload for a message the actor is about to send in this channel. Its one
 * write is the row; the bytes are read only once the actor may attach files here.
 */
export const uploadAttachment = defineCommand(
  { transaction: false },
  async (input: { channelId: bigint; receive: ReceiveUpload }, ctx): Promise<Attachment> => {
    const { services } = ctx;
    const access = await requireChannelAccess(ctx.tx, input.channelId, ctx.actor.id);
    requirePermission(access.permissions, Permission.SendMessages | Permission.AttachFiles);
    // Taken before a byte is read, so a refused upload costs the server nothing; an upload
    // cut off or refused after reading keeps its slot (its bytes were read all the same).
    await services.limiter.require("upload", ctx.actor.id);
    const maxBytes = services.config.UPLOAD_MAX_MB * 1024 * 1024;
    const upload = await input.receive({ maxBytes, tmpDir: tmpDirOf(services) });
    const stripped = `${upload.path}.clean`;
    const thumbPath = `${upload.path}.thumb`;
    // Keys stored so far: removed again if the upload fails later (no bytes without a row).
    const stored: string[] = [];
    try {
      const id = newId();
      const contentType = await detectType(upload.path);
      let source = upload.path;
      let size = upload.size;
      let width: number | null = null;
      let height: number | null = null;
      let thumbnailKey: string | null = null;
      if (isRasterImage(contentType)) {
        const info = await imageInfo(upload.path);
        await stripImage(upload.path, contentType, info.animated, stripped);
        source = stripped;
        size = (await stat(stripped)).size;
        width = info.width;
        height = info.height;
        await thumbnail(stripped, thumbPath);
        thumbnailKey = `a/${id}/thumb.webp`;
        await services.files.put(thumbnailKey, createReadStream(thumbPath), {
          contentType: "image/webp",
          size: (await stat(thumbPath)).size,
        });
        stored.push(thumbnailKey);
      }
      // SVG, ICO, TIFF and everything else: kept as they are, and only ever served as downloads.
      const storageKey = `a/${id}/original`;
      await services.files.put(storageKey, createReadStream(source), { contentType, size });
      stored.push(storageKey);
      const [row] = await ctx.tx
        .insert(attachments)
        .values({
          id,
          uploaderId: ctx.actor.id,
          channelId: input.channelId,
          filename: upload.filename,
          contentType,
          size,
          width,
          height,
          storageKey,
          thumbnailKey,
        })
        .returning();
      return presentAttachment(row!);
    } catch (err) {
      await services.files.delete(stored).catch(() => undefined);
      // A full disk while re-encoding or storing: STORAGE_FULL, not a 500.
      throw storageFullOr(err);
    } finally {
      await upload.discard();
      for (const temp of [stripped, thumbPath]) await rm(temp, { force: true });
    }
  },
);

/** The actor's own unsent uploads in this channel, in the order given, or 400. */
export async function requireOwnUploads(tx: Tx, actorId: string, channelId: bigint, ids: string[]) {
  if (!ids.length) return [];
  const unique = [...new Set(ids)].map(BigInt);
  const rows = await tx
    .select()
    .from(attachments)
    .where(
      and(
        inArray(attachments.id, unique),
        eq(attachments.uploaderId, actorId),
        eq(attachments.channelId, channelId),
        isNull(attachments.messageId),
        isNull(attachments.deletedAt),
      ),
    );
  if (rows.length !== unique.length) throw errors.badRequest("A message can only carry files you uploaded to this channel and have not sent yet.");
  return unique.map((id) => rows.find((r) => r.id === id)!);
}

/** Gives the files to the message, keeping the sender's order (at most 10, in the send's transaction). */
export async function linkAttachments(tx: Tx, messageId: bigint, ids: bigint[]) {
  for (const [position, id] of ids.entries()) {
    await tx.update(attachments).set({ messageId, position }).where(and(eq(attachments.id, id), isNull(attachments.messageId)));
  }
}

/** A message was deleted: its files go after the grace period. */
export async function releaseAttachments(tx: Tx, messageId: bigint) {
  await tx.update(attachments).set({ deletedAt: new Date() }).where(and(eq(attachments.messageId, messageId), isNull(attachments.deletedAt)));
}

export interface ServedFile {
  status: 200 | 206;
  body: NodeJS.ReadableStream;
  headers: Record<string, string>;
}

/**
 * One `bytes=` range of a file of `size` bytes (players ask for these to seek); null for
 * no range or one we do not serve (several ranges: the whole file instead).
 */
export function parseRange(header: string | undefined, size: number): ByteRange | "unsatisfiable" | null {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!match || (!match[1] && !match[2])) return null;
  let start: number;
  let end: number;
  if (!match[1]) {
    const suffix = Number(match[2]);
    if (suffix === 0) return "unsatisfiable";
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] ? Math.min(Number(match[2]), size - 1) : size - 1;
  }
  if (start >= size || start > end) return "unsatisfiable";
  return { start, end };
}

/**
 * A file for someone who may read its message (or its uploader, before sending).
 * Anything that is not a safe image, audio or video type is a download; nothing is
 * sniffed, and a sandboxing CSP stops script even if a browser tried to render it.
 */
export const serveAttachment = defineQuery(
  async (input: { attachmentId: bigint; thumb: boolean; range?: string }, ctx): Promise<ServedFile> => {
    const [row] = await ctx.tx
      .select({ a: attachments, messageChannel: messages.channelId, messageDeleted: messages.deletedAt })
      .from(attachments)
      .leftJoin(messages, eq(messages.id, attachments.messageId))
      .where(and(eq(attachments.id, input.attachmentId), isNull(attachments.deletedAt)));
    if (!row) throw errors.notFound("File");
    const a = row.a;
    if (a.messageId === null) {
      if (a.uploaderId !== ctx.actor.id) throw errors.notFound("File");
    } else {
      if (row.messageDeleted !== null || row.messageChannel === null) throw errors.notFound("File");
      const access = await requireChannelAccess(ctx.tx, row.messageChannel, ctx.actor.id);
      requirePermission(access.permissions, Permission.ViewChannel | Permission.ReadMessageHistory);
    }
    const useThumb = input.thumb && a.thumbnailKey !== null;
    const key = useThumb ? a.thumbnailKey! : a.storageKey;
    const contentType = useThumb ? "image/webp" : a.contentType;
    const range = useThumb ? null : parseRange(input.range, a.size);
    if (range === "unsatisfiable") {
      throw errors.rangeNotSatisfiable(a.size);
    }
    const stored = await ctx.services.files.get(key, range ?? undefined);
    if (!stored) throw errors.notFound("File");
    // Shown inline exactly when the chat shows it inline: raster images, audio, video.
    const inline = attachmentKind(contentType) !== "file";
    const encoded = encodeURIComponent(a.filename);
    return {
      status: range ? 206 : 200,
      body: stored.body,
      headers: {
        "accept-ranges": useThumb ? "none" : "bytes",
        ...(range ? { "content-range": `bytes ${range.start}-${range.end}/${a.size}` } : {}),
        "content-type": inline ? contentType : safeDownloadType(contentType),
        "content-length": String(stored.size),
        "content-disposition": `${inline ? "inline" : "attachment"}; filename="${a.filename.replace(/[^\x20-\x7e]/g, "_")}"; filename*=UTF-8''${encoded}`,
        "x-content-type-options": "nosniff",
        "content-security-policy": "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; sandbox",
        "cache-control": "private, max-age=86400",
        "cross-origin-resource-policy": "same-origin",
      },
    };
  },
);

/** HTML, SVG, XML and scripts go out as plain bytes to download, never as a page. */
function safeDownloadType(contentType: string): string {
  return /html|svg|xml|javascript|ecmascript/.test(contentType) ? "application/octet-stream" : contentType;
}

/**
 * Frees file bytes: marks files of deleted servers (no channel any more) and uploads
 * never sent, then deletes what has been marked for longer than the grace period.
 */
export async function collectFiles(services: Services, now = new Date()): Promise<number> {
  const graceMs = services.config.FILE_GRACE_SECONDS * 1000;
  const cutoff = new Date(now.getTime() - graceMs);
  await services.db
    .update(attachments)
    .set({ deletedAt: now })
    .where(
      and(
        isNull(attachments.deletedAt),
        or(isNull(attachments.channelId), and(isNull(attachments.messageId), lt(attachments.createdAt, cutoff))),
      ),
    );
  const due = await services.db
    .select({ id: attachments.id, key: attachments.storageKey, thumb: attachments.thumbnailKey })
    .from(attachments)
    .where(lte(attachments.deletedAt, cutoff))
    .limit(1000);
  if (!due.length) return 0;
  await services.files.delete(due.flatMap((d) => (d.thumb ? [d.key, d.thumb] : [d.key])));
  await services.db.delete(attachments).where(inArray(attachments.id, due.map((d) => d.id)));
  return due.length;
}
