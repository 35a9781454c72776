"use client";

import { useQuery } from "@tanstack/react-query";
import type { Message } from "@/shared/api";
import { api } from "../../api";
import { describeError } from "../../lib/errors";
import { formatMessageTimestamp } from "../../lib/time";
import { queryKeys } from "../../query-keys";
import { Popover } from "../ui/popover";
import { Spinner } from "../ui/spinner";
import { MessageContent } from "./message-content";

/** The earlier versions of an edited message, beside its "(edited)". */
export function EditHistory({ message, anchor, onClose }: { message: Message; anchor: DOMRect; onClose: () => void }) {
  return (
    <Popover anchor={anchor} onClose={onClose} label="Edit history" align="start" testId="edit-history" className="w-96 p-3">
      <Versions message={message} />
    </Popover>
  );
}

function Versions({ message }: { message: Message }) {
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
              <MessageContent content={edit.content} />
            </div>
          </li>
        ))}
        {edits.data?.length === 0 && <li className="text-text-muted">No earlier versions.</li>}
      </ol>
    </div>
  );
}
