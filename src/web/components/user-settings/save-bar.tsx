"use client";

import { Button } from "../ui/button";

export interface SaveBarProps {
  saving: boolean;
  canSave: boolean;
  error?: string;
  onReset: () => void;
  onSave: () => void;
}

/** Discord's floating "unsaved changes" bar, stuck to the bottom of the settings page. */
export function SaveBar({ saving, canSave, error, onReset, onSave }: SaveBarProps) {
  return (
    <div
      role="region"
      aria-label="Unsaved changes"
      data-testid="save-bar"
      className="sticky bottom-5 z-10 mt-10 flex flex-col gap-1 rounded-md bg-floating px-4 py-2.5 shadow-[0_2px_10px_rgba(0,0,0,0.4)]"
    >
      <div className="flex items-center gap-3">
        <p className="flex-1 font-medium text-text-strong">Careful — you have unsaved changes!</p>
        <button type="button" data-testid="save-bar-reset" onClick={onReset} className="px-3 text-sm font-medium text-text hover:underline">
          Reset
        </button>
        <Button variant="success" className="h-8" data-testid="save-bar-save" disabled={!canSave || saving} onClick={onSave}>
          {saving ? "Saving…" : "Save Changes"}
        </Button>
      </div>
      {error && (
        <p role="alert" data-testid="save-error" className="text-sm text-danger-soft">
          {error}
        </p>
      )}
    </div>
  );
}
