"use client";

import { ExternalLink, X } from "lucide-react";
import { useEffect, useRef } from "react";

export interface LightboxProps {
  src: string;
  alt: string;
  width: number | null;
  height: number | null;
  onClose: () => void;
}

/**
 * A picture at full size over everything, on the native <dialog> (top layer, Escape,
 * focus kept inside). A click anywhere but the link closes it, as in Discord.
 */
export function Lightbox({ src, alt, width, height, onClose }: LightboxProps) {
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  return (
    <dialog
      ref={ref}
      data-testid="lightbox"
      aria-label={alt}
      onClose={onClose}
      onClick={(event) => {
        if (!(event.target instanceof Element) || !event.target.closest("a")) onClose();
      }}
      className="m-0 flex h-dvh max-h-none w-dvw max-w-none items-center justify-center bg-transparent p-0 outline-none backdrop:bg-black/85"
    >
      <button
        type="button"
        aria-label="Close"
        className="absolute right-4 top-4 rounded-full p-2 text-white/80 hover:bg-white/10 hover:text-white"
      >
        <X size={24} />
      </button>
      <figure className="flex max-h-full max-w-full flex-col items-start gap-2 p-10">
        <img
          src={src}
          alt={alt}
          width={width ?? undefined}
          height={height ?? undefined}
          data-testid="lightbox-image"
          className="h-auto max-h-[calc(100dvh-120px)] w-auto max-w-[calc(100dvw-80px)] object-contain"
        />
        <a
          href={src}
          target="_blank"
          rel="noopener noreferrer"
          data-testid="lightbox-open-original"
          className="inline-flex items-center gap-1 text-sm font-medium text-white/80 hover:text-white hover:underline"
        >
          Open original <ExternalLink size={14} />
        </a>
      </figure>
    </dialog>
  );
}
