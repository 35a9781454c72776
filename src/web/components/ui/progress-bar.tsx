import { cn } from "../../lib/cn";

export interface ProgressBarProps {
  /** 0 to 100. */
  value: number;
  label: string;
  className?: string;
  testId?: string;
  /** Green once finished. */
  complete?: boolean;
}

/** A thin determinate bar, announced as a progressbar with its percentage. */
export function ProgressBar({ value, label, className, testId, complete }: ProgressBarProps) {
  const percent = Math.max(0, Math.min(100, Math.round(value)));
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      data-testid={testId}
      className={cn("h-1 w-full overflow-hidden rounded-full bg-secondary", className)}
    >
      <div
        className={cn("h-full rounded-full transition-[width] duration-150", complete ? "bg-success" : "bg-blurple")}
        style={{ width: `${percent}%` }}
      />
    </div>
  );
}
