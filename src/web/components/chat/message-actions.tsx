"use client";

import { Pencil, Pin, PinOff, Reply, SmilePlus, Trash2 } from "lucide-react";
import { useState, type MouseEvent, type ReactNode } from "react";
import type { Message } from "@/shared/api";
import { deleteMessage, setPinned, toggleReaction } from "../../hooks/message-commands";
import { useChatUi } from "../../stores/chat-ui";
import { useChatContext } from "./chat-context";
import { DeleteMessageDialog } from "./composer-lazy";
import { EmojiPicker } from "./emoji-picker-lazy";

/** The toolbar on a hovered message; only what this person may do shows. */
export function MessageActions({ message }: { message: Message }) {
  const ctx = useChatContext();
  const [pickerAt, setPickerAt] = useState<DOMRect>();
  const [confirming, setConfirming] = useState(false);
  const mine = message.author.id === ctx.myId;
  // A system line (call, join, pin) is not a person's words: nothing to edit or reply to.
  const said = message.type === "default";
  // A server's join and pin lines are the server's: only moderators remove them.
  const serverLine = ctx.serverId !== null && (message.type === "join" || message.type === "pin");
  const mayDelete = (mine && !serverLine) || ctx.mayManageMessages;

  return (
    <>
      <div
        data-testid="message-actions"
        className={`absolute -top-4 right-4 z-10 items-center rounded-md bg-chat shadow ring-1 ring-black/20 group-hover:flex group-focus-within:flex ${pickerAt ? "flex" : "hidden"}`}
      >
        {ctx.mayReact && (
          <Action label="Add Reaction" testId="action-react" expanded={!!pickerAt} onClick={(e) => setPickerAt(e.currentTarget.getBoundingClientRect())}>
            <SmilePlus size={18} />
          </Action>
        )}
        {ctx.maySend && said && (
          <Action label="Reply" testId="action-reply" onClick={() => useChatUi.getState().setReplyingTo(message.channelId, message)}>
            <Reply size={18} />
          </Action>
        )}
        {mine && said && (
          <Action
            label="Edit"
            testId="action-edit"
            onClick={() => useChatUi.getState().setEditing({ channelId: message.channelId, messageId: message.id })}
          >
            <Pencil size={18} />
          </Action>
        )}
        {ctx.mayManageMessages && (
          <Action
            label={message.pinned ? "Unpin Message" : "Pin Message"}
            testId={message.pinned ? "action-unpin" : "action-pin"}
            onClick={() => void setPinned(message, !message.pinned)}
          >
            {message.pinned ? <PinOff size={18} /> : <Pin size={18} />}
          </Action>
        )}
        {mayDelete && (
          <Action
            label="Delete Message"
            testId="action-delete"
            danger
            // Shift skips the question, as in Discord, for people cleaning up quickly.
            onClick={(e) => (e.shiftKey ? void deleteMessage(message.channelId, message.id) : setConfirming(true))}
          >
            <Trash2 size={18} />
          </Action>
        )}
        {pickerAt && (
          <EmojiPicker
            anchor={pickerAt}
            onPick={(emoji) => void toggleReaction(message.channelId, message.id, emoji)}
            onClose={() => setPickerAt(undefined)}
          />
        )}
      </div>
      {confirming && <DeleteMessageDialog message={message} onClose={() => setConfirming(false)} />}
    </>
  );
}

interface ActionProps {
  label: string;
  testId: string;
  danger?: boolean;
  /** For a trigger of a popup: whether it is open. */
  expanded?: boolean;
  onClick: (event: MouseEvent<HTMLButtonElement>) => void;
  children: ReactNode;
}

function Action({ label, testId, danger, expanded, onClick, children }: ActionProps) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      aria-haspopup={expanded === undefined ? undefined : "dialog"}
      aria-expanded={expanded}
      data-testid={testId}
      onClick={onClick}
      className={`flex size-8 items-center justify-center rounded text-text-muted hover:bg-hover ${danger ? "hover:text-danger-soft" : "hover:text-text-strong"}`}
    >
      {children}
    </button>
  );
}
