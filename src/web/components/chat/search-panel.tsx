"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { X } from "lucide-react";
import { useRouter } from "next/navigation";
import { useMemo } from "react";
import type { SearchResult } from "@/shared/api";
import { jumpToMessage } from "../../hooks/use-channel-messages";
import { describeError } from "../../lib/errors";
import { splitHighlights } from "../../lib/highlight-text";
import { mentionsAsText } from "../../lib/mentions";
import { formatMessageTimestamp } from "../../lib/time";
import type { SearchScope } from "./search-scope";
import { useChatUi } from "../../stores/chat-ui";
import { Button } from "../ui/button";
import { Avatar } from "../ui/avatar";
import { Spinner } from "../ui/spinner";

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
  const parts = useMemo(() => {
    const text = mentionsAsText(hit.content, scope.names, { markdown: false });
    return splitHighlights(text, hit.highlights);
  }, [hit, scope.names]);

  const open = () => {
    // Started before navigating, so the channel opens on the page around the hit, not the latest one.
    void jumpToMessage(hit.channelId, hit.id);
    router.push(scope.hrefOf(hit.channelId));
  };

  return (
    <li>
      <button
        type="button"
        data-testid="search-result"
        data-message-id={hit.id}
        onClick={open}
        className="w-full rounded-md bg-chat p-3 text-left ring-1 ring-black/20 hover:ring-blurple"
      >
        <div className="mb-1 flex items-center gap-1 text-xs font-semibold text-text-muted">
          {scope.placeOf(hit.channelId)}
        </div>
        <div className="flex gap-3">
          <Avatar id={hit.author.id} name={hit.author.name} image={hit.author.image} size={32} />
          <div className="min-w-0 flex-1">
            <div className="flex items-baseline gap-2">
              <span className="font-medium text-text-strong">{hit.author.name}</span>
              <time dateTime={hit.createdAt} className="text-xs text-text-muted">
                {formatMessageTimestamp(hit.createdAt)}
              </time>
            </div>
            <p className="line-clamp-4 whitespace-pre-wrap break-words text-sm text-text">
              {parts.map((part, index) =>
                part.hit ? (
                  <mark key={index} data-testid="search-highlight" className="rounded-sm bg-[#f0b232]/40 px-px text-text-strong">
                    {part.text}
                  </mark>
                ) : (
                  <span key={index}>{part.text}</span>
                ),
              )}
            </p>
          </div>
        </div>
      </button>
    </li>
  );
}
