"use client";

import { memo, useState, type MouseEvent } from "react";
import { isJumboEmoji } from "../../lib/emoji-text";
import { mentionsAsText, mentionsMe } from "../../lib/mentions";
import { cn } from "../../lib/cn";
import { menuPoint } from "../../lib/placement";
import type { MessageEntry } from "../../lib/message-entries";
import { formatMessageTimestamp, formatShortTime } from "../../lib/time";
import { useChatUi } from "../../stores/chat-ui";
import { besideAnchor } from "../profile/banner";
import { ProfilePopover } from "../profile/profile-popover-lazy";
import { MessageAttachments } from "../attachments/message-attachments";
import { Avatar } from "../ui/avatar";
import { CallLine } from "./call-line";
import { useChatContext } from "./chat-context";
import { EditedMarker } from "./edited-marker";
import { useLongPress } from "../../hooks/use-long-press";
import { MessageActionSheet, MessageMenu } from "./composer-lazy";
import { MessageActions } from "./message-actions";
import { MessageContent } from "./message-content";
import { MessageEditor } from "./composer-lazy";
import { Reactions } from "./reactions";
import { SystemLine } from "./system-line";
import { ReplyPreview } from "./reply-preview";

export interface MessageItemProps {
  entry: MessageEntry;
  groupStart: boolean;
  flash: boolean;
  /** The list's one Tab stop (arrows move between messages). */
  tabStop?: boolean;
  onRetry: (nonce: string) => void;
  onDiscard: (nonce: string) => void;
}

