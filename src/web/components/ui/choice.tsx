import type { ReactNode } from "react";
import { cn } from "../../lib/cn";

export interface RadioChoiceProps {
  name: string;
  checked: boolean;
  onChange: () => void;
  testId: string;
  /** "compact" in dialogs, "roomy" on a settings page. */
  size?: "compact" | "roomy";
  children: ReactNode;
}

/** One option of a radio group, drawn as a row that lights up when chosen. */
export function RadioChoice({ name, checked, onChange, testId, size = "compact", children }: RadioChoiceProps) {
  const roomy = size === "roomy";
  return (
    <label
      className={cn(
        "flex cursor-pointer items-center gap-3 rounded-[3px] px-3 font-medium has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-link",
        roomy ? "py-2.5 text-text" : "py-2 text-sm text-text",
        checked ? "bg-selected text-text-strong" : "bg-field",
      )}
    >
      <input
        type="radio"
        name={name}
        checked={checked}
        onChange={onChange}
        data-testid={testId}
        className={cn("shrink-0 accent-blurple", roomy ? "size-5" : "size-4")}
      />
      <span>{children}</span>
    </label>
  );
}

/** A setting: its name and a line saying what it does, with its control (a switch, a select) on the right. */
export function SettingRow({ title, hint, children }: { title: string; hint: string; children: ReactNode }) {
  return (
    <div className="flex items-center gap-3">
      <div className="flex-1">
        <div className="font-medium text-text-strong">{title}</div>
        <div className="text-sm text-text-muted">{hint}</div>
      </div>
      {children}
    </div>
  );
}
