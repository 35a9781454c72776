import type { ButtonHTMLAttributes } from "react";
import { cn } from "../../lib/cn";

type Variant = "primary" | "secondary" | "success" | "danger" | "link";

const variants: Record<Variant, string> = {
  primary: "bg-blurple text-white hover:bg-blurple-hover",
  secondary: "bg-secondary text-white hover:bg-secondary-hover",
  success: "bg-success text-white hover:bg-success-hover",
  danger: "bg-danger text-white hover:bg-danger-hover",
  link: "bg-transparent px-0 text-link hover:underline",
};

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: Variant;
}

/** Also for links that should look like buttons (a button inside a link is invalid HTML). */
export function buttonClasses(variant: Variant = "primary", className?: string): string {
  return cn(
    "inline-flex h-10 items-center justify-center gap-2 rounded-[3px] px-4 text-sm font-medium transition-colors",
    "disabled:cursor-not-allowed disabled:opacity-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-link",
    variants[variant],
    className,
  );
}

export function Button({ variant = "primary", className, type = "button", ...props }: ButtonProps) {
  return <button type={type} className={buttonClasses(variant, className)} {...props} />;
}
