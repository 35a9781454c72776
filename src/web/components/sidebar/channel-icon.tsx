import { Folder, Hash, Lock, Video, Volume2 } from "lucide-react";
import type { Channel } from "@/shared/api";
import { cn } from "../../lib/cn";
import { isPrivateChannel } from "../../lib/permissions";

const icons = { text: Hash, audio: Volume2, video: Video, category: Folder } as const;

/** A channel's type icon; a private channel's carries a small lock at its top right, as Discord draws it. */
export function ChannelIcon({ channel, size, className }: { channel: Pick<Channel, "type" | "serverId" | "overwrites">; size: number; className?: string }) {
  const Icon = icons[channel.type];
  const locked = isPrivateChannel(channel);
  return (
    <span aria-hidden className={cn("relative inline-flex shrink-0", className)} data-private={locked ? "true" : undefined} title={locked ? "Private channel" : undefined}>
      <Icon size={size} />
      {locked && (
        <Lock
          size={Math.round(size * 0.5)}
          strokeWidth={3}
          data-testid="channel-lock"
          className="absolute -right-1 -top-1 rounded-full bg-[var(--lock-bg,var(--color-sidebar))] p-px group-hover:bg-[var(--lock-bg-hover,var(--color-hover))]"
        />
      )}
    </span>
  );
}
