"use client";

import { ArrowLeft, X } from "lucide-react";
import { useEffect, useRef, type ReactNode } from "react";
import { returnFocus, trapTab } from "../../lib/focus";

export interface DialogProps {
  open: boolean;
  onClose: () => void;
  title: string;
  description?: string;
  children: ReactNode;
  testId?: string;
}

/**
 * A modal on the native <dialog>: the browser gives focus trapping, Escape and the
 * top layer, so no extra UI library is needed. On a phone it is a full-screen page whose
 * close button is a back arrow, as Discord's mobile app shows its forms.
 */
export function Dialog({ open, onClose, title, description, children, testId }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);

  /** Closing gives focus back to it natively; being unmounted while open does not. */
  const opener = useRef<Element | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement;
      dialog.showModal();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);

  useEffect(() => () => returnFocus(opener.current), []);

  return (
    <dialog
      ref={ref}
      data-testid={testId}
      onClose={(event) => {
        // React passes a nested dialog's close event up the component tree; only our own counts.
        if (event.target === event.currentTarget) onClose();
      }}
      onKeyDown={(event) => {
        // Chromium lets Tab leave a modal dialog for the browser's own UI; keep it inside. An inner
        // dialog or popover that already handled the key has the last word.
        if (!event.nativeEvent.defaultPrevented) trapTab(event.nativeEvent, event.currentTarget);
      }}
      onClick={(event) => {
        // A click on the backdrop lands on the dialog element itself.
        if (event.target === event.currentTarget) onClose();
      }}
      className="m-auto w-[min(440px,calc(100vw-32px))] rounded-md bg-chat p-0 text-text shadow-2xl max-md:m-0 max-md:h-dvh max-md:max-h-none max-md:w-screen max-md:max-w-none max-md:rounded-none"
    >
      <div className="relative p-4">
        <button
          type="button"
          aria-label="Close"
          onClick={onClose}
          className="absolute right-3 top-3 rounded p-1 text-text-muted hover:text-text-strong max-md:left-1 max-md:right-auto max-md:top-1.5 max-md:flex max-md:size-11 max-md:items-center max-md:justify-center"
        >
          <X size={22} className="max-md:hidden" />
          <ArrowLeft size={24} className="md:hidden" />
        </button>
        <h2 className="pr-8 text-xl font-bold text-text-strong max-md:pl-10 max-md:pr-0 max-md:leading-8">{title}</h2>
        {description && <p className="mt-2 text-sm text-text-muted">{description}</p>}
        <div className="mt-4">{children}</div>
      </div>
    </dialog>
  );
}
