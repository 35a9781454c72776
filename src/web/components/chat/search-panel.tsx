"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { X } from "lucide-react";
import { useRouter } from "next/navigation";
import { useMemo } from "react";
import type { SearchResult } from "@/shared/api";
import { jumpToMessage } from "../../hooks/use-channel-messages";
import { describeError } from "../../lib/errors";
import { formatMessageTimestamp } from "../../lib/time";
import type { SearchScope } from "./search-scope";
import { useChatUi } from "../../stores/chat-ui";
import { Button } from "../ui/button";
import { Avatar } from "../ui/avatar";
import { Spinner } from "../ui/spinner";
import { MentionNamesProvider, type MentionNames } from "./mention-pill";
import { MessageContent } from "./message-content";

const pageSize = 25;
type Hit = SearchResult["messages"][number];

export { useServerSearchScope, type SearchScope } from "./search-scope";

/** Results of a search beside the chat; a click opens the message in its context. */
/** Closes the results; the focus, which was in them, goes back to the search box. */
function closeSearch(): void {
  useChatUi.getState().setSearch(null);
  document.querySelector<HTMLElement>("[data-testid=search-input]")?.focus();
}

export function SearchPanel({ scope, query }: { scope: SearchScope; query: string }) {
  const results = useInfiniteQuery({
    queryKey: scope.queryKey(query),
    queryFn: ({ pageParam }) => scope.fetchPage(query, { limit: pageSize, offset: pageParam }),
    initialPageParam: 0,
    getNextPageParam: (last, pages) => {
      const seen = pages.reduce((n, p) => n + p.messages.length, 0);
      return seen < last.total && last.messages.length > 0 ? seen : undefined;
    },
  });
  const hits = results.data?.pages.flatMap((p) => p.messages) ?? [];
  const total = results.data?.pages[0]?.total;

  return (
    <aside
      aria-label="Search results"
      data-testid="search-panel"
      className="flex w-[420px] shrink-0 flex-col bg-sidebar"
      // Escape anywhere in the results closes them and puts the cursor back in the search box.
      onKeyDown={(event) => {
        if (event.key === "Escape" && !event.nativeEvent.defaultPrevented) closeSearch();
      }}
    >
      <header className="flex h-12 shrink-0 items-center gap-2 border-b border-rail px-4">
        <h2 className="flex-1 truncate text-sm font-semibold text-text-strong" data-testid="search-total">
          {total === undefined ? "Searching…" : `${total} ${total === 1 ? "Result" : "Results"}`}
        </h2>
        <button
          type="button"
          aria-label="Close search"
          onClick={closeSearch}
          className="rounded p-1 text-text-muted hover:text-text-strong"
        >
          <X size={18} />
        </button>
      </header>
      <div className="scroll-thin flex-1 overflow-y-auto p-3">
        {results.isPending && <Spinner />}
        {results.error && <p className="text-sm text-danger-soft">{describeError(results.error)}</p>}
        {total === 0 && (
          <p className="py-8 text-center text-sm text-text-muted">
            No results. Try other words, or filters like from:, in:, has:link, before:2025-01-31.
          </p>
        )}
        <ul className="flex flex-col gap-2">
          {hits.map((hit) => (
            <SearchHit key={hit.id} scope={scope} hit={hit} />
          ))}
        </ul>
        {results.hasNextPage && (
          <Button variant="secondary" className="mt-3 h-8 w-full" disabled={results.isFetchingNextPage} onClick={() => void results.fetchNextPage()}>
            {results.isFetchingNextPage ? "Loading…" : "More results"}
          </Button>
        )}
      </div>
    </aside>
  );
}

function SearchHit({ scope, hit }: { scope: SearchScope; hit: Hit }) {
  const router = useRouter();
  const names = useMemo<MentionNames>(
    () => ({ userName: scope.names.user, role: (id) => scope.names.role(id), channel: scope.names.channel }),
    [scope.names],
  );

  const open = () => {
    // Started before navigating, so the channel opens on the page around the hit, not the latest one.
    void jumpToMessage(hit.channelId, hit.id);
    router.push(scope.hrefOf(hit.channelId));
  };

  // The card is the click target (Discord's search); a keyboard reaches it by its Jump button, and
  // a spoiler inside reveals on its own click without opening the message.
  return (
    <li>
      <div
        data-testid="search-result"
        data-message-id={hit.id}
        onClick={(event) => {
          if (!event.defaultPrevented) open();
        }}
        className="group relative cursor-pointer rounded-md bg-chat p-3 text-left ring-1 ring-black/20 hover:ring-blurple focus-within:ring-blurple"
      >
        <div className="mb-1 flex items-center gap-1 text-xs font-semibold text-text-muted">
          {scope.placeOf(hit.channelId)}
        </div>
        <button
          type="button"
          data-testid="search-jump"
          aria-label={`Jump to the message from ${hit.author.name}`}
          onClick={(event) => {
            event.preventDefault();
            open();
          }}
          className="absolute right-2 top-2 rounded bg-field px-2 py-0.5 text-xs font-medium text-text opacity-0 group-hover:opacity-100 focus-visible:opacity-100 hover:bg-selected"
        >
          Jump
        </button>
        <div className="flex gap-3">
          <Avatar id={hit.author.id} name={hit.author.name} image={hit.author.image} size={32} />
          <div className="min-w-0 flex-1">
            <div className="flex items-baseline gap-2">
              <span className="font-medium text-text-strong">{hit.author.name}</span>
              <time dateTime={hit.createdAt} className="text-xs text-text-muted">
                {formatMessageTimestamp(hit.createdAt)}
              </time>
            </div>
            <div data-testid="search-result-content" className="max-h-32 overflow-hidden whitespace-pre-wrap break-words text-sm text-text">
              <MentionNamesProvider value={names}>
                <MessageContent content={hit.content} interactive={false} highlights={hit.highlights} />
              </MentionNamesProvider>
            </div>
          </div>
        </div>
      </div>
    </li>
  );
}
