"use client";

import { Hash } from "lucide-react";
import type { ReactNode } from "react";
import { useChannels } from "../../hooks/use-servers";
import { describeError } from "../../lib/errors";
import { Spinner } from "../ui/spinner";
import { VoiceRoomView } from "../voice/voice-lazy";
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
    return (
      <>
        <ChannelHeader channel={channel} serverId={serverId} />
        <VoiceRoomView serverId={serverId} channel={channel} />
      </>
    );
  }
  // Keyed so a channel switch starts with a fresh scroll position and an empty composer.
  return <TextChannel key={channel.id} serverId={serverId} channel={channel} />;
}

function Note({ children }: { children: ReactNode }) {
  return <div className="flex flex-1 flex-col items-center justify-center gap-3 p-6 text-center text-text-muted">{children}</div>;
}
