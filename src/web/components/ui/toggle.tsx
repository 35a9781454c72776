import { cn } from "../../lib/cn";

export interface ToggleProps {
  checked: boolean;
  onChange: (checked: boolean) => void;
  label: string;
  disabled?: boolean;
  testId?: string;
  /** Inside a menu, the same switch is a menu item that is checked or not (a menu holds only menu items). */
  role?: "switch" | "menuitemcheckbox";
}

/** Discord's green switch, on a native checkbox role so it works with a keyboard and screen readers. */
export function Toggle({ checked, onChange, label, disabled, testId, role = "switch" }: ToggleProps) {
  return (
    <button
      type="button"
      role={role}
      aria-checked={checked}
      aria-label={label}
      disabled={disabled}
      data-testid={testId}
      onClick={() => onChange(!checked)}
      className={cn(
        "relative h-6 w-10 shrink-0 rounded-full transition-colors disabled:cursor-not-allowed disabled:opacity-50",
        checked ? "bg-success" : "bg-[#80848e]",
      )}
    >
      <span
        className={cn("absolute top-0.5 size-5 rounded-full bg-white shadow transition-all", checked ? "left-[18px]" : "left-0.5")}
      />
    </button>
  );
}
