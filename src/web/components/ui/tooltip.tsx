"use client";

import { useState, type ReactNode } from "react";

/**
 * A label to the right of its trigger, like Discord's rail tooltips. Positioned with
 * `fixed` from the trigger's box so a scrolling rail cannot clip it.
 */
export function RightTooltip({ label, children, hidden }: { label: string; children: ReactNode; /** A menu of the same item is open. */ hidden?: boolean }) {
  const [position, setPosition] = useState<{ top: number; left: number }>();

  return (
    <div
      className="relative"
      onMouseEnter={(event) => {
        const box = event.currentTarget.getBoundingClientRect();
        setPosition({ top: box.top + box.height / 2, left: box.right + 12 });
      }}
      onMouseLeave={() => setPosition(undefined)}
      onFocus={(event) => {
        const box = event.currentTarget.getBoundingClientRect();
        setPosition({ top: box.top + box.height / 2, left: box.right + 12 });
      }}
      onBlur={() => setPosition(undefined)}
    >
      {children}
      {position && !hidden && (
        <div
          role="tooltip"
          className="pointer-events-none fixed z-50 -translate-y-1/2 whitespace-nowrap rounded-md bg-floating px-3 py-2 text-sm font-semibold text-text-strong shadow-lg"
          style={{ top: position.top, left: position.left }}
        >
          <span className="absolute -left-1 top-1/2 size-2 -translate-y-1/2 rotate-45 bg-floating" />
          {label}
        </div>
      )}
    </div>
  );
}
