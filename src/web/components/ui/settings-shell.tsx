"use client";

import { X } from "lucide-react";
import { useEffect, useRef, type ReactNode } from "react";
import { cn } from "../../lib/cn";

export interface SettingsTab<T extends string> {
  id: T;
  label: string;
  danger?: boolean;
}

export interface SettingsShellProps<T extends string> {
  title: string;
  tabs: SettingsTab<T>[];
  active: T;
  onSelect: (tab: T) => void;
  onClose: () => void;
  children: ReactNode;
  testId?: string;
}

/**
 * Discord's full-screen settings: a tab column on the left, the page on the right. A
 * native modal <dialog> gives the top layer, focus trapping and Escape for free.
 */
export function SettingsShell<T extends string>({ title, tabs, active, onSelect, onClose, children, testId }: SettingsShellProps<T>) {
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  return (
    <dialog
      ref={ref}
      data-testid={testId}
      onClose={(event) => {
        // React passes a nested dialog's close event up the component tree; only our own counts.
        if (event.target === event.currentTarget) onClose();
      }}
      className="m-0 h-dvh max-h-none w-screen max-w-none bg-chat p-0 text-text"
    >
      <div className="flex h-full">
        <nav aria-label={title} className="scroll-thin flex w-[min(260px,35vw)] shrink-0 justify-end overflow-y-auto bg-sidebar py-14 pr-2">
          <div className="flex w-48 flex-col gap-0.5">
            <h2 className="truncate px-2.5 pb-1.5 text-xs font-bold uppercase tracking-wide text-text-muted">{title}</h2>
            {tabs.map((tab) => (
              <button
                key={tab.id}
                type="button"
                data-testid={`settings-tab-${tab.id}`}
                aria-current={tab.id === active ? "page" : undefined}
                onClick={() => onSelect(tab.id)}
                className={cn(
                  "h-8 rounded px-2.5 text-left font-medium",
                  tab.id === active ? "bg-selected text-text-strong" : "text-text-muted hover:bg-hover hover:text-text",
                  tab.danger && "text-danger-soft",
                )}
              >
                {tab.label}
              </button>
            ))}
          </div>
        </nav>
        <div className="scroll-thin relative min-w-0 flex-1 overflow-y-auto">
          <div className="max-w-[740px] px-10 pb-20 pt-14">{children}</div>
          <button
            type="button"
            aria-label="Close settings"
            data-testid="settings-close"
            onClick={onClose}
            className="absolute right-8 top-12 flex size-9 items-center justify-center rounded-full border-2 border-text-muted text-text-muted hover:border-text-strong hover:text-text-strong"
          >
            <X size={18} />
          </button>
        </div>
      </div>
    </dialog>
  );
}

/** A settings page heading, as every tab starts with one. */
export function SettingsTitle({ children }: { children: ReactNode }) {
  return <h1 className="mb-5 text-xl font-semibold text-text-strong">{children}</h1>;
}

export function SectionLabel({ children }: { children: ReactNode }) {
  return <h2 className="mb-2 text-xs font-bold uppercase tracking-wide text-text-muted">{children}</h2>;
}
