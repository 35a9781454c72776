"use client";

import { useCallback, useMemo, useState } from "react";
import type { Channel } from "@/shared/api";
import { jumpToMessage, useChannelMessages } from "../../hooks/use-channel-messages";
import { useMe } from "../../hooks/use-me";
import { useMyTimeout } from "../../hooks/use-my-timeout";
import { useSendMessage } from "../../hooks/use-send-message";
import { useTypingSignal } from "../../hooks/use-typing-signal";
import { formatShortTime } from "../../lib/time";
import { useChatUi } from "../../stores/chat-ui";
import { useReadStateStore } from "../../stores/read-state";
import { ChannelHeader } from "./channel-header";
import { ChatContextProvider, useChatContextValue } from "./chat-context";
import { Composer } from "./composer";
import { MessageList } from "./message-list";
import { ReplyBar } from "./reply-preview";
import { TypingIndicator } from "./typing-indicator";
import type { UnreadInfo } from "./unread-bars";

interface OpenedAt {
  lastReadId: string | null;
  count: number;
}

/** A text channel: header, history, composer. Keyed by channel so a switch starts afresh. */
export function TextChannel({ serverId, channel }: { serverId: string; channel: Channel }) {
  const me = useMe();
  const myId = me.data?.id;
  const ctx = useChatContextValue(serverId, channel, myId);
  const timedOutUntil = useMyTimeout(serverId, myId);
  const { channel: messages, loadOlder, loadNewer, jumpToPresent, retry } = useChannelMessages(channel.id);
  const { send, retry: retrySend, discard } = useSendMessage(channel.id, me.data);
  const typing = useTypingSignal(channel.id);
  const replyingTo = useChatUi((s) => s.replyingTo[channel.id]);

  // My cursor as it was when I opened the channel, taken once the cursors are known: the
  // divider must stay where it was while acks move the live cursor past it.
  const readsLoaded = useReadStateStore((s) => s.loaded);
  const [openedAt, setOpenedAt] = useState<OpenedAt | null>();
  if (openedAt === undefined && readsLoaded) {
    const read = useReadStateStore.getState().reads[channel.id];
    setOpenedAt(read?.lastReadId && read.unreadCount > 0 ? { lastReadId: read.lastReadId, count: read.unreadCount } : null);
  }

  const unread: UnreadInfo | undefined = useMemo(
    () =>
      openedAt
        ? {
            ...openedAt,
            onJumpMissing: () => openedAt.lastReadId && void jumpToMessage(channel.id, openedAt.lastReadId),
            onMarkRead: () => setOpenedAt(null),
          }
        : undefined,
    [openedAt, channel.id],
  );

  const onSend = useCallback(
    (content: string) => {
      // Sending from an older stretch brings the present back first, as Discord does.
      if (messages.hasMoreAfter) jumpToPresent();
      send(content, { replyTo: replyingTo });
      typing.sent();
      useChatUi.getState().setReplyingTo(channel.id, undefined);
      setOpenedAt(null);
    },
    [messages.hasMoreAfter, jumpToPresent, send, replyingTo, typing, channel.id],
  );

  const editLast = useCallback(() => {
    const lastMine = [...messages.order].reverse().find((id) => messages.byId[id]?.author.id === myId);
    if (lastMine) useChatUi.getState().setEditing({ channelId: channel.id, messageId: lastMine });
  }, [messages, myId, channel.id]);

  const disabledReason = timedOutUntil
    ? `You are timed out until ${formatShortTime(timedOutUntil)}. You can read, but not send.`
    : ctx.maySend
      ? undefined
      : "You do not have permission to send messages in this channel.";
  const mentionSources = useMemo(
    () => ({ members: ctx.members, roles: ctx.roles, mayMentionEveryone: ctx.mayMentionEveryone, serverId }),
    [ctx.members, ctx.roles, ctx.mayMentionEveryone, serverId],
  );

  return (
    <ChatContextProvider value={ctx}>
      <ChannelHeader channel={channel} serverId={serverId} />
      <MessageList
        channelId={channel.id}
        channelName={channel.name}
        channel={messages}
        unread={unread}
        myId={myId}
        onLoadOlder={loadOlder}
        onLoadNewer={loadNewer}
        onJumpToPresent={jumpToPresent}
        onRetryLoad={retry}
        onRetrySend={retrySend}
        onDiscard={discard}
      />
      <div className="shrink-0 px-4">
        {replyingTo && <ReplyBar channelId={channel.id} message={replyingTo} />}
        <Composer
          channelId={channel.id}
          placeholder={`Message #${channel.name}`}
          disabledReason={disabledReason}
          onSend={onSend}
          mentionSources={mentionSources}
          onTyping={typing.typed}
          onEditLast={editLast}
          onCancelReply={replyingTo ? () => useChatUi.getState().setReplyingTo(channel.id, undefined) : undefined}
          slowmodeSeconds={ctx.mayManageMessages ? 0 : channel.slowmodeSeconds}
          attachedTop={!!replyingTo}
          focusKey={replyingTo?.id}
        />
        <TypingIndicator channelId={channel.id} myId={myId} />
      </div>
    </ChatContextProvider>
  );
}
