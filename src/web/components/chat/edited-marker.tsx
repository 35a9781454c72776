"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { Message } from "@/shared/api";
import { api } from "../../api";
import { describeError } from "../../lib/errors";
import { formatMessageTimestamp } from "../../lib/time";
import { queryKeys } from "../../query-keys";
import { Popover } from "../ui/popover";
import { Spinner } from "../ui/spinner";
import { useChatContext } from "./chat-context";
import { MentionText } from "./mention-pill";

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
        <Popover anchor={anchor} onClose={() => setAnchor(undefined)} label="Edit history" align="start" testId="edit-history" className="w-96 p-3">
          <EditHistory message={message} />
        </Popover>
      )}
    </>
  );
}

function EditHistory({ message }: { message: Message }) {
  const edits = useQuery({
    queryKey: queryKeys.edits(message.channelId, message.id),
    queryFn: () => api.messageEdits(message.channelId, message.id),
  });
  return (
    <div className="text-sm">
      <h3 className="mb-2 text-xs font-bold uppercase tracking-wide text-text-muted">Edit history</h3>
      {edits.isPending && <Spinner />}
      {edits.error && <p className="text-danger-soft">{describeError(edits.error)}</p>}
      <ol className="scroll-thin flex max-h-72 flex-col gap-2 overflow-y-auto">
        {[...(edits.data ?? [])].reverse().map((edit, index) => (
          <li key={index} className="rounded bg-field-deep p-2" data-testid="edit-version">
            <div className="mb-1 text-xs text-text-muted">Replaced {formatMessageTimestamp(edit.replacedAt)}</div>
            <div className="whitespace-pre-wrap break-words">
              <MentionText text={edit.content} />
            </div>
          </li>
        ))}
        {edits.data?.length === 0 && <li className="text-text-muted">No earlier versions.</li>}
      </ol>
    </div>
  );
}
