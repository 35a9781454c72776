"use client";

import { MessagesSquare } from "lucide-react";
import { InboxButton } from "../notifications/inbox-button";
import { DrawerButton } from "../shell/mobile-drawer";

/** `/channels/me` with nothing open: a header with the inbox (as on Discord's home), and where to start. */
export function NoConversation() {
  return (
    <div className="flex min-w-0 flex-1 flex-col">
      <header className="flex h-12 shrink-0 items-center gap-2 border-b border-rail px-4 shadow-sm">
        <DrawerButton />
        <h2 className="truncate font-semibold text-text-strong">Direct Messages</h2>
        <div className="ml-auto flex shrink-0 items-center gap-3">
          <InboxButton />
        </div>
      </header>
      <div data-testid="dm-empty" className="flex flex-1 flex-col items-center justify-center gap-3 p-6 text-center">
        <span className="flex size-20 items-center justify-center rounded-full bg-field text-text-muted">
          <MessagesSquare size={40} />
        </span>
        <h2 className="text-xl font-semibold text-text-strong">No conversation open</h2>
        <p className="max-w-sm text-sm text-text-muted">
          Pick a conversation on the left, press <b>Ctrl+K</b> to find someone, or start a group with the <b>+</b> button.
          Anyone who shares a server with you can be messaged from their profile.
        </p>
      </div>
    </div>
  );
}
