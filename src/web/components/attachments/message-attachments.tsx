"use client";

import { Download, ImageOff } from "lucide-react";
import { memo, useMemo, useState } from "react";
import type { Attachment } from "@/shared/api";
import { inlineImageUrl, previewBox } from "../../lib/attachments";
import { formatBytes } from "../../lib/format-bytes";
import { Lightbox } from "../ui/lightbox";
import { fileIconFor } from "./file-icon";

/**
 * A message's files: pictures inline, players for sound and video, a card for the rest.
 * Only <img>, <video> and <audio> ever point at a file; anything else (PDF, SVG, HTML,
 * archives) is a card with a download link, never an iframe, object or embed.
 */
export const MessageAttachments = memo(function MessageAttachments({ attachments }: { attachments: Attachment[] }) {
  const ordered = useMemo(() => mediaFirst(attachments), [attachments]);
  if (attachments.length === 0) return null;
  return (
    <div className="mt-1 flex flex-col items-start gap-2" data-testid="message-attachments">
      {ordered.map((attachment) => (
        <AttachmentView key={attachment.id} attachment={attachment} />
      ))}
    </div>
  );
});

const kindOrder: Record<Attachment["kind"], number> = { image: 0, video: 1, audio: 2, file: 3 };

/** Pictures and videos above players and cards, as Discord lays them out; otherwise the order they came in. */
function mediaFirst(attachments: Attachment[]): Attachment[] {
  return [...attachments].sort((a, b) => kindOrder[a.kind] - kindOrder[b.kind]);
}

function AttachmentView({ attachment }: { attachment: Attachment }) {
  // SVG is an image to the browser but may carry script: shown as a card, like HTML.
  const svg = attachment.contentType.startsWith("image/svg");
  if (attachment.kind === "image" && !svg) return <ImageAttachment attachment={attachment} />;
  if (attachment.kind === "video") return <VideoAttachment attachment={attachment} />;
  if (attachment.kind === "audio") return <AudioAttachment attachment={attachment} />;
  return <FileCard attachment={attachment} />;
}

function ImageAttachment({ attachment }: { attachment: Attachment }) {
  const [open, setOpen] = useState(false);
  const [broken, setBroken] = useState(false);
  // The box is fixed before the picture arrives, so the list does not jump when it does.
  const box = previewBox(attachment.width, attachment.height);
  return (
    <>
      <button
        type="button"
        data-testid="attachment-image"
        aria-label={`Open ${attachment.filename}`}
        onClick={() => setOpen(true)}
        className="block max-w-full overflow-hidden rounded-lg bg-sidebar"
        style={{ width: box.width, height: box.height, aspectRatio: `${box.width} / ${box.height}` }}
      >
        {broken ? (
          <span className="flex h-full w-full flex-col items-center justify-center gap-1 text-xs text-text-muted">
            <ImageOff size={24} />
            Could not load the image
          </span>
        ) : (
          <img
            src={inlineImageUrl(attachment)}
            alt={attachment.filename}
            width={box.width}
            height={box.height}
            loading="lazy"
            decoding="async"
            draggable={false}
            onError={() => setBroken(true)}
            className="h-full w-full object-cover"
          />
        )}
      </button>
      {open && (
        <Lightbox
          src={attachment.url}
          alt={attachment.filename}
          width={attachment.width}
          height={attachment.height}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}

function VideoAttachment({ attachment }: { attachment: Attachment }) {
  const box = previewBox(attachment.width ?? 16 * 25, attachment.height ?? 9 * 25);
  return (
    <video
      controls
      preload="metadata"
      src={attachment.url}
      data-testid="attachment-video"
      aria-label={attachment.filename}
      className="max-w-full rounded-lg bg-black"
      style={{ width: box.width, height: box.height }}
    />
  );
}

function AudioAttachment({ attachment }: { attachment: Attachment }) {
  return (
    <div className="flex w-[400px] max-w-full flex-col gap-2 rounded-lg border border-rail bg-sidebar p-3">
      <FileHeader attachment={attachment} />
      <audio controls preload="metadata" src={attachment.url} data-testid="attachment-audio" className="w-full" />
    </div>
  );
}

function FileCard({ attachment }: { attachment: Attachment }) {
  return (
    <div
      data-testid="attachment-file"
      className="flex w-[400px] max-w-full items-center rounded-lg border border-rail bg-sidebar p-3"
    >
      <FileHeader attachment={attachment} />
    </div>
  );
}

function FileHeader({ attachment }: { attachment: Attachment }) {
  const Icon = fileIconFor(attachment.contentType);
  return (
    <div className="flex w-full min-w-0 items-center gap-3">
      <Icon size={36} strokeWidth={1.5} aria-hidden className="shrink-0 text-[#949cf7]" />
      <div className="min-w-0 flex-1 leading-tight">
        <a
          href={attachment.url}
          download={attachment.filename}
          data-testid="attachment-name"
          className="block truncate font-medium text-link hover:underline"
          title={attachment.filename}
        >
          {attachment.filename}
        </a>
        <span className="text-xs text-text-muted" data-testid="attachment-size">
          {formatBytes(attachment.size)}
        </span>
      </div>
      <a
        href={attachment.url}
        download={attachment.filename}
        aria-label={`Download ${attachment.filename}`}
        title="Download"
        data-testid="attachment-download"
        className="shrink-0 rounded p-1 text-text-muted hover:text-text-strong"
      >
        <Download size={22} />
      </a>
    </div>
  );
}
