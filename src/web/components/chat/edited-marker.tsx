"use client";

import { useState } from "react";
import type { Message } from "@/shared/api";
import { formatMessageTimestamp } from "../../lib/time";
import { useChatContext } from "./chat-context";
import { EditHistory } from "./composer-lazy";

/** "(edited)"; the author and moderators can open the earlier versions. */
export function EditedMarker({ message }: { message: Message }) {
  const ctx = useChatContext();
  const [anchor, setAnchor] = useState<DOMRect>();
  const mayReadHistory = message.author.id === ctx.myId || ctx.mayManageMessages;
  const editedAt = message.editedAt ? formatMessageTimestamp(message.editedAt) : "";

  if (!mayReadHistory) {
    return (
      <span data-testid="edited-marker" title={editedAt} className="ml-1 select-none text-[10px] text-text-muted">
        (edited)
      </span>
    );
  }
  return (
    <>
      <button
        type="button"
        data-testid="edited-marker"
        title={`${editedAt} — click for earlier versions`}
        onClick={(e) => setAnchor(e.currentTarget.getBoundingClientRect())}
        className="ml-1 text-[10px] text-text-muted hover:underline"
      >
        (edited)
      </button>
      {anchor && (
        <EditHistory message={message} anchor={anchor} onClose={() => setAnchor(undefined)} />
      )}
    </>
  );
}
