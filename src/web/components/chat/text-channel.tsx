"use client";

import { useMemo } from "react";
import type { Channel } from "@/shared/api";
import { useMe } from "../../hooks/use-me";
import { useMyTimeout } from "../../hooks/use-my-timeout";
import { useChannels } from "../../hooks/use-servers";
import { formatShortTime } from "../../lib/time";
import { ChannelHeader } from "./channel-header";
import { ChatBody } from "./chat-body";
import { useChatContextValue } from "./chat-context";

/** A text channel: header, history, composer. Keyed by channel so a switch starts afresh. */
export function TextChannel({ serverId, channel }: { serverId: string; channel: Channel }) {
  const me = useMe();
  const myId = me.data?.id;
  const ctx = useChatContextValue(serverId, channel, myId);
  const timedOutUntil = useMyTimeout(serverId, myId);
  const channels = useChannels(serverId);

  const disabledReason = timedOutUntil
    ? `You are timed out until ${formatShortTime(timedOutUntil)}. You can read, but not send.`
    : ctx.maySend
      ? undefined
      : "You do not have permission to send messages in this channel.";
  const mentionSources = useMemo(
    () => ({ members: ctx.members, roles: ctx.roles, mayMentionEveryone: ctx.mayMentionEveryone, serverId, channels: channels.data }),
    [ctx.members, ctx.roles, ctx.mayMentionEveryone, serverId, channels.data],
  );

  return (
    <ChatBody
      header={<ChannelHeader channel={channel} serverId={serverId} />}
      ctx={ctx}
      channelName={channel.name}
      placeholder={`Message #${channel.name}`}
      disabledReason={disabledReason}
      slowmodeSeconds={ctx.mayManageMessages ? 0 : channel.slowmodeSeconds}
      mentionSources={mentionSources}
    />
  );
}
