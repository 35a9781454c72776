"use client";

import { useCallback, useMemo, useState, type ReactNode } from "react";
import type { CandidateSources } from "../../lib/mentions";
import { jumpToMessage, useChannelMessages } from "../../hooks/use-channel-messages";
import { useBlockedIds } from "../../hooks/use-blocks";
import { useMe } from "../../hooks/use-me";
import { useSendMessage } from "../../hooks/use-send-message";
import { sendWithUploads } from "../../hooks/upload-attachments-lazy";
import { useTypingSignal } from "../../hooks/use-typing-signal";
import { useChatUi } from "../../stores/chat-ui";
import { useReadStateStore } from "../../stores/read-state";
import { DropZone } from "../attachments/drop-zone";
import { ChatContextProvider, type ChatContextValue } from "./chat-context";
import { Composer } from "./composer";
import { MessageList } from "./message-list";
import { ReplyBar } from "./reply-preview";
import { TypingIndicator } from "./typing-indicator";
import type { UnreadInfo } from "./unread-bars";

interface OpenedAt {
  lastReadId: string | null;
  count: number;
}

export interface ChatBodyProps {
  ctx: ChatContextValue;
  channelName: string;
  placeholder: string;
  disabledReason?: string;
  slowmodeSeconds?: number;
  mentionSources?: CandidateSources;
  /** Drawn inside the chat context, so its pins and menus can use it. */
  header: ReactNode;
  beginning?: ReactNode;
}

/**
 * History and composer of one conversation, a server channel or a direct message alike;
 * the caller brings the header and what may be done here (the context). Keyed by channel.
 */
export function ChatBody(props: ChatBodyProps) {
  const { ctx, channelName, placeholder, disabledReason, slowmodeSeconds, mentionSources } = props;
  const channelId = ctx.channelId;
  const me = useMe();
  const myId = me.data?.id;
  const blocked = useBlockedIds();
  const { channel: messages, loadOlder, loadNewer, jumpToPresent, retry } = useChannelMessages(channelId);
  const { send, retry: retrySend, discard } = useSendMessage(channelId, me.data);
  const typing = useTypingSignal(channelId);
  const replyingTo = useChatUi((s) => s.replyingTo[channelId]);

  // My cursor as it was when I opened the channel, taken once the cursors are known: the
  // divider must stay where it was while acks move the live cursor past it.
  const readsLoaded = useReadStateStore((s) => s.loaded);
  const [openedAt, setOpenedAt] = useState<OpenedAt | null>();
  if (openedAt === undefined && readsLoaded) {
    const read = useReadStateStore.getState().reads[channelId];
    setOpenedAt(read?.lastReadId && read.unreadCount > 0 ? { lastReadId: read.lastReadId, count: read.unreadCount } : null);
  }

  // Mark Unread here moves the divider to where it put the cursor.
  const marked = useReadStateStore((s) => s.markedUnread[channelId]);
  const [seenMark, setSeenMark] = useState(marked);
  if (marked !== seenMark) {
    setSeenMark(marked);
    if (marked) setOpenedAt({ lastReadId: marked.lastReadId, count: marked.count });
  }

  const unread: UnreadInfo | undefined = useMemo(
    () =>
      openedAt
        ? {
            ...openedAt,
            onJumpMissing: () => openedAt.lastReadId && void jumpToMessage(channelId, openedAt.lastReadId),
            onMarkRead: () => {
              useReadStateStore.getState().releaseUnread(channelId);
              setOpenedAt(null);
            },
          }
        : undefined,
    [openedAt, channelId],
  );

  const onSend = useCallback(
    (content: string) => {
      // Sending from an older stretch brings the present back first, as Discord does.
      if (messages.hasMoreAfter) jumpToPresent();
      // Goes once the files picked so far are uploaded (at once when there are none or they are done).
      sendWithUploads(channelId, (attachments) => {
        if (content.trim() || attachments.length > 0) send(content, { replyTo: replyingTo, attachments });
      });
      typing.sent();
      useChatUi.getState().setReplyingTo(channelId, undefined);
      useReadStateStore.getState().releaseUnread(channelId);
      setOpenedAt(null);
    },
    [messages.hasMoreAfter, jumpToPresent, send, replyingTo, typing, channelId],
  );

  const editLast = useCallback(() => {
    const lastMine = [...messages.order].reverse().find((id) => messages.byId[id]?.author.id === myId && messages.byId[id]?.type === "default");
    if (lastMine) useChatUi.getState().setEditing({ channelId, messageId: lastMine });
  }, [messages, myId, channelId]);

  const mayAttach = (ctx.mayAttach ?? true) && !disabledReason;

  return (
    <ChatContextProvider value={ctx}>
      <DropZone channelId={channelId} target={ctx.serverId ? `#${channelName}` : channelName} enabled={mayAttach}>
        {props.header}
        <MessageList
          channelId={channelId}
          channelName={channelName}
          channel={messages}
          unread={unread}
          myId={myId}
          blockedIds={blocked}
          beginning={props.beginning}
          onLoadOlder={loadOlder}
          onLoadNewer={loadNewer}
          onJumpToPresent={jumpToPresent}
          onRetryLoad={retry}
          onRetrySend={retrySend}
          onDiscard={discard}
        />
        <div className="shrink-0 px-4">
          {replyingTo && <ReplyBar channelId={channelId} message={replyingTo} />}
          <Composer
            channelId={channelId}
            placeholder={placeholder}
            disabledReason={disabledReason}
            onSend={onSend}
            mentionSources={mentionSources}
            onTyping={typing.typed}
            onEditLast={editLast}
            onCancelReply={replyingTo ? () => useChatUi.getState().setReplyingTo(channelId, undefined) : undefined}
            slowmodeSeconds={slowmodeSeconds}
            attachedTop={!!replyingTo}
            focusKey={replyingTo?.id}
            mayAttach={mayAttach}
          />
          <TypingIndicator channelId={channelId} myId={myId} />
        </div>
      </DropZone>
    </ChatContextProvider>
  );
}
