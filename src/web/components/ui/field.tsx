import { useId, type InputHTMLAttributes } from "react";
import { cn } from "../../lib/cn";

export interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: string;
  error?: string;
}

/** Discord's form field: an uppercase label that turns red and names the problem. */
export function Field({ label, error, className, id, ...props }: FieldProps) {
  const generatedId = useId();
  const inputId = id ?? generatedId;
  return (
    <div className="flex flex-col gap-2">
      <label
        htmlFor={inputId}
        className={cn("text-xs font-bold uppercase tracking-wide", error ? "text-danger-soft" : "text-text-muted")}
      >
        {label}
        {error && <span className="font-medium normal-case italic"> - {error}</span>}
      </label>
      <input
        id={inputId}
        aria-invalid={error ? true : undefined}
        className={cn(
          "h-10 rounded-[3px] bg-field-deep px-3 text-base text-text outline-none",
          "focus-visible:outline-2 focus-visible:outline-link",
          className,
        )}
        {...props}
      />
    </div>
  );
}
