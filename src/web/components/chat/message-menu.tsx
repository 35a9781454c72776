"use client";

import { BellDot, Copy, Link2, Pencil, Pin, PinOff, Reply, SmilePlus, Trash2 } from "lucide-react";
import { useState } from "react";
import type { Message } from "@/shared/api";
import { messagePath } from "@/shared/notifications";
import { setPinned, toggleReaction } from "../../hooks/message-commands";
import { markUnread } from "../../hooks/read-marks";
import { copyText } from "../../lib/clipboard";
import { useChatUi } from "../../stores/chat-ui";
import { useToasts } from "../../stores/toasts";
import { Menu, MenuItem, MenuSeparator } from "../ui/menu";
import { type ChatContextValue, useChatContext } from "./chat-context";
import { DeleteMessageDialog } from "./delete-message-dialog";
import { EmojiPicker } from "./emoji-picker-lazy";

/** What this person may do to a message: the same rules as the hover toolbar and its keys. */
export function messageAbilities(message: Message, ctx: ChatContextValue) {
  const mine = message.author.id === ctx.myId;
  // A call's system line is not a person's words: nothing to edit or reply to.
  const said = message.type !== "call";
  return {
    reply: ctx.maySend && said,
    react: ctx.mayReact,
    edit: mine && said,
    pin: ctx.mayManageMessages,
    copyText: !!message.content,
    delete: mine || ctx.mayManageMessages,
  };
}

/** The address of a message, whole, to paste anywhere: it opens the message in its place. */
export function messageLink(message: Message, serverId: string | null): string {
  return `${window.location.origin}${messagePath(serverId, message.channelId, message.id)}`;
}

export function copyWithToast(text: string): void {
  void copyText(text).then((ok) => useToasts.getState().show(ok ? "Copied to clipboard." : "Could not copy.", ok ? "info" : "error"));
}

export interface MessageMenuProps {
  message: Message;
  /** The message as read (mentions as names), for Copy Text. */
  text: string;
  at: { x: number; y: number };
  onClose: () => void;
}

/** A right click on a message: Discord's context menu, each entry only when the server would accept it. */
export function MessageMenu({ message, text, at, onClose }: MessageMenuProps) {
  const ctx = useChatContext();
  const may = messageAbilities(message, ctx);
  const [next, setNext] = useState<"menu" | "picker" | "delete">("menu");
  const run = (action: () => void) => () => {
    onClose();
    action();
  };

  if (next === "picker") {
    return (
      <EmojiPicker
        anchor={new DOMRect(at.x, at.y, 0, 0)}
        onPick={(emoji) => void toggleReaction(message.channelId, message.id, emoji)}
        onClose={onClose}
      />
    );
  }
  if (next === "delete") return <DeleteMessageDialog message={message} onClose={onClose} />;

  return (
    <Menu at={at} onClose={onClose} label="Message actions" testId="message-menu">
      {may.react && (
        <MenuItem testId="message-menu-react" icon={<SmilePlus size={16} />} onSelect={() => setNext("picker")}>
          Add Reaction
        </MenuItem>
      )}
      {may.edit && (
        <MenuItem
          testId="message-menu-edit"
          icon={<Pencil size={16} />}
          onSelect={run(() => useChatUi.getState().setEditing({ channelId: message.channelId, messageId: message.id }))}
        >
          Edit Message
        </MenuItem>
      )}
      {may.reply && (
        <MenuItem testId="message-menu-reply" icon={<Reply size={16} />} onSelect={run(() => useChatUi.getState().setReplyingTo(message.channelId, message))}>
          Reply
        </MenuItem>
      )}
      {may.pin && (
        <MenuItem
          testId={message.pinned ? "message-menu-unpin" : "message-menu-pin"}
          icon={message.pinned ? <PinOff size={16} /> : <Pin size={16} />}
          onSelect={run(() => void setPinned(message, !message.pinned))}
        >
          {message.pinned ? "Unpin Message" : "Pin Message"}
        </MenuItem>
      )}
      <MenuSeparator />
      {may.copyText && (
        <MenuItem testId="message-menu-copy-text" icon={<Copy size={16} />} onSelect={run(() => copyWithToast(text))}>
          Copy Text
        </MenuItem>
      )}
      <MenuItem testId="message-menu-copy-link" icon={<Link2 size={16} />} onSelect={run(() => copyWithToast(messageLink(message, ctx.serverId)))}>
        Copy Message Link
      </MenuItem>
      <MenuItem testId="message-menu-mark-unread" icon={<BellDot size={16} />} onSelect={run(() => void markUnread(message.channelId, message.id))}>
        Mark Unread
      </MenuItem>
      {may.delete && (
        <>
          <MenuSeparator />
          <MenuItem danger testId="message-menu-delete" icon={<Trash2 size={16} />} onSelect={() => setNext("delete")}>
            Delete Message
          </MenuItem>
        </>
      )}
    </Menu>
  );
}
