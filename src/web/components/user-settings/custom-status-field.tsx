"use client";

import { X } from "lucide-react";
import { limits } from "@/shared/limits";
import { clearAfterChoices, type ClearAfter } from "./format";

const inputClass = "h-10 w-full rounded-[3px] bg-field-deep px-3 text-base text-text outline-none focus-visible:outline-2 focus-visible:outline-link";

export interface CustomStatusFieldProps {
  text: string;
  clearAfter: ClearAfter;
  /** The expiry the saved status has, offered as "keep" while it is unchanged. */
  currentExpiry: string | null;
  onChange: (next: { text?: string; clearAfter?: ClearAfter }) => void;
}

const expiryFormat = new Intl.DateTimeFormat(undefined, { weekday: "short", hour: "numeric", minute: "2-digit" });

export function CustomStatusField({ text, clearAfter, currentExpiry, onChange }: CustomStatusFieldProps) {
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-2 text-xs font-bold uppercase tracking-wide text-text-muted">Custom Status</legend>
      <div className="relative">
        <input
          data-testid="custom-status-input"
          aria-label="Custom status"
          placeholder="What's happening?"
          maxLength={limits.customStatusMax}
          value={text}
          onChange={(e) => onChange({ text: e.target.value })}
          className={`${inputClass} pr-9`}
        />
        {text && (
          <button
            type="button"
            aria-label="Clear custom status"
            data-testid="custom-status-clear"
            onClick={() => onChange({ text: "", clearAfter: "never" })}
            className="absolute right-2 top-1/2 -translate-y-1/2 rounded-full p-0.5 text-text-muted hover:text-text-strong"
          >
            <X size={16} />
          </button>
        )}
      </div>
      <label className="flex flex-col gap-2 text-xs font-bold uppercase tracking-wide text-text-muted">
        Clear after
        <select
          data-testid="custom-status-clear-after"
          value={clearAfter}
          disabled={!text.trim()}
          onChange={(e) => onChange({ clearAfter: e.target.value as ClearAfter })}
          className={`${inputClass} font-normal normal-case tracking-normal disabled:opacity-50`}
        >
          {currentExpiry && <option value="keep">Keep (clears {expiryFormat.format(new Date(currentExpiry))})</option>}
          {clearAfterChoices.map((choice) => (
            <option key={choice.id} value={choice.id}>
              {choice.label}
            </option>
          ))}
        </select>
      </label>
    </fieldset>
  );
}
