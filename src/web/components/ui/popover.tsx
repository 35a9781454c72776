"use client";

import { useCallback, useEffect, useRef, type ReactNode } from "react";
import { usePlacement } from "../../hooks/use-placement";
import { useReturnFocus } from "../../hooks/use-return-focus";
import { cn, sets, utility } from "../../lib/cn";
import { trapTab } from "../../lib/focus";
import { placeNear, type Size } from "../../lib/placement";

export interface PopoverProps {
  /** The trigger's box; the popover opens below it (or above when there is no room), right-aligned. */
  anchor: DOMRect;
  onClose: () => void;
  label: string;
  children: ReactNode;
  /** A background here replaces the sidebar colour. */
  className?: string;
  testId?: string;
  align?: "start" | "end";
}

/**
 * A floating panel anchored to a trigger (emoji picker, pins, edit history). Fixed to the
 * viewport so scrolling lists cannot clip it; a click outside or Escape closes it. Focus
 * moves in (unless something inside took it), Tab stays inside, and the trigger gets it back.
 */
export function Popover({ anchor, onClose, label, children, className, testId, align = "end" }: PopoverProps) {
  const ref = useRef<HTMLDivElement>(null);
  useReturnFocus();

  useEffect(() => {
    const popover = ref.current;
    if (popover && !popover.contains(document.activeElement)) popover.focus();
  }, []);

  // Placed again when its content grows (a list that loads after it opened): flipped
  // above, shifted in, or capped with its own scroll, never past the window's edge.
  const place = useCallback((size: Size, viewport: Size) => placeNear(anchor, size, viewport, align), [anchor, align]);
  const position = usePlacement(ref, place);

  useEffect(() => {
    const onPointer = (event: PointerEvent) => {
      if (!ref.current?.contains(event.target as Node)) onClose();
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") {
        event.preventDefault();
        event.stopPropagation();
        onClose();
      } else if (ref.current) {
        trapTab(event, ref.current);
      }
    };
    document.addEventListener("pointerdown", onPointer, true);
    document.addEventListener("keydown", onKey, true);
    return () => {
      document.removeEventListener("pointerdown", onPointer, true);
      document.removeEventListener("keydown", onKey, true);
    };
  }, [onClose]);

  return (
    <div
      ref={ref}
      role="dialog"
      aria-label={label}
      tabIndex={-1}
      data-testid={testId}
      className={cn(
        "fixed z-50 max-w-[calc(100vw-16px)] overflow-y-auto rounded-lg outline-none text-text shadow-2xl ring-1 ring-black/30",
        !sets(className, utility.background) && "bg-sidebar",
        className,
      )}
      // Measured first while invisible, then placed, so it never flashes in the wrong spot. Transparent
      // rather than hidden: a hidden element cannot take focus, and the focus moves in at once.
      style={position ? { left: position.left, top: position.top, maxHeight: position.maxHeight } : { left: 0, top: 0, opacity: 0 }}
    >
      {children}
    </div>
  );
}
