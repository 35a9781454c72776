import { ArrowDown, ArrowUp } from "lucide-react";
import { badgeText } from "../../stores/read-state";

export interface UnreadInfo {
  /** My cursor when the channel was opened. */
  lastReadId: string | null;
  /** Unread messages then (capped by the server). */
  count: number;
  /** The first unread is not loaded: fetch the page around the cursor. */
  onJumpMissing: () => void;
  onMarkRead: () => void;
}

/** The blue bar on top of the list while the first unread message is above the view. */
export function UnreadBar({ info, onJump }: { info: UnreadInfo; onJump: () => void }) {
  const noun = info.count === 1 ? "new message" : "new messages";
  return (
    <div
      data-testid="unread-bar"
      className="absolute inset-x-4 top-0 z-10 flex h-6 items-center rounded-b-lg bg-blurple pl-3 text-sm font-medium text-white shadow"
    >
      <button type="button" data-testid="jump-to-unread" onClick={onJump} className="flex h-full min-w-0 flex-1 items-center gap-1 text-left whitespace-nowrap">
        <span className="truncate">
          {badgeText(info.count)} {noun}
        </span>
        {/* On a phone the arrow alone says it: the words would not fit beside the count. */}
        <span className="ml-auto flex items-center gap-1 pr-3">
          <span className="max-md:sr-only">Jump to first unread</span> <ArrowUp size={14} aria-hidden />
        </span>
      </button>
      <button
        type="button"
        data-testid="mark-read"
        onClick={info.onMarkRead}
        className="h-full shrink-0 rounded-br-lg border-l border-white/30 px-3 whitespace-nowrap hover:bg-blurple-hover"
      >
        Mark as read
      </button>
    </div>
  );
}

/** Shown while reading an older stretch after a jump: live messages wait below. */
export function JumpToPresentBar({ onJump }: { onJump: () => void }) {
  return (
    <div className="absolute inset-x-4 bottom-2 z-10 flex h-8 items-center justify-between rounded-lg bg-sidebar px-3 text-sm text-text-muted shadow-lg ring-1 ring-black/30">
      You are viewing older messages
      <button type="button" data-testid="jump-to-present" onClick={onJump} className="flex items-center gap-1 font-medium text-link hover:underline">
        Jump to present <ArrowDown size={14} />
      </button>
    </div>
  );
}
