"use client";

import { X } from "lucide-react";
import Link from "next/link";
import type { DmChannel } from "@/shared/api";
import { cn } from "../../lib/cn";
import { badgeText, useReadStateStore } from "../../stores/read-state";
import { DmAvatar } from "./dm-avatar";
import { usePlaceMuted } from "../../hooks/use-notification-settings";
import { dmName, isGroupDm } from "./dm-format";

export interface DmItemProps {
  dm: DmChannel;
  active: boolean;
  onClose: () => void;
}

/** One conversation in the list: bold with a count while unread, an × on hover to close it. */
export function DmItem({ dm, active, onClose }: DmItemProps) {
  const unreadCount = useReadStateStore((s) => (s.loaded ? (s.reads[dm.id]?.unreadCount ?? 0) : 0));
  const muted = usePlaceMuted(dm.id, null);
  const unread = unreadCount > 0 && !active && !muted;
  const name = dmName(dm);
  const group = isGroupDm(dm);
  return (
    <li
      data-testid="dm-item"
      data-channel-id={dm.id}
      data-unread={unread ? "true" : undefined}
      data-muted={muted ? "true" : undefined}
      className={cn("relative", muted && !active && "opacity-50")}
    >
      {unread && <span aria-hidden className="absolute -left-2 top-1/2 h-2 w-1 -translate-y-1/2 rounded-r bg-text-strong" />}
      <div
        className={cn(
          "group flex h-[42px] items-center rounded pr-1.5 max-md:h-12",

          active ? "bg-selected text-text-strong" : unread ? "text-text-strong hover:bg-hover" : "text-text-muted hover:bg-hover hover:text-text",
        )}
      >
        <Link
          href={`/channels/me/${dm.id}`}
          aria-current={active ? "page" : undefined}
          data-testid="dm-link"
          className="flex h-full min-w-0 flex-1 items-center gap-3 px-2"
        >
          <DmAvatar dm={dm} ringClass={active ? "border-selected" : "border-sidebar group-hover:border-hover"} />
          <span className="min-w-0 flex-1 leading-tight">
            <span className={cn("block truncate text-[15px]", unread ? "font-semibold" : "font-medium")} data-testid="dm-name">
              {name}
            </span>
            {group && (
              <span className={cn("block truncate text-xs", active ? "text-text" : "text-text-muted")}>
                {dm.recipients.length + 1} {dm.recipients.length + 1 === 1 ? "Member" : "Members"}
              </span>
            )}
          </span>
        </Link>
        {unread && (
          <span
            data-testid="dm-unread"
            aria-label={`${unreadCount} unread`}
            className="ml-1 flex h-4 min-w-4 shrink-0 items-center justify-center rounded-full bg-danger px-1 text-xs font-bold text-white group-hover:hidden"
          >
            {badgeText(unreadCount)}
          </span>
        )}
        <button
          type="button"
          aria-label={group ? `Leave ${name}` : `Close conversation with ${name}`}
          title={group ? "Leave Group" : "Close DM"}
          data-testid="dm-close"
          onClick={onClose}
          className="hidden shrink-0 rounded p-0.5 text-text-muted hover:text-text-strong focus-visible:block group-hover:block pointer-coarse:block max-md:p-3"
        >
          <X size={16} />
        </button>
      </div>
    </li>
  );
}
