import type { ButtonHTMLAttributes } from "react";
import { cn, sets, utility } from "../../lib/cn";

type Variant = "primary" | "secondary" | "success" | "danger" | "link";

/** Each variant's fill, and its text colour and side padding (a caller's `className` may set those two). */
const variants: Record<Variant, { fill: string; text: string; paddingX: string }> = {
  primary: { fill: "bg-blurple hover:bg-blurple-hover", text: "text-white", paddingX: "px-4" },
  secondary: { fill: "bg-secondary hover:bg-secondary-hover", text: "text-white", paddingX: "px-4" },
  success: { fill: "bg-success hover:bg-success-hover", text: "text-white", paddingX: "px-4" },
  danger: { fill: "bg-danger hover:bg-danger-hover", text: "text-white", paddingX: "px-4" },
  link: { fill: "bg-transparent hover:underline", text: "text-link", paddingX: "px-0" },
};

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: Variant;
}

/**
 * Also for links that should look like buttons (a button inside a link is invalid HTML).
 * A height, side padding, font size or text colour in `className` replaces the button's own.
 */
export function buttonClasses(variant: Variant = "primary", className?: string): string {
  const look = variants[variant];
  return cn(
    "inline-flex items-center justify-center gap-2 rounded-[3px] font-medium transition-colors",
    !sets(className, utility.height) && "h-10",
    !sets(className, utility.paddingX) && look.paddingX,
    !sets(className, utility.fontSize) && "text-sm",
    !sets(className, utility.textColour) && look.text,
    look.fill,
    "disabled:cursor-not-allowed disabled:opacity-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-link",
    className,
  );
}

export function Button({ variant = "primary", className, type = "button", ...props }: ButtonProps) {
  return <button type={type} className={buttonClasses(variant, className)} {...props} />;
}
