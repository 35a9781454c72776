"use client";

import { Settings } from "lucide-react";
import Link from "next/link";
import { useState, type DragEvent } from "react";
import type { Channel } from "@/shared/api";
import { useLongPress } from "../../hooks/use-long-press";
import { useChannelUnread } from "../../hooks/use-unread";
import { cn } from "../../lib/cn";
import { menuPoint } from "../../lib/placement";
import { badgeText } from "../../stores/read-state";
import { VoiceOccupants } from "../voice/voice-occupants";
import { usePlaceMuted } from "../../hooks/use-notification-settings";
import { ChannelIcon } from "./channel-icon";
import { ChannelMenu } from "./sidebar-lazy";

export interface DragProps {
  draggable: boolean;
  onDragStart: (event: DragEvent) => void;
  onDragEnd: () => void;
  onDragOver: (event: DragEvent) => void;
  onDrop: (event: DragEvent) => void;
}

export interface ChannelItemProps {
  channel: Channel;
  active: boolean;
  /** Shows the gear (on hover) when this user may edit the channel. */
  onOpenSettings?: () => void;
  drag: DragProps;
  /** A drop would land just above this row. */
  dropBefore: boolean;
  dragging: boolean;
}

export function ChannelItem({ channel, active, onOpenSettings, drag, dropBefore, dragging }: ChannelItemProps) {
  const { unread, mentions } = useChannelUnread(channel);
  const muted = usePlaceMuted(channel.id, channel.serverId);
  const [menuAt, setMenuAt] = useState<{ x: number; y: number }>();
  const longPress = useLongPress((element) => {
    const box = element.getBoundingClientRect();
    setMenuAt({ x: box.left + 16, y: box.bottom });
  });
  const bold = !active && (unread || mentions > 0);
  return (
    <li
      {...drag}
      {...longPress}
      data-testid="channel-row"
      data-channel-name={channel.name}
      data-unread={bold ? "true" : undefined}
      data-muted={muted ? "true" : undefined}
      // Right click: the channel's actions, and a text channel's notification settings.
      onContextMenu={(e) => {
        longPress.onContextMenu(e);
        e.preventDefault();
        setMenuAt(menuPoint(e));
      }}
      className={cn("relative", dragging && "opacity-40", muted && !active && "opacity-45")}
    >
      {/* Discord's white nub on the left edge marks an unread channel. */}
      {bold && <span aria-hidden className="absolute -left-2 top-1/2 h-2 w-1 -translate-y-1/2 rounded-r bg-text-strong" />}
      {dropBefore && <span aria-hidden className="absolute -top-0.5 left-1 right-1 h-0.5 rounded bg-blurple" />}
      <div
        className={cn(
          "group flex h-8 items-center rounded pr-1.5 max-md:h-11",

          active ? "bg-selected text-text-strong" : bold ? "text-text-strong hover:bg-hover" : "text-text-muted hover:bg-hover hover:text-text",
        )}
      >
        <Link
          href={`/channels/${channel.serverId}/${channel.id}`}
          data-testid="channel-link"
          data-channel-id={channel.id}
          aria-current={active ? "page" : undefined}
          aria-label={bold ? `${channel.name}, unread` : undefined}
          draggable={false}
          className="flex h-full min-w-0 flex-1 items-center gap-1.5 px-2 text-[15px]"
        >
          <ChannelIcon channel={channel} size={20} className={cn("text-text-muted", active && "[--lock-bg-hover:var(--color-selected)] [--lock-bg:var(--color-selected)]")} />
          <span className={cn("truncate", bold ? "font-semibold" : "font-medium")}>{channel.name}</span>
        </Link>
        {mentions > 0 && !active && (
          <span
            data-testid="channel-mention-badge"
            aria-label={`${mentions} mentions`}
            className="ml-1 flex h-4 min-w-4 shrink-0 items-center justify-center rounded-full bg-danger px-1 text-xs font-bold text-white"
          >
            {badgeText(mentions)}
          </span>
        )}
        {onOpenSettings && (
          <button
            type="button"
            aria-label={`Edit channel ${channel.name}`}
            title="Edit Channel"
            data-testid="channel-settings-button"
            onClick={onOpenSettings}
            className={cn(
              "shrink-0 rounded text-text-muted hover:text-text-strong focus-visible:opacity-100 max-md:flex max-md:size-11 max-md:items-center max-md:justify-center",
              active ? "opacity-100" : "opacity-0 group-hover:opacity-100 pointer-coarse:opacity-100",
            )}
          >
            <Settings size={16} />
          </button>
        )}
      </div>
      {channel.serverId && (channel.type === "audio" || channel.type === "video") && <VoiceOccupants serverId={channel.serverId} channelId={channel.id} />}
      {menuAt && <ChannelMenu channel={channel} at={menuAt} onOpenSettings={onOpenSettings} onClose={() => setMenuAt(undefined)} />}
    </li>
  );
}
