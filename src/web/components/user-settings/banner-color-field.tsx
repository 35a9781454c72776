"use client";

import { Check } from "lucide-react";
import { cn } from "../../lib/cn";

const presets = ["#5865f2", "#eb459e", "#ed4245", "#f0b232", "#23a55a", "#00a8fc", "#9b59b6", "#1e1f22"];

export interface BannerColorFieldProps {
  value: string | null;
  /** What the banner shows with no colour chosen (derived from the user id). */
  fallback: string;
  onChange: (value: string | null) => void;
}

export function BannerColorField({ value, fallback, onChange }: BannerColorFieldProps) {
  const shown = value ?? fallback;
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-2 text-xs font-bold uppercase tracking-wide text-text-muted">Banner Color</legend>
      <div className="flex flex-wrap items-center gap-2">
        <label
          className="relative flex h-[50px] w-[68px] cursor-pointer items-end justify-center overflow-hidden rounded border border-divider"
          style={{ backgroundColor: shown }}
          title="Custom colour"
        >
          <input
            type="color"
            data-testid="banner-color-input"
            aria-label="Custom banner colour"
            value={shown}
            onChange={(e) => onChange(e.target.value.toLowerCase())}
            className="absolute inset-0 size-full cursor-pointer opacity-0"
          />
          <span className="mb-0.5 rounded bg-black/40 px-1 text-[10px] font-semibold uppercase text-white">Custom</span>
        </label>
        {presets.map((color) => (
          <button
            key={color}
            type="button"
            aria-label={`Banner colour ${color}`}
            aria-pressed={value === color}
            data-testid="banner-swatch"
            onClick={() => onChange(color)}
            className={cn(
              "flex size-8 items-center justify-center rounded border border-divider text-white",
              value === color && "ring-2 ring-white",
            )}
            style={{ backgroundColor: color }}
          >
            {value === color && <Check size={16} strokeWidth={3} />}
          </button>
        ))}
        <button
          type="button"
          data-testid="banner-color-reset"
          disabled={value === null}
          onClick={() => onChange(null)}
          className="ml-1 text-sm text-link hover:underline disabled:cursor-default disabled:text-text-muted disabled:no-underline"
        >
          Reset
        </button>
      </div>
    </fieldset>
  );
}
