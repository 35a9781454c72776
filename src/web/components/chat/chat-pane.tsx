"use client";

import { Hash, Video, Volume2 } from "lucide-react";
import type { ReactNode } from "react";
import type { Channel } from "@/shared/api";
import { Permission } from "@/shared/permissions";
import { useChannelMessages } from "../../hooks/use-channel-messages";
import { useMe } from "../../hooks/use-me";
import { useSendMessage } from "../../hooks/use-send-message";
import { useChannels } from "../../hooks/use-servers";
import { useMyTimeout } from "../../hooks/use-my-timeout";
import { describeError } from "../../lib/errors";
import { can } from "../../lib/permissions";
import { formatShortTime } from "../../lib/time";
import { Spinner } from "../ui/spinner";
import { ChannelHeader } from "./channel-header";
import { Composer } from "./composer";
import { MessageList } from "./message-list";

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
        <ChannelHeader channel={channel} />
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

function TextChannel({ serverId, channel }: { serverId: string; channel: Channel }) {
  const me = useMe();
  const timedOutUntil = useMyTimeout(serverId, me.data?.id);
  const { channel: messages, loadOlder, retry } = useChannelMessages(channel.id);
  const { send, retry: retrySend } = useSendMessage(channel.id, me.data);
  // A missing permissions field means the server did not say; it still enforces the rule on send.
  const maySend = channel.permissions === undefined || can(channel.permissions, Permission.SendMessages);
  const name = channel.name;

  return (
    <>
      <ChannelHeader channel={channel} />
      <MessageList
        channelName={name}
        channel={messages}
        onLoadOlder={loadOlder}
        onRetryLoad={retry}
        onRetrySend={retrySend}
      />
      <Composer
        placeholder={`Message #${name}`}
        disabledReason={
          timedOutUntil
            ? `You are timed out until ${formatShortTime(timedOutUntil)}. You can read, but not send.`
            : maySend
              ? undefined
              : "You do not have permission to send messages in this channel."
        }
        onSend={send}
      />
    </>
  );
}

function Note({ children }: { children: ReactNode }) {
  return <div className="flex flex-1 flex-col items-center justify-center gap-3 p-6 text-center text-text-muted">{children}</div>;
}
