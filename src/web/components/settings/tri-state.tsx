import { Check, Slash, X } from "lucide-react";
import { cn } from "../../lib/cn";

export type TriState = "deny" | "inherit" | "allow";

const options = [
  { value: "deny", label: "Deny", icon: X, on: "bg-danger text-white" },
  { value: "inherit", label: "Inherit", icon: Slash, on: "bg-secondary text-white" },
  { value: "allow", label: "Allow", icon: Check, on: "bg-success text-white" },
] as const;

/** Discord's ✕ / ⁄ / ✓ switch for one flag of a channel overwrite. */
export function TriStateSwitch({ value, onChange, label, disabled }: { value: TriState; onChange: (v: TriState) => void; label: string; disabled?: boolean }) {
  return (
    <div role="radiogroup" aria-label={label} className="flex overflow-hidden rounded border border-divider">
      {options.map((option) => (
        <button
          key={option.value}
          type="button"
          role="radio"
          aria-checked={value === option.value}
          aria-label={`${option.label} ${label}`}
          title={option.label}
          disabled={disabled}
          onClick={() => onChange(option.value)}
          className={cn(
            "flex size-7 items-center justify-center disabled:cursor-not-allowed",
            value === option.value ? option.on : "text-text-muted hover:bg-hover",
          )}
        >
          <option.icon size={14} strokeWidth={3} />
        </button>
      ))}
    </div>
  );
}