/** One message, Discord style: the first of a group carries avatar, name and time. */
export const MessageItem = memo(function MessageItem({ entry, groupStart, flash, tabStop, onRetry, onDiscard }: MessageItemProps) {
  const ctx = useChatContext();
  const message = entry.message;
  const editing = useChatUi((s) => !!message && s.editing?.messageId === message.id);
  const waiting = entry.status === "pending" || entry.status === "queued";
  const failed = entry.status === "failed";
  const mentioned = !!message && mentionsMe(message, ctx.myId, ctx.myRoleIds);
  const names = { user: ctx.userName, role: (id: string) => ctx.role(id)?.name };
  const [profileAt, setProfileAt] = useState<DOMRect>();
  // Beside the name, whichever of name or avatar was clicked, as Discord does.
  const openProfile = (event: MouseEvent<HTMLElement>) => {
    const name = event.currentTarget.closest("li")?.querySelector("[data-testid=message-author]") ?? event.currentTarget;
    setProfileAt(besideAnchor(name, "right"));
  };
  // Touch screens have no hover toolbar: a long press opens the same actions as a sheet.
  const [sheetAt, setSheetAt] = useState<DOMRect>();
  const longPress = useLongPress((element) => setSheetAt(element.getBoundingClientRect()), { enabled: !!message && !editing });
  // A right click: the same actions as a menu at the pointer (a link keeps the browser's own).
  const [menuAt, setMenuAt] = useState<{ x: number; y: number }>();
  const onContextMenu = (event: MouseEvent<HTMLElement>) => {
    longPress.onContextMenu(event);
    if (event.defaultPrevented || !message || editing || (event.target as HTMLElement).closest("a[href]")) return;
    event.preventDefault();
    setMenuAt(menuPoint(event));
  };

  if (message?.type === "call" && message.call) return <CallLine message={{ ...message, call: message.call }} flash={flash} tabStop={tabStop} />;
  if (message?.type === "join" || message?.type === "pin") return <SystemLine message={{ ...message, type: message.type }} flash={flash} tabStop={tabStop} />;

  return (
    <li
      {...longPress}
      onContextMenu={onContextMenu}
      data-testid="message"
      data-key={entry.key}
      tabIndex={tabStop ? 0 : -1}
      data-message-id={entry.id ?? undefined}
      data-nonce={entry.nonce ?? undefined}
      data-pending={waiting ? "true" : "false"}
      data-status={entry.status}
      data-mentioned={mentioned ? "true" : undefined}
      data-pinned={message?.pinned ? "true" : undefined}
      className={cn(
        "focus-inset group relative pl-[72px] pr-12 text-[length:var(--chat-font-size)] focus-within:bg-message-hover max-md:pr-4 pointer-coarse:select-none pointer-coarse:[-webkit-touch-callout:none]",
        groupStart ? "mt-[17px] py-0.5 compact:mt-1" : "py-0.5 compact:py-px",
        mentioned ? "shadow-[inset_2px_0_0_#f0b232] hover:bg-[#f0b232]/[0.08]" : "hover:bg-message-hover",
        editing ? "bg-message-hover" : mentioned && "bg-[#f0b232]/10",
        flash && "animate-[flash_2s_ease-out]",
      )}
    >
      {entry.replyTo && <ReplyPreview channelId={ctx.channelId} replyTo={entry.replyTo} />}
      <div className="relative">
        {groupStart ? (
          <button
            type="button"
            aria-label={`Profile of ${entry.author.name}`}
            data-testid="message-avatar"
            onClick={openProfile}
            className="absolute -left-14 top-0.5 rounded-full active:translate-y-px compact:hidden"
          >
            <Avatar id={entry.author.id} name={entry.author.name} image={entry.author.image} size={40} />
          </button>
        ) : (
          <time
            dateTime={entry.createdAt}
            className="absolute -left-[72px] top-0 hidden w-[68px] pr-1 text-center text-[11px] leading-[calc(var(--chat-font-size)*1.375)] text-text-muted group-hover:block group-focus-within:block"
          >
            {formatShortTime(entry.createdAt)}
          </time>
        )}
        {groupStart && (
          // Compact: the time in the gutter, the name inline before the text.
          <time
            dateTime={entry.createdAt}
            className="absolute -left-[72px] top-0 hidden w-[68px] pr-1 text-center text-[11px] leading-[calc(var(--chat-font-size)*1.375)] text-text-muted compact:block"
          >
            {formatShortTime(entry.createdAt)}
          </time>
        )}
        {groupStart && (
          <h3 className="flex items-baseline gap-2 leading-[1.375] compact:mr-1 compact:inline-flex">
            <button
              type="button"
              className="font-medium text-text-strong hover:underline"
              data-testid="message-author"
              onClick={openProfile}
            >
              {entry.author.name}
            </button>
            <time dateTime={entry.createdAt} className="text-xs text-text-muted compact:hidden">
              {formatMessageTimestamp(entry.createdAt)}
            </time>
          </h3>
        )}
        {/* A message in a run has no name on screen; a screen reader still says who wrote it. */}
        {!groupStart && <span className="sr-only">{entry.author.name}: </span>}
        {editing && message ? (
          <MessageEditor message={message} />
        ) : (
          <div
            data-testid="message-content"
            data-jumbo={isJumboEmoji(entry.content) || undefined}
            className={cn(
              "whitespace-pre-wrap break-words leading-[1.375] compact:inline",
              waiting && "text-text-muted",
              failed && "text-danger-soft",
              !waiting && !failed && "text-text",
            )}
          >
            <MessageContent content={entry.content} />
            {message?.editedAt && <EditedMarker message={message} />}
          </div>
        )}
        <MessageAttachments attachments={entry.attachments} />
        {entry.status === "queued" && (
          <p className="text-xs text-text-muted" data-testid="queued-note">
            Waiting for the connection — it will be sent when you are back online.
          </p>
        )}
        {failed && entry.nonce && (
          <p className="text-sm text-danger-soft" role="alert">
            Not sent{entry.error ? `: ${entry.error}` : "."}{" "}
            <button
              type="button"
              data-testid="retry-message"
              onClick={() => entry.nonce && onRetry(entry.nonce)}
              className="font-medium text-link hover:underline"
            >
              Retry
            </button>{" "}
            ·{" "}
            <button
              type="button"
              data-testid="discard-message"
              onClick={() => entry.nonce && onDiscard(entry.nonce)}
              className="font-medium text-link hover:underline"
            >
              Delete
            </button>
          </p>
        )}
        {message && <Reactions message={message} mayReact={ctx.mayReact} />}
      </div>
      {message && !editing && <MessageActions message={message} />}
      {message && sheetAt && (
        <MessageActionSheet
          message={message}
          text={mentionsAsText(message.content, names)}
          anchor={sheetAt}
          onClose={() => setSheetAt(undefined)}
        />
      )}
      {message && menuAt && (
        <MessageMenu message={message} text={mentionsAsText(message.content, names)} at={menuAt} onClose={() => setMenuAt(undefined)} />
      )}
      {profileAt && (
        <ProfilePopover
          userId={entry.author.id}
          fallbackName={entry.author.name}
          anchor={profileAt}
          onClose={() => setProfileAt(undefined)}
        />
      )}
    </li>
  );
});
