"use client";

import { X } from "lucide-react";
import { useEffect, useRef, type WheelEvent } from "react";
import { cancelUpload } from "../../hooks/use-upload-attachments";
import { cn } from "../../lib/cn";
import { formatBytes } from "../../lib/format-bytes";
import { NO_UPLOADS, useUploads, type UploadItem } from "../../stores/uploads";
import { ProgressBar } from "../ui/progress-bar";
import { fileIconFor } from "./file-icon";

/** The files picked for the next message, above the text box, as Discord shows them. */
export function UploadTray({ channelId }: { channelId: string }) {
  const items = useUploads((s) => s.byChannel[channelId] ?? NO_UPLOADS);
  const ref = useRef<HTMLUListElement>(null);
  const count = useRef(0);
  // A file just added is shown whole: the row scrolls to its end when it grows.
  useEffect(() => {
    const tray = ref.current;
    if (tray && items.length > count.current) tray.scrollTo({ left: tray.scrollWidth });
    count.current = items.length;
  }, [items.length]);
  if (items.length === 0) return null;
  // A mouse wheel scrolls up and down; here it moves the row sideways, or the tiles past the edge could not be reached.
  const onWheel = (event: WheelEvent<HTMLUListElement>) => {
    const tray = event.currentTarget;
    if (event.deltaX !== 0 || event.deltaY === 0 || tray.scrollWidth <= tray.clientWidth) return;
    tray.scrollLeft += event.deltaY;
  };
  return (
    <ul
      ref={ref}
      aria-label="Files to send"
      data-testid="upload-tray"
      onWheel={onWheel}
      // The end padding leaves room for the last tile's remove button, which sits past its corner.
      className="scroll-thin flex gap-2 overflow-x-auto border-b border-divider px-2.5 pb-2.5 pt-5 after:block after:w-2 after:shrink-0 after:content-['']"
    >
      {items.map((item) => (
        <UploadTile key={item.key} item={item} />
      ))}
    </ul>
  );
}

function UploadTile({ item }: { item: UploadItem }) {
  const Icon = fileIconFor(item.type);
  const percent = item.size > 0 ? (item.sent / item.size) * 100 : 0;
  return (
    <li
      data-testid="upload-tile"
      data-status={item.status}
      data-claimed={item.claimed ? "true" : undefined}
      className={cn(
        "relative flex w-[200px] shrink-0 flex-col gap-1.5 rounded-md bg-sidebar p-2",
        item.status === "failed" && "ring-1 ring-danger",
      )}
    >
      <button
        type="button"
        data-testid="upload-cancel"
        aria-label={item.status === "uploading" ? `Cancel uploading ${item.name}` : `Remove ${item.name}`}
        title={item.status === "uploading" ? "Cancel upload" : "Remove"}
        onClick={() => cancelUpload(item.channelId, item.key)}
        className="absolute -right-2 -top-2 rounded-md bg-sidebar p-1 text-danger-soft shadow-md hover:bg-danger hover:text-white"
      >
        <X size={16} />
      </button>
      <div className="flex h-[120px] items-center justify-center overflow-hidden rounded bg-field-deep">

        {item.previewUrl ? (
          <img src={item.previewUrl} alt="" data-testid="upload-thumbnail" className="h-full w-full object-contain" />
        ) : (
          <Icon size={48} strokeWidth={1.25} aria-hidden className="text-[#949cf7]" />
        )}
      </div>
      <p className="truncate text-sm text-text-strong" title={item.name} data-testid="upload-name">
        {item.name}
      </p>
      <p className="text-xs text-text-muted">{formatBytes(item.size)}</p>
      {/* Kept, full and green, once done: a small file finishes before the bar could be seen. */}
      {item.status !== "failed" && (
        <ProgressBar
          value={item.status === "done" ? 100 : percent}
          complete={item.status === "done"}
          label={item.status === "done" ? `${item.name} uploaded` : `Uploading ${item.name}`}
          testId="upload-progress"
        />
      )}
      {item.status === "uploading" && item.claimed && (
        <p className="text-xs text-text-muted">Sends when the upload finishes</p>
      )}
      {item.status === "failed" && item.error && (
        <p role="alert" data-testid="upload-error" className="text-xs leading-snug text-danger-soft">
          {item.error}
        </p>
      )}
    </li>
  );
}
