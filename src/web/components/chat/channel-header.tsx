"use client";

import { Hash, Pin, Search, X } from "lucide-react";
import { useRef, useState } from "react";
import type { Channel } from "@/shared/api";
import { cn } from "../../lib/cn";
import { useChatUi } from "../../stores/chat-ui";
import { DrawerButton } from "../shell/mobile-drawer";
import { ChannelIcon } from "../sidebar/channel-icon";
import { MembersButton } from "../shell/member-sheet";
import { PinsPopover } from "./composer-lazy";
import { BellButton } from "../notifications/bell-button";
import { InboxButton } from "../notifications/inbox-button";

export function ChannelHeader({ channel, serverId }: { channel: Channel | undefined; serverId: string }) {
  return (
    <header className="flex h-12 shrink-0 items-center gap-2 border-b border-rail px-4 shadow-sm">
      <DrawerButton />
      {channel ? (
        <ChannelIcon channel={channel} size={22} className="text-text-muted [--lock-bg-hover:var(--color-chat)] [--lock-bg:var(--color-chat)]" />
      ) : (
        <Hash size={22} className="shrink-0 text-text-muted" />
      )}
      <h2 className="truncate font-semibold text-text-strong" data-testid="channel-title">
        {channel?.name ?? ""}
      </h2>
      {channel?.topic && (
        <>
          <span className="mx-2 h-6 w-px bg-divider max-md:hidden" />
          <p className="min-w-0 truncate text-sm text-text-muted max-md:hidden">{channel.topic}</p>
        </>
      )}
      <div className="ml-auto flex shrink-0 items-center gap-3 max-md:gap-0">
        {/* On a phone the bell's choices are in the channel's long-press menu: the name needs the room. */}
        {channel?.type === "text" && (
          <span className="contents max-md:hidden">
            <BellButton channelId={channel.id} serverId={serverId} name={`#${channel.name}`} />
          </span>
        )}
        {channel?.type === "text" && <PinsButton channelId={channel.id} />}
        <SearchBox scope={serverId} label="Search this server" />
        <InboxButton />
        <MembersButton />
      </div>
    </header>
  );
}

function PinsButton({ channelId }: { channelId: string }) {
  const [anchor, setAnchor] = useState<DOMRect>();
  return (
    <>
      <button
        type="button"
        aria-label="Pinned Messages"
        title="Pinned Messages"
        data-testid="pins-button"
        aria-haspopup="dialog"
        aria-expanded={!!anchor}
        onClick={(e) => setAnchor(anchor ? undefined : e.currentTarget.getBoundingClientRect())}
        className="flex items-center justify-center text-text-muted hover:text-text-strong max-md:size-11"
      >
        <Pin size={20} />
      </button>
      {anchor && <PinsPopover channelId={channelId} anchor={anchor} onClose={() => setAnchor(undefined)} />}
    </>
  );
}

/**
 * Searches the whole server (or the whole conversation), as Discord's header box does;
 * results open beside the chat.
 */
export function SearchBox({ scope, label }: { scope: string; label: string }) {
  const open = useChatUi((s) => (s.search?.scope === scope ? s.search : null));
  const [text, setText] = useState(open?.query ?? "");
  const input = useRef<HTMLInputElement>(null);
  const submit = () => {
    const query = text.trim();
    useChatUi.getState().setSearch(query ? { scope, query } : null);
  };
  return (
    <form
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      // On a phone the box is its magnifier until used; a tap anywhere on it starts typing.
      onClick={() => input.current?.focus()}
      className={cn(
        "flex h-6 w-36 items-center rounded bg-field-deep px-1.5 transition-all focus-within:w-60",
        "max-md:mx-1 max-md:h-8 max-md:focus-within:w-36",
        text ? "max-md:w-28" : "max-md:w-8 max-md:justify-center max-md:px-0 max-md:focus-within:px-1.5",
      )}
    >
      <input
        ref={input}
        data-testid="search-input"
        aria-label={label}
        placeholder="Search"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Escape") {
            setText("");
            useChatUi.getState().setSearch(null);
          }
        }}
        className={cn(
          "min-w-0 flex-1 bg-transparent text-sm text-text outline-none placeholder:text-text-muted",
          !text && "max-md:w-0 max-md:flex-none max-md:focus:w-auto max-md:focus:flex-1",
        )}
      />
      {text ? (
        <button
          type="button"
          aria-label="Clear search"
          onClick={() => {
            setText("");
            useChatUi.getState().setSearch(null);
          }}
          className="text-text-muted hover:text-text"
        >
          <X size={14} />
        </button>
      ) : (
        <Search size={14} className="text-text-muted" />
      )}
    </form>
  );
}
