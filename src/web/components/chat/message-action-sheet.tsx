"use client";

import { BellDot, Copy, Link2, Pencil, Pin, PinOff, Reply, SmilePlus, Trash2 } from "lucide-react";
import { useEffect, useRef, useState, type ReactNode } from "react";
import type { Message } from "@/shared/api";
import { setPinned, toggleReaction } from "../../hooks/message-commands";
import { markUnread } from "../../hooks/read-marks";
import { useChatUi } from "../../stores/chat-ui";
import { Emoji } from "../ui/emoji";
import { useChatContext } from "./chat-context";
import { DeleteMessageDialog } from "./delete-message-dialog";
import { EmojiPicker } from "./emoji-picker-lazy";
import { copyWithToast, messageLink } from "./message-menu";

const quickReactions = ["👍", "❤️", "😂", "😮", "😢", "🎉"];

export interface MessageActionSheetProps {
  message: Message;
  /** The message as read (mentions as names), for Copy Text. */
  text: string;
  /** Where the message is, to anchor the emoji picker. */
  anchor: DOMRect;
  onClose: () => void;
}

/**
 * What a long press on a message opens on a touch screen: the hover toolbar's actions
 * (and Copy Text) as a sheet from the bottom, as Discord's mobile app does.
 */
export function MessageActionSheet({ message, text, anchor, onClose }: MessageActionSheetProps) {
  const ctx = useChatContext();
  const ref = useRef<HTMLDialogElement>(null);
  const [next, setNext] = useState<"menu" | "picker" | "delete">("menu");
  const mine = message.author.id === ctx.myId;
  // A system line (call, join, pin) is not a person's words: nothing to edit or reply to.
  const said = message.type === "default";
  // A server's join and pin lines are the server's: only moderators remove them.
  const serverLine = ctx.serverId !== null && (message.type === "join" || message.type === "pin");
  const mayDelete = (mine && !serverLine) || ctx.mayManageMessages;

  useEffect(() => {
    const dialog = ref.current;
    if (next === "menu" && dialog && !dialog.open) dialog.showModal();
  }, [next]);

  const run = (action: () => void) => () => {
    action();
    onClose();
  };

  if (next === "picker") {
    return (
      <EmojiPicker anchor={anchor} onPick={(emoji) => void toggleReaction(message.channelId, message.id, emoji)} onClose={onClose} />
    );
  }
  if (next === "delete") return <DeleteMessageDialog message={message} onClose={onClose} />;

  return (
    <dialog
      ref={ref}
      aria-label="Message actions"
      data-testid="message-action-sheet"
      onClose={(event) => {
        if (event.target === event.currentTarget && next === "menu") onClose();
      }}
      onClick={(event) => {
        if (event.target === event.currentTarget) ref.current?.close();
      }}
      className="mx-0 mb-0 mt-auto max-h-[80dvh] w-full max-w-none rounded-t-2xl bg-sidebar p-0 pb-[env(safe-area-inset-bottom)] text-text md:mx-auto md:max-w-md"
    >
      <div className="mx-auto mt-2 h-1 w-10 rounded-full bg-divider" aria-hidden />
      {ctx.mayReact && (
        <div className="flex justify-between gap-1 px-4 pt-3">
          {quickReactions.map((emoji) => (
            <button
              key={emoji}
              type="button"
              aria-label={`React with ${emoji}`}
              data-testid="sheet-quick-react"
              onClick={run(() => void toggleReaction(message.channelId, message.id, emoji))}
              className="flex size-11 items-center justify-center rounded-full bg-chat"
            >
              <Emoji char={emoji} loading="eager" className="size-6" />
            </button>
          ))}
        </div>
      )}
      <ul className="m-3 overflow-hidden rounded-lg bg-chat">
        {ctx.mayReact && (
          <SheetItem icon={<SmilePlus size={20} />} testId="sheet-react" onClick={() => setNext("picker")}>
            Add Reaction
          </SheetItem>
        )}
        {ctx.maySend && said && (
          <SheetItem
            icon={<Reply size={20} />}
            testId="sheet-reply"
            onClick={run(() => useChatUi.getState().setReplyingTo(message.channelId, message))}
          >
            Reply
          </SheetItem>
        )}
        {mine && said && (
          <SheetItem
            icon={<Pencil size={20} />}
            testId="sheet-edit"
            onClick={run(() => useChatUi.getState().setEditing({ channelId: message.channelId, messageId: message.id }))}
          >
            Edit Message
          </SheetItem>
        )}
        {ctx.mayManageMessages && (
          <SheetItem
            icon={message.pinned ? <PinOff size={20} /> : <Pin size={20} />}
            testId={message.pinned ? "sheet-unpin" : "sheet-pin"}
            onClick={run(() => void setPinned(message, !message.pinned))}
          >
            {message.pinned ? "Unpin Message" : "Pin Message"}
          </SheetItem>
        )}
        {message.content && (
          <SheetItem
            icon={<Copy size={20} />}
            testId="sheet-copy"
            onClick={run(() => copyWithToast(text))}
          >
            Copy Text
          </SheetItem>
        )}
        <SheetItem icon={<Link2 size={20} />} testId="sheet-copy-link" onClick={run(() => copyWithToast(messageLink(message, ctx.serverId)))}>
          Copy Message Link
        </SheetItem>
        <SheetItem icon={<BellDot size={20} />} testId="sheet-mark-unread" onClick={run(() => void markUnread(message.channelId, message.id))}>
          Mark Unread
        </SheetItem>
        {mayDelete && (
          <SheetItem icon={<Trash2 size={20} />} testId="sheet-delete" danger onClick={() => setNext("delete")}>
            Delete Message
          </SheetItem>
        )}
      </ul>
    </dialog>
  );
}

interface SheetItemProps {
  icon: ReactNode;
  testId: string;
  danger?: boolean;
  onClick: () => void;
  children: ReactNode;
}

function SheetItem({ icon, testId, danger, onClick, children }: SheetItemProps) {
  return (
    <li className="border-b border-divider last:border-b-0">
      <button
        type="button"
        data-testid={testId}
        onClick={onClick}
        className={`flex min-h-12 w-full items-center gap-3 px-4 text-left font-medium hover:bg-hover ${danger ? "text-danger-soft" : "text-text"}`}
      >
        {icon}
        {children}
      </button>
    </li>
  );
}
