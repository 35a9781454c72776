import { cn, sets, utility } from "../../lib/cn";
import { colorFor, initials } from "../../lib/initials";

export interface InitialsIconProps {
  id: string;
  name: string;
  size?: number;
  /** A corner radius here (`rounded-2xl`) replaces the circle. */
  className?: string;
}

/**
 * A round avatar or server icon with the name's initials on a colour stable per id. The
 * initials are drawn by CSS, not written as text: the name beside the icon (or the control's
 * label) is what is read and copied, and a button named "Profile of Ann Lee" does not show
 * "AL" as text that its name lacks.
 */
export function InitialsIcon({ id, name, size = 40, className }: InitialsIconProps) {
  const text = initials(name);
  return (
    <span
      aria-hidden
      data-initials={text}
      className={cn(
        "inline-flex shrink-0 select-none items-center justify-center font-semibold text-white before:content-[attr(data-initials)]",
        !sets(className, utility.radius) && "rounded-full",
        className,
      )}
      style={{
        width: size,
        height: size,
        backgroundColor: colorFor(id),
        fontSize: Math.max(10, Math.round(size * (text.length > 2 ? 0.3 : 0.38))),
      }}
    />
  );
}
