"use client";

import { useState } from "react";
import { sizedImageUrl } from "../../lib/attachments";
import { cn, sets, utility } from "../../lib/cn";
import { InitialsIcon } from "./initials-icon";

export interface AvatarProps {
  id: string;
  name: string;
  /** The uploaded picture's URL, or null for initials. */
  image: string | null | undefined;
  size?: number;
  /** A corner radius here (`rounded-2xl`) replaces the circle. */
  className?: string;
}

/**
 * A person's (or server's) picture when they uploaded one, their initials otherwise or
 * when it fails to load. Asks for the kept square that stays sharp on a 2x screen.
 */
export function Avatar({ id, name, image, size = 40, className }: AvatarProps) {
  const [failed, setFailed] = useState<string>();
  if (!image || failed === image) return <InitialsIcon id={id} name={name} size={size} className={className} />;
  return (
    <img
      src={sizedImageUrl(image, size)}
      alt=""
      aria-hidden
      width={size}
      height={size}
      draggable={false}
      data-testid="avatar-image"
      onError={() => setFailed(image)}
      className={cn(
        "inline-block shrink-0 select-none bg-secondary object-cover",
        !sets(className, utility.radius) && "rounded-full",
        className,
      )}
      style={{ width: size, height: size }}
    />
  );
}
