import { cn } from "../../lib/cn";
import { colorFor, initials } from "../../lib/initials";

export interface InitialsIconProps {
  id: string;
  name: string;
  size?: number;
  className?: string;
}

/** A round avatar or server icon with the name's initials on a colour stable per id. */
export function InitialsIcon({ id, name, size = 40, className }: InitialsIconProps) {
  const text = initials(name);
  return (
    <span
      aria-hidden
      className={cn("inline-flex shrink-0 select-none items-center justify-center rounded-full font-semibold text-white", className)}
      style={{
        width: size,
        height: size,
        backgroundColor: colorFor(id),
        fontSize: Math.max(10, Math.round(size * (text.length > 2 ? 0.3 : 0.38))),
      }}
    >
      {text}
    </span>
  );
}
