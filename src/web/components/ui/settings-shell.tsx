"use client";

import { ArrowLeft, X } from "lucide-react";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { useReturnFocus } from "../../hooks/use-return-focus";
import { cn } from "../../lib/cn";
import { moveFocusByKey, trapTab } from "../../lib/focus";

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
 * native modal <dialog> gives the top layer, focus trapping and Escape for free. On a phone,
 * as in Discord's mobile app, the tab list comes first and a tab opens as its own page
 * with a back arrow to the list.
 */
export function SettingsShell<T extends string>({ title, tabs, active, onSelect, onClose, children, testId }: SettingsShellProps<T>) {
  const ref = useRef<HTMLDialogElement>(null);
  /** Phones only: a tab's page is showing rather than the list. */
  const [onPage, setOnPage] = useState(false);
  const activeLabel = tabs.find((tab) => tab.id === active)?.label ?? "";
  useReturnFocus();

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
      onKeyDown={(event) => {
        // As in Dialog: Tab stays inside the page.
        if (!event.nativeEvent.defaultPrevented) trapTab(event.nativeEvent, event.currentTarget);
      }}
      className="m-0 h-dvh max-h-none w-screen max-w-none bg-chat p-0 text-text"
    >
      <div className="flex h-full">
        <nav
          aria-label={title}
          className={cn(
            "scroll-thin flex w-[min(260px,35vw)] shrink-0 justify-end overflow-y-auto bg-sidebar py-14 pr-2",
            "max-md:w-full max-md:flex-col max-md:justify-start max-md:py-0 max-md:pr-0",
            onPage && "max-md:hidden",
          )}
        >
          <PhoneBar label="Close settings" testId="settings-phone-close" onBack={onClose}>
            {title}
          </PhoneBar>
          <div className="flex w-48 flex-col gap-0.5 max-md:w-full max-md:px-2 max-md:pt-2">
            <h2 className="truncate px-2.5 pb-1.5 text-xs font-bold uppercase tracking-wide text-text-muted max-md:hidden">{title}</h2>
            <div
              role="tablist"
              aria-orientation="vertical"
              aria-label={title}
              className="contents"
              // Arrows move between tabs; Enter or Space opens one (Log Out is a tab too, so never on arrival).
              onKeyDown={(event) => moveFocusByKey(event, [...event.currentTarget.querySelectorAll<HTMLElement>("[role=tab]")])}
            >
              {tabs.map((tab) => (
                <button
                  key={tab.id}
                  type="button"
                  role="tab"
                  id={`settings-tab-${tab.id}`}
                  aria-selected={tab.id === active}
                  aria-controls="settings-panel"
                  tabIndex={tab.id === active ? 0 : -1}
                  data-testid={`settings-tab-${tab.id}`}
                  onClick={() => {
                    onSelect(tab.id);
                    setOnPage(true);
                  }}
                  className={cn(
                    "h-8 shrink-0 rounded px-2.5 text-left font-medium max-md:h-11",
                    tab.id === active ? "bg-selected" : "hover:bg-hover hover:text-text",
                    tab.danger ? "text-danger-soft" : tab.id === active ? "text-text-strong" : "text-text-muted",
                  )}
                >
                  {tab.label}
                </button>
              ))}
            </div>

          </div>
        </nav>
        <div className={cn("scroll-thin relative min-w-0 flex-1 overflow-y-auto", !onPage && "max-md:hidden")}>
          <PhoneBar label={`Back to ${title}`} testId="settings-back" onBack={() => setOnPage(false)}>
            {activeLabel}
          </PhoneBar>
          <div id="settings-panel" role="tabpanel" aria-labelledby={`settings-tab-${active}`} className="max-w-[740px] px-10 pb-20 pt-14 max-md:px-4 max-md:pt-4">
            {children}
          </div>
          <button
            type="button"
            aria-label="Close settings"
            data-testid="settings-close"
            onClick={onClose}
            className="absolute right-8 top-12 flex size-9 max-md:hidden items-center justify-center rounded-full border-2 border-text-muted text-text-muted hover:border-text-strong hover:text-text-strong"
          >
            <X size={18} />
          </button>
        </div>
      </div>
    </dialog>
  );
}

/** The top of a settings screen on a phone: a back arrow and where it is. */
function PhoneBar({ label, testId, onBack, children }: { label: string; testId: string; onBack: () => void; children: ReactNode }) {
  return (
    <div className="sticky top-0 z-10 flex h-12 shrink-0 items-center gap-1 border-b border-rail bg-chat px-1 md:hidden">
      <button
        type="button"
        aria-label={label}
        data-testid={testId}
        onClick={onBack}
        className="flex size-11 items-center justify-center rounded text-text-muted hover:text-text-strong"
      >
        <ArrowLeft size={24} />
      </button>
      <h2 className="truncate font-semibold text-text-strong">{children}</h2>
    </div>
  );
}

/** A settings page heading, as every tab starts with one. */
export function SettingsTitle({ children }: { children: ReactNode }) {
  return <h1 className="mb-5 text-xl font-semibold text-text-strong">{children}</h1>;
}

export function SectionLabel({ children }: { children: ReactNode }) {
  return <h2 className="mb-2 text-xs font-bold uppercase tracking-wide text-text-muted">{children}</h2>;
}
