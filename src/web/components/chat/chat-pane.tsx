"use client";

import { Hash, Video, Volume2 } from "lucide-react";
import type { ReactNode } from "react";
import { useChannels } from "../../hooks/use-servers";
import { describeError } from "../../lib/errors";
import { Spinner } from "../ui/spinner";
import { ChannelHeader } from "./channel-header";
import { TextChannel } from "./text-channel";

export function ChatPane({ serverId, channelId }: { serverId: string; channelId: string }) {
  const channels = useChannels(serverId);
  const channel = channels.data?.find((c) => c.id === channelId);

  if (channels.error) return <Note>{describeError(channels.error)}</Note>;
  if (!channels.data) {
    return (
      <Note>
        <Spinner />
      </Note>
    );
  }
  if (!channel || channel.type === "category") {
    return (
      <Note>
        <Hash size={40} />
        This channel does not exist, or you cannot see it.
      </Note>
    );
  }
  if (channel.type !== "text") {
    const Icon = channel.type === "audio" ? Volume2 : Video;
    return (
      <>
        <ChannelHeader channel={channel} serverId={serverId} />
        <Note>
          <Icon size={40} />
          {channel.type === "audio" ? "Voice" : "Video"} rooms are coming soon. Meanwhile, talk in a text channel.
        </Note>
      </>
    );
  }
  // Keyed so a channel switch starts with a fresh scroll position and an empty composer.
  return <TextChannel key={channel.id} serverId={serverId} channel={channel} />;
}

function Note({ children }: { children: ReactNode }) {
  return <div className="flex flex-1 flex-col items-center justify-center gap-3 p-6 text-center text-text-muted">{children}</div>;
}
