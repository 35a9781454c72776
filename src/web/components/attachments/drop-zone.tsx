"use client";

import { Upload } from "lucide-react";
import { useRef, useState, type DragEvent, type ReactNode } from "react";
import { addUploads } from "../../hooks/upload-attachments-lazy";

function carriesFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer.types).includes("Files");
}

export interface DropZoneProps {
  channelId: string;
  /** Where the files go, for the overlay: "#general", "@Ana". */
  target: string;
  /** False where files cannot be sent: the overlay does not show and drops are ignored. */
  enabled: boolean;
  children: ReactNode;
}

/** The whole chat takes dropped files, with Discord's "Upload to #channel" overlay while dragging. */
export function DropZone({ channelId, target, enabled, children }: DropZoneProps) {
  const [dragging, setDragging] = useState(false);
  // dragenter and dragleave fire for every child crossed: count them to know when the drag left us.
  const depth = useRef(0);

  return (
    <div
      data-testid="chat-drop-zone"
      className="relative flex min-h-0 min-w-0 flex-1 flex-col"
      onDragEnter={(event) => {
        if (!enabled || !carriesFiles(event)) return;
        event.preventDefault();
        depth.current += 1;
        setDragging(true);
      }}
      onDragOver={(event) => {
        if (!enabled || !carriesFiles(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = "copy";
      }}
      onDragLeave={() => {
        if (!enabled) return;
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setDragging(false);
      }}
      onDrop={(event) => {
        depth.current = 0;
        setDragging(false);
        if (!enabled || event.dataTransfer.files.length === 0) return;
        event.preventDefault();
        addUploads(channelId, Array.from(event.dataTransfer.files));
      }}
    >
      {children}
      {dragging && (
        <div
          data-testid="drop-overlay"
          className="pointer-events-none absolute inset-0 z-40 flex items-center justify-center bg-black/60 p-8"
        >
          <div className="flex max-w-sm flex-col items-center gap-2 rounded-xl bg-blurple p-6 text-center text-white shadow-2xl outline-2 outline-offset-[-10px] outline-dashed outline-white/60">
            <Upload size={40} aria-hidden />
            <p className="text-xl font-bold">Upload to {target}</p>
            <p className="text-sm text-white/85">Drop the files here; they go with your next message, with a comment if you like.</p>
          </div>
        </div>
      )}
    </div>
  );
}
