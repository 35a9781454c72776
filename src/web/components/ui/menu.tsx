"use client";

import { Check } from "lucide-react";
import { useCallback, useEffect, useRef, type ReactNode } from "react";
import { usePlacement } from "../../hooks/use-placement";
import { useReturnFocus } from "../../hooks/use-return-focus";
import { cn } from "../../lib/cn";
import { focusablesIn, moveFocusByKey } from "../../lib/focus";
import { placeAtPoint, type Size } from "../../lib/placement";

export interface MenuProps {
  /** Where it opens (viewport coordinates), e.g. the pointer of a right click. */
  at: { x: number; y: number };
  onClose: () => void;
  label: string;
  children: ReactNode;
  testId?: string;
}

/**
 * A floating menu (context menu or dropdown). Fixed to the viewport, opening down and
 * right of its point and flipped up or left near the edges; any click outside, Escape, Tab, scroll or resize closes it. Arrow keys, Home
 * and End move between its items; focus goes back to the opener when it closes.
 */
export function Menu({ at, onClose, label, children, testId }: MenuProps) {
  const ref = useRef<HTMLDivElement>(null);
  useReturnFocus();
  const place = useCallback((size: Size, viewport: Size) => placeAtPoint(at, size, viewport), [at]);
  const position = usePlacement(ref, place);

  useEffect(() => {
    // The first item, as a menu opened from the keyboard should; the menu itself when it has none.
    const menu = ref.current;
    const first = menu && focusablesIn(menu)[0];
    (first ?? menu)?.focus();
  }, []);

  useEffect(() => {
    const onPointer = (event: PointerEvent) => {
      if (!ref.current?.contains(event.target as Node)) onClose();
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape" || event.key === "Tab") {
        // Only the menu closes, not a dialog it sits in.
        event.preventDefault();
        event.stopPropagation();
        onClose();
      } else if (ref.current?.contains(document.activeElement) || document.activeElement === document.body) {
        if (ref.current) moveFocusByKey(event, focusablesIn(ref.current));
      }
    };
    document.addEventListener("pointerdown", onPointer, true);
    document.addEventListener("keydown", onKey, true);
    window.addEventListener("resize", onClose);
    return () => {
      document.removeEventListener("pointerdown", onPointer, true);
      document.removeEventListener("keydown", onKey, true);
      window.removeEventListener("resize", onClose);
    };
  }, [onClose]);

  return (
    <div
      ref={ref}
      role="menu"
      aria-label={label}
      tabIndex={-1}
      data-testid={testId}
      className="scroll-thin fixed z-50 flex w-56 flex-col overflow-y-auto rounded-md bg-floating p-1.5 text-sm shadow-xl outline-none"
      style={position ? { left: position.left, top: position.top, maxHeight: position.maxHeight } : { left: at.x, top: at.y, opacity: 0 }}
    >
      {children}
    </div>
  );
}

export interface MenuItemProps {
  onSelect: () => void;
  children: ReactNode;
  icon?: ReactNode;
  danger?: boolean;
  testId?: string;
}

export function MenuItem({ onSelect, children, icon, danger, testId }: MenuItemProps) {
  return (
    <button
      type="button"
      role="menuitem"
      data-testid={testId}
      onClick={onSelect}
      className={cn(
        "flex h-8 items-center gap-2 rounded px-2 text-left font-medium",
        danger ? "text-danger-soft hover:bg-danger hover:text-white" : "text-text hover:bg-blurple hover:text-white",
      )}
    >
      <span className="flex-1 truncate">{children}</span>
      {icon}
    </button>
  );
}

export interface MenuCheckboxProps {
  checked: boolean;
  onToggle: () => void;
  children: ReactNode;
  color?: string;
  disabled?: boolean;
  testId?: string;
}

export function MenuCheckbox({ checked, onToggle, children, color, disabled, testId }: MenuCheckboxProps) {
  return (
    <button
      type="button"
      role="menuitemcheckbox"
      aria-checked={checked}
      disabled={disabled}
      data-testid={testId}
      onClick={onToggle}
      className="flex h-8 items-center gap-2 rounded px-2 text-left font-medium text-text hover:bg-blurple hover:text-white disabled:opacity-50 disabled:hover:bg-transparent"
    >
      <span aria-hidden className="size-3 shrink-0 rounded-full" style={{ backgroundColor: color }} />
      <span className="flex-1 truncate">{children}</span>
      <span
        className={cn(
          "flex size-[18px] items-center justify-center rounded-[4px] border",
          checked ? "border-blurple bg-blurple text-white" : "border-text-muted",
        )}
      >
        {checked && <Check size={14} strokeWidth={3} />}
      </span>
    </button>
  );
}

export function MenuSeparator() {
  return <div role="separator" className="mx-1 my-1 h-px bg-divider" />;
}

export function MenuLabel({ children }: { children: ReactNode }) {
  return <div className="px-2 pb-1 pt-1.5 text-xs font-bold uppercase tracking-wide text-text-muted">{children}</div>;
}
