import { Folder, Hash, Video, Volume2 } from "lucide-react";
import type { Channel } from "@/shared/api";

const icons = { text: Hash, audio: Volume2, video: Video, category: Folder } as const;

export function ChannelHeader({ channel }: { channel: Channel | undefined }) {
  const Icon = channel ? icons[channel.type] : Hash;
  return (
    <header className="flex h-12 shrink-0 items-center gap-2 border-b border-rail px-4 shadow-sm">
      <Icon size={22} className="shrink-0 text-text-muted" />
      <h2 className="truncate font-semibold text-text-strong" data-testid="channel-title">
        {channel?.name ?? ""}
      </h2>
      {channel?.topic && (
        <>
          <span className="mx-2 h-6 w-px bg-divider" />
          <p className="truncate text-sm text-text-muted">{channel.topic}</p>
        </>
      )}
    </header>
  );
}
