import { Spinner } from "./spinner";

/**
 * What shows for the moment a part loaded on use (settings, pickers, panels) is on its
 * way: the same place and size as what comes, with a spinner, so nothing jumps.
 */

/** In place of full-screen settings. */
export function SettingsLoading() {
  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-chat" data-testid="lazy-loading">
      <Spinner size={32} />
    </div>
  );
}

/** In place of a dialog: a dimmed screen with a spinner. */
export function DialogLoading() {
  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-black/50" data-testid="lazy-loading">
      <Spinner size={28} />
    </div>
  );
}

/** In place of a panel or popover: a spinner where it goes. */
export function PanelLoading({ className }: { className?: string }) {
  return (
    <div className={className ?? "flex items-center justify-center p-4"} data-testid="lazy-loading">
      <Spinner />
    </div>
  );
}
