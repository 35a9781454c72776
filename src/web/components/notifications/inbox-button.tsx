"use client";

import { Inbox } from "lucide-react";
import { useState } from "react";
import { useInboxUnread } from "../../hooks/use-inbox";
import { countText } from "../../lib/tab-badge";
import { InboxPanel } from "./notifications-lazy";

/** The header's inbox: a red count while mentions, replies or missed calls wait unread. */
export function InboxButton() {
  const [anchor, setAnchor] = useState<DOMRect>();
  const unread = useInboxUnread();
  return (
    <>
      <button
        type="button"
        aria-label={unread > 0 ? `Inbox, ${unread} unread` : "Inbox"}
        title="Inbox"
        data-testid="inbox-button"
        aria-haspopup="dialog"
        aria-expanded={!!anchor}
        onClick={(e) => setAnchor(anchor ? undefined : e.currentTarget.getBoundingClientRect())}
        className="relative flex items-center justify-center text-text-muted hover:text-text-strong max-md:size-11"
      >
        <Inbox size={20} />
        {unread > 0 && (
          <span
            data-testid="inbox-badge"
            aria-hidden
            className="absolute -bottom-1 -right-1.5 box-content flex h-3.5 min-w-3.5 items-center justify-center rounded-full border-2 border-chat bg-danger px-0.5 text-[10px] font-bold leading-none text-white max-md:bottom-1.5 max-md:right-1"
          >
            {countText(unread)}
          </span>
        )}
      </button>
      {anchor && <InboxPanel anchor={anchor} onClose={() => setAnchor(undefined)} />}
    </>
  );
}
