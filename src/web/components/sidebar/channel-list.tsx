"use client";

import { ChevronDown, Hash, Plus, Video, Volume2, type LucideIcon } from "lucide-react";
import Link from "next/link";
import { useParams } from "next/navigation";
import type { Channel, ChannelType } from "@/shared/api";
import { useChannels } from "../../hooks/use-servers";
import { cn } from "../../lib/cn";
import { describeError } from "../../lib/errors";

const groups: { type: ChannelType; title: string; icon: LucideIcon }[] = [
  { type: "text", title: "Text Channels", icon: Hash },
  { type: "audio", title: "Voice Channels", icon: Volume2 },
  { type: "video", title: "Video Channels", icon: Video },
];

export function ChannelList({ serverId, onCreateChannel }: { serverId: string; onCreateChannel?: () => void }) {
  const channels = useChannels(serverId);
  const { channelId } = useParams<{ channelId?: string }>();

  return (
    <div className="scroll-thin flex-1 overflow-y-auto px-2 pb-2">
      {channels.error && <p className="px-2 pt-4 text-sm text-danger-soft">{describeError(channels.error)}</p>}
      {groups.map(({ type, title, icon }) => {
        const ofType = channels.data?.filter((channel) => channel.type === type) ?? [];
        // The text group always shows, so there is a place for the "create channel" button.
        if (ofType.length === 0 && (type !== "text" || !channels.data)) return null;
        return (
          <section key={type} aria-label={title} className="pt-4">
            <h2 className="flex items-center gap-0.5 px-0.5 pb-1 text-xs font-semibold uppercase tracking-wide text-text-muted">
              <ChevronDown size={12} />
              <span className="flex-1">{title}</span>
              {onCreateChannel && type === "text" && (
                <button
                  type="button"
                  aria-label="Create channel"
                  title="Create channel"
                  onClick={onCreateChannel}
                  className="text-text-muted hover:text-text-strong"
                >
                  <Plus size={16} />
                </button>
              )}
            </h2>
            <ul className="flex flex-col gap-0.5">
              {ofType.map((channel) => (
                <ChannelItem key={channel.id} channel={channel} icon={icon} active={channel.id === channelId} />
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}

function ChannelItem({ channel, icon: Icon, active }: { channel: Channel; icon: LucideIcon; active: boolean }) {
  return (
    <li>
      <Link
        href={`/channels/${channel.serverId}/${channel.id}`}
        data-testid="channel-link"
        data-channel-id={channel.id}
        aria-current={active ? "page" : undefined}
        className={cn(
          "group flex h-8 items-center gap-1.5 rounded px-2 text-[15px]",
          active ? "bg-selected text-white" : "text-text-muted hover:bg-hover hover:text-text",
        )}
      >
        <Icon size={20} className="shrink-0 text-text-muted" />
        <span className="truncate font-medium">{channel.name}</span>
      </Link>
    </li>
  );
}
