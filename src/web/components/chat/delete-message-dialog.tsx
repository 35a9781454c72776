"use client";

import type { Message } from "@/shared/api";
import { deleteMessage } from "../../hooks/message-commands";
import { Button } from "../ui/button";
import { Dialog } from "../ui/dialog";
import { MessageContent } from "./message-content";

/** "Are you sure?" with the message quoted, from the hover toolbar or the phone's action sheet. */
export function DeleteMessageDialog({ message, onClose }: { message: Message; onClose: () => void }) {
  return (
    <Dialog
      open
      onClose={onClose}
      title="Delete Message"
      description="Are you sure you want to delete this message?"
      testId="delete-message-dialog"
    >
      <blockquote className="max-h-40 overflow-hidden rounded border border-divider bg-sidebar p-3 text-sm">
        <div className="font-medium text-text-strong">{message.author.name}</div>
        <div className="whitespace-pre-wrap break-words">
          <MessageContent content={message.content} interactive={false} />
        </div>
      </blockquote>
      <div className="mt-4 flex justify-end gap-2">
        <Button variant="link" className="px-3 text-text" onClick={onClose}>
          Cancel
        </Button>
        <Button
          variant="danger"
          data-testid="confirm-delete"
          onClick={() => {
            onClose();
            void deleteMessage(message.channelId, message.id);
          }}
        >
          Delete
        </Button>
      </div>
    </Dialog>
  );
}
