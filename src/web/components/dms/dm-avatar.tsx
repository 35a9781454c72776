"use client";

import { Users } from "lucide-react";
import type { DmChannel } from "@/shared/api";
import { colorFor } from "../../lib/initials";
import { Avatar } from "../ui/avatar";
import { StatusDot } from "../ui/status-dot";
import { dmName, isGroupDm } from "./dm-format";

export interface DmAvatarProps {
  dm: DmChannel;
  size?: number;
  /** The ring around the presence dot, matching what is behind it. */
  ringClass?: string;
}

/** A person's initials with their presence, or a group's emoji (a generic group picture without one). */
export function DmAvatar({ dm, size = 32, ringClass = "border-sidebar" }: DmAvatarProps) {
  if (isGroupDm(dm)) {
    return (
      <span
        aria-hidden
        data-testid="dm-group-icon"
        className="inline-flex shrink-0 select-none items-center justify-center rounded-full text-white"
        style={{ width: size, height: size, backgroundColor: colorFor(dm.id), fontSize: Math.round(size * 0.55) }}
      >
        {dm.icon ?? <Users size={Math.round(size * 0.55)} />}
      </span>
    );
  }
  const other = dm.recipients[0];
  return (
    <span className="relative shrink-0">
      <Avatar id={other?.id ?? dm.id} name={dmName(dm)} image={other?.image} size={size} />
      {other && <StatusDot userId={other.id} className={ringClass} />}
    </span>
  );
}
