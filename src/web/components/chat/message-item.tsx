import { memo } from "react";
import { cn } from "../../lib/cn";
import type { MessageEntry } from "../../lib/message-entries";
import { formatMessageTimestamp, formatShortTime } from "../../lib/time";
import { InitialsIcon } from "../ui/initials-icon";

export interface MessageItemProps {
  entry: MessageEntry;
  groupStart: boolean;
  onRetry: (nonce: string) => void;
}

/** One message, Discord style: the first of a group carries avatar, name and time. */
export const MessageItem = memo(function MessageItem({ entry, groupStart, onRetry }: MessageItemProps) {
  const pending = entry.status === "pending";
  const failed = entry.status === "failed";
  return (
    <li
      data-testid="message"
      data-message-id={entry.id ?? undefined}
      data-nonce={entry.nonce ?? undefined}
      data-pending={pending ? "true" : "false"}
      data-status={entry.status}
      className={cn("group relative flex pl-[72px] pr-12 hover:bg-message-hover", groupStart ? "mt-[17px] py-0.5" : "py-0.5")}
    >
      {groupStart ? (
        <InitialsIcon id={entry.author.id} name={entry.author.name} size={40} className="absolute left-4 top-1" />
      ) : (
        <time
          dateTime={entry.createdAt}
          className="absolute left-0 top-1 hidden w-[68px] pr-1 text-center text-[11px] leading-[22px] text-text-muted group-hover:block"
        >
          {formatShortTime(entry.createdAt)}
        </time>
      )}
      <div className="min-w-0 flex-1">
        {groupStart && (
          <h3 className="flex items-baseline gap-2 leading-[22px]">
            <span className="font-medium text-text-strong" data-testid="message-author">
              {entry.author.name}
            </span>
            <time dateTime={entry.createdAt} className="text-xs text-text-muted">
              {formatMessageTimestamp(entry.createdAt)}
            </time>
          </h3>
        )}
        <div
          data-testid="message-content"
          className={cn(
            "whitespace-pre-wrap break-words leading-[22px]",
            pending && "text-text-muted",
            failed && "text-danger",
            !pending && !failed && "text-text",
          )}
        >
          {entry.content}
        </div>
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
            </button>
          </p>
        )}
      </div>
    </li>
  );
});
